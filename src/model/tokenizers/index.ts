import { HuggingFaceTokenizer, isHuggingFaceTokenizerJson, type TokenizerConfig } from './huggingface.ts';
import { Llama2cTokenizer, type Llama2cVocabulary } from './llama2c.ts';
import { SentencePieceUnigram, type SentencePieceVocabulary } from './sentencepiece.ts';
import type { TextTokenizer } from './types.ts';

export type { Encoding, GenerativeTokenizer, TextTokenizer } from './types.ts';
export { isGenerativeTokenizer } from './types.ts';

export { wordPieceTokenizerJson, HuggingFaceTokenizer } from './huggingface.ts';
export type { TokenizerConfig } from './huggingface.ts';

/**
 * The tokenizer a tokenizer.json describes: ours (a converted model's, whose `type` picks the
 * algorithm) or Hugging Face's (with its tokenizer_config.json, when there is one).
 */
export function tokenizerFromJson(json: unknown, config?: TokenizerConfig): TextTokenizer {
  if (isHuggingFaceTokenizerJson(json)) return new HuggingFaceTokenizer(json, config);
  const type = typeof json === 'object' && json !== null && 'type' in json ? json.type : undefined;
  if (type === 'sentencepiece-unigram') return new SentencePieceUnigram(json as SentencePieceVocabulary);
  if (type === 'llama2c-bpe') return new Llama2cTokenizer(json as Llama2cVocabulary);
  throw new Error(
    `unsupported tokenizer.json (type ${JSON.stringify(type)}): expected a Hugging Face tokenizer.json or one written by npm run prepare-models`,
  );
}
