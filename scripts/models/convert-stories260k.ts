import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GraphBuilder, encodeModel } from '../../src/model/onnx/graph-builder.ts';
import {
  causalMask,
  declareAttentionOutputs,
  dotProductAttention,
  leadingRows,
  linear,
  mergeHeads,
  receivedAttention,
  splitHeads,
  tokenIdsInput,
  attentionOutputNames,
  receivedOutputNames,
} from '../../src/model/onnx/transformer-ops.ts';
import type { Llama2cVocabulary } from '../../src/model/tokenizers/llama2c.ts';
import { describeModel, sha256Hex, type ConvertedModel } from './converted-model.ts';

/**
 * stories260K (llama2.c checkpoint, Llama-2 architecture) -> ONNX. Format and architecture:
 * ../shared/models/stories260K/README.md; the forward pass is llama2.c's `forward`.
 */

const BASE_URL = 'https://huggingface.co/karpathy/tinyllamas/resolve/main/stories260K';
export const STORIES_FILES = {
  checkpoint: { name: 'stories260K.bin', sha256: 'b0a507e7ad0f626624f17112325e66691f9076d622e1d3274d103d00299f2696' },
  tokenizer: { name: 'tok512.bin', sha256: '037cb335abb25d1fa9e8ecae30ed2a3a8ace9302862ebcdc05d51a6bbb10c312' },
} as const;

const RMS_EPSILON = 1e-5;
const ROPE_THETA = 10000;
const BOS_ID = 1;
const EOS_ID = 2;

export interface Llama2cConfig {
  readonly dim: number;
  readonly hiddenDim: number;
  readonly layers: number;
  readonly heads: number;
  readonly kvHeads: number;
  readonly vocabSize: number;
  readonly maxSeqLen: number;
  readonly sharedClassifier: boolean;
}

interface LayerWeights {
  readonly rmsAttention: Float32Array;
  readonly wq: Float32Array;
  readonly wk: Float32Array;
  readonly wv: Float32Array;
  readonly wo: Float32Array;
  readonly rmsFfn: Float32Array;
  readonly w1: Float32Array;
  readonly w2: Float32Array;
  readonly w3: Float32Array;
}

export interface Llama2cCheckpoint {
  readonly config: Llama2cConfig;
  readonly tokenEmbedding: Float32Array;
  readonly layers: readonly LayerWeights[];
  readonly rmsFinal: Float32Array;
  readonly classifier: Float32Array;
}

/** Parses a llama2.c checkpoint: 7 int32 header fields, then float32 arrays in a fixed order. */
export function parseLlama2cCheckpoint(bytes: Uint8Array): Llama2cCheckpoint {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [dim, hiddenDim, layers, heads, kvHeads, signedVocabSize, maxSeqLen] = Array.from({ length: 7 }, (_, i) =>
    view.getInt32(4 * i, true),
  );
  const config: Llama2cConfig = {
    dim,
    hiddenDim,
    layers,
    heads,
    kvHeads,
    vocabSize: Math.abs(signedVocabSize),
    maxSeqLen,
    sharedClassifier: signedVocabSize > 0,
  };
  const floats = new Float32Array(bytes.slice(28).buffer);
  let offset = 0;
  const take = (count: number) => {
    if (offset + count > floats.length) throw new Error('llama2.c checkpoint is shorter than its header implies');
    const values = floats.subarray(offset, offset + count);
    offset += count;
    return values;
  };
  const perLayer = (count: number) => Array.from({ length: layers }, () => take(count));
  const headSize = dim / heads;
  const kvDim = kvHeads * headSize;
  const tokenEmbedding = take(config.vocabSize * dim);
  const rmsAttention = perLayer(dim);
  const wq = perLayer(dim * dim);
  const wk = perLayer(kvDim * dim);
  const wv = perLayer(kvDim * dim);
  const wo = perLayer(dim * dim);
  const rmsFfn = perLayer(dim);
  const w1 = perLayer(hiddenDim * dim);
  const w2 = perLayer(dim * hiddenDim);
  const w3 = perLayer(hiddenDim * dim);
  const rmsFinal = take(dim);
  // Legacy RoPE tables (freq_cis_real, freq_cis_imag), recomputed in the graph instead.
  take(maxSeqLen * (headSize / 2) * 2);
  const classifier = config.sharedClassifier ? tokenEmbedding : take(config.vocabSize * dim);
  if (offset !== floats.length) throw new Error(`llama2.c checkpoint has ${floats.length - offset} unread floats`);
  return {
    config,
    tokenEmbedding,
    rmsFinal,
    classifier,
    layers: Array.from({ length: layers }, (_, l) => ({
      rmsAttention: rmsAttention[l],
      wq: wq[l],
      wk: wk[l],
      wv: wv[l],
      wo: wo[l],
      rmsFfn: rmsFfn[l],
      w1: w1[l],
      w2: w2[l],
      w3: w3[l],
    })),
  };
}

/** Parses tok512.bin-style files: int32 max length, then (float32 score, int32 length, UTF-8 bytes) per token. */
export function parseLlama2cTokenizer(bytes: Uint8Array, vocabSize: number): Llama2cVocabulary {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const pieces: [string, number][] = [];
  let offset = 4;
  for (let id = 0; id < vocabSize; id++) {
    const score = view.getFloat32(offset, true);
    const length = view.getInt32(offset + 4, true);
    pieces.push([decoder.decode(bytes.subarray(offset + 8, offset + 8 + length)), score]);
    offset += 8 + length;
  }
  if (offset !== bytes.length) throw new Error(`tokenizer file has ${bytes.length - offset} trailing bytes`);
  return { type: 'llama2c-bpe', pieces, bosId: BOS_ID, eosId: EOS_ID };
}

/** llama2.c's out x in row-major matrix as the [in, out] matrix that `x * W` needs. */
function transposed(matrix: Float32Array, rows: number, columns: number): Float32Array {
  const result = new Float32Array(rows * columns);
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) result[c * rows + r] = matrix[r * columns + c];
  return result;
}

/**
 * RoPE tables [maxSeqLen, 1, headSize/2, 1] (broadcast over heads and the pair axis), computed in
 * float32 steps as llama2.c does: freq = 1 / 10000^(2i/headSize), angle = pos * freq.
 */
function ropeTables(maxSeqLen: number, headSize: number): { cos: Float32Array; sin: Float32Array } {
  const pairs = headSize / 2;
  const cos = new Float32Array(maxSeqLen * pairs);
  const sin = new Float32Array(maxSeqLen * pairs);
  for (let position = 0; position < maxSeqLen; position++) {
    for (let pair = 0; pair < pairs; pair++) {
      const frequency = Math.fround(1 / Math.fround(ROPE_THETA ** Math.fround((2 * pair) / headSize)));
      const angle = Math.fround(position * frequency);
      cos[position * pairs + pair] = Math.cos(angle);
      sin[position * pairs + pair] = Math.sin(angle);
    }
  }
  return { cos, sin };
}

export function buildStories260kGraph(checkpoint: Llama2cCheckpoint) {
  const { config } = checkpoint;
  const { dim, hiddenDim, heads, kvHeads, vocabSize, maxSeqLen } = config;
  const headSize = dim / heads;
  const kvDim = kvHeads * headSize;
  const b = new GraphBuilder('stories260k');
  const matrix = (name: string, weights: Float32Array, rows: number, columns: number) =>
    b.initializer(name, transposed(weights, rows, columns), [columns, rows]);

  const rmsNorm = (x: string, weight: Float32Array, name: string) => {
    const meanSquare = b.op('ReduceMean', [b.op('Mul', [x, x])], { axes: [-1], keepdims: 1 });
    const inverseRms = b.op('Reciprocal', [b.op('Sqrt', [b.op('Add', [meanSquare, b.floatScalar(RMS_EPSILON)])])]);
    return b.op('Mul', [b.op('Mul', [x, inverseRms]), b.initializer(name, weight, [dim])]);
  };

  const { ids, length } = tokenIdsInput(b, maxSeqLen);
  const tables = ropeTables(maxSeqLen, headSize);
  const ropeShape = [maxSeqLen, 1, headSize / 2, 1];
  const cos = leadingRows(b, b.initializer('rope_cos', tables.cos, ropeShape), length);
  const sin = leadingRows(b, b.initializer('rope_sin', tables.sin, ropeShape), length);
  // Rotates each (even, odd) pair of a head's channels by the position's angle, as llama2.c does.
  const rotate = (x: string, headCount: number) => {
    const pairs = b.op('Reshape', [x, b.int64s([0, 0, headCount, headSize / 2, 2])]);
    const [even, odd] = b.node('Split', [pairs, b.int64s([1, 1])], { axis: -1 }, 2);
    const rotatedEven = b.op('Sub', [b.op('Mul', [even, cos]), b.op('Mul', [odd, sin])]);
    const rotatedOdd = b.op('Add', [b.op('Mul', [even, sin]), b.op('Mul', [odd, cos])]);
    return b.op('Reshape', [b.op('Concat', [rotatedEven, rotatedOdd], { axis: -1 }), b.int64s([0, 0, headCount * headSize])]);
  };
  const hiddenKeys = causalMask(b, length);
  // Query head h reads key/value head floor(h / (heads / kvHeads)).
  const kvHeadOfQueryHead = b.constant(
    BigInt64Array.from({ length: heads }, (_, h) => BigInt(Math.floor(h / (heads / kvHeads)))),
    [heads],
  );
  const scale = b.floatScalar(1 / Math.sqrt(headSize));

  let hidden = b.op('Gather', [b.initializer('token_embedding', checkpoint.tokenEmbedding, [vocabSize, dim]), ids], { axis: 0 });
  checkpoint.layers.forEach((weights, layer) => {
    const name = `layer${layer}`;
    const normalized = rmsNorm(hidden, weights.rmsAttention, `${name}.attention_norm`);
    const q = rotate(linear(b, normalized, matrix(`${name}.wq`, weights.wq, dim, dim)), heads);
    const k = rotate(linear(b, normalized, matrix(`${name}.wk`, weights.wk, kvDim, dim)), kvHeads);
    const v = linear(b, normalized, matrix(`${name}.wv`, weights.wv, kvDim, dim));
    const shareKvHeads = (x: string) => b.op('Gather', [splitHeads(b, x, kvHeads, headSize), kvHeadOfQueryHead], { axis: 1 });
    const { probabilities, context } = dotProductAttention(b, {
      q: splitHeads(b, q, heads, headSize),
      k: shareKvHeads(k),
      v: shareKvHeads(v),
      scale,
      hiddenKeys,
      probabilitiesName: attentionOutputNames(config.layers)[layer],
    });
    receivedAttention(b, probabilities, receivedOutputNames(config.layers)[layer]);
    hidden = b.op('Add', [hidden, linear(b, mergeHeads(b, context, dim), matrix(`${name}.wo`, weights.wo, dim, dim))]);

    const ffnInput = rmsNorm(hidden, weights.rmsFfn, `${name}.ffn_norm`);
    const gate = linear(b, ffnInput, matrix(`${name}.w1`, weights.w1, hiddenDim, dim));
    const up = linear(b, ffnInput, matrix(`${name}.w3`, weights.w3, hiddenDim, dim));
    const activated = b.op('Mul', [b.op('Mul', [gate, b.op('Sigmoid', [gate])]), up]);
    hidden = b.op('Add', [hidden, linear(b, activated, matrix(`${name}.w2`, weights.w2, dim, hiddenDim))]);
  });
  const final = rmsNorm(hidden, checkpoint.rmsFinal, 'final_norm');
  b.op('MatMul', [final, matrix('classifier', checkpoint.classifier, vocabSize, dim)], {}, 'logits');

  b.output('logits', 'float32', [1, 'tokens', vocabSize]);
  declareAttentionOutputs(b, config.layers, heads);
  return b.toModel({
    opset: 17,
    producerName: 'attention-exchange/convert-stories260k',
    docString: "stories260K (Andrej Karpathy's llama2.c, MIT), converted from the llama2.c checkpoint.",
  });
}

export async function convertStories260k(sourceDir: string): Promise<ConvertedModel> {
  const [checkpointBytes, tokenizerBytes] = await Promise.all(
    [STORIES_FILES.checkpoint, STORIES_FILES.tokenizer].map((file) => readVerified(path.join(sourceDir, file.name), file.sha256)),
  );
  const checkpoint = parseLlama2cCheckpoint(checkpointBytes);
  const onnx = encodeModel(buildStories260kGraph(checkpoint));
  const { config } = checkpoint;
  const info = describeModel(onnx, {
    id: 'stories260k',
    name: 'stories260K (TinyStories, llama2.c)',
    license: 'MIT',
    source: `${BASE_URL}/${STORIES_FILES.checkpoint.name}`,
    layers: config.layers,
    heads: config.heads,
    maxTokens: config.maxSeqLen,
    causal: true,
    tokenizer: 'llama2c-bpe',
    bosId: BOS_ID,
    inputName: 'input_ids',
    inputType: 'int32',
    attentionOutputs: attentionOutputNames(config.layers),
    receivedOutputs: receivedOutputNames(config.layers),
    logitsOutput: 'logits',
  });
  return { onnx, tokenizer: parseLlama2cTokenizer(tokenizerBytes, config.vocabSize), info };
}

async function readVerified(file: string, sha256: string): Promise<Uint8Array> {
  const bytes = new Uint8Array(await readFile(file));
  const actual = sha256Hex(bytes);
  if (actual !== sha256) throw new Error(`${file}: sha256 ${actual} does not match the published ${sha256}`);
  return bytes;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/**
 * A folder holding both stories260K files: the shared copy beside the project when present,
 * else a download cache, filled from the public URL (sha256-checked) when empty.
 */
export async function locateStories260k(projectRoot: string): Promise<{ dir: string } | { unavailable: string }> {
  const shared = path.resolve(projectRoot, '..', 'shared', 'models', 'stories260K');
  const cache = path.join(projectRoot, '.cache', 'models', 'stories260K');
  const files = [STORIES_FILES.checkpoint, STORIES_FILES.tokenizer];
  for (const dir of [shared, cache]) {
    if ((await Promise.all(files.map((file) => exists(path.join(dir, file.name))))).every(Boolean)) return { dir };
  }
  try {
    await mkdir(cache, { recursive: true });
    for (const file of files) {
      const response = await fetch(`${BASE_URL}/${file.name}`);
      if (!response.ok) throw new Error(`HTTP ${response.status} for ${response.url}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (sha256Hex(bytes) !== file.sha256) throw new Error(`${file.name} from ${BASE_URL} has an unexpected sha256`);
      // Write then rename, so that an interrupted download never looks complete.
      await writeFile(path.join(cache, `${file.name}.part`), bytes);
      await rename(path.join(cache, `${file.name}.part`), path.join(cache, file.name));
    }
    return { dir: cache };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { unavailable: `weights not found in ${shared} and download from ${BASE_URL} failed (${reason})` };
  }
}
