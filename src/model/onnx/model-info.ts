import { z } from 'zod';

/**
 * model-info.json: what the app needs to know to run a converted model. Written beside
 * model.onnx and tokenizer.json by `npm run prepare-models`; validated when loaded.
 */
export const modelInfoSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  license: z.string().min(1),
  /** Where the weights come from (package or URL). */
  source: z.string().min(1),
  layers: z.number().int().positive(),
  heads: z.number().int().positive(),
  /** Longest input the model accepts; longer inputs must be cut to this many tokens. */
  maxTokens: z.number().int().positive(),
  causal: z.boolean(),
  tokenizer: z.enum(['sentencepiece-unigram', 'llama2c-bpe']),
  /** Token id the input must start with (causal LMs), if any. */
  bosId: z.number().int().nonnegative().optional(),
  inputName: z.string().min(1),
  inputType: z.enum(['int32', 'int64']),
  /** One output per layer, float32 [1, heads, T, T]: query i row, key j column. */
  attentionOutputs: z.array(z.string().min(1)).min(1),
  /** One output per layer, float32 [1, heads, T]: attention each key receives, summed over queries. */
  receivedOutputs: z.array(z.string().min(1)),
  /** float32 [1, dim] L2-normalised sentence embedding (encoders). */
  embeddingOutput: z.string().min(1).optional(),
  /** float32 [1, T, vocab] next-token logits (causal LMs). */
  logitsOutput: z.string().min(1).optional(),
  /** Size and SHA-256 (hex) of model.onnx. */
  bytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export type ModelInfo = z.infer<typeof modelInfoSchema>;
