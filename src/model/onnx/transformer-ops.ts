import type { GraphBuilder } from './graph-builder.ts';

/**
 * Transformer building blocks on top of GraphBuilder, shared by the model converters. Activations
 * are [batch, T, width]; per-head tensors are [batch, heads, T, headSize].
 */

/** x * weight (+ bias); weight is [in, out]. */
export function linear(b: GraphBuilder, x: string, weight: string, bias?: string): string {
  const product = b.op('MatMul', [x, weight]);
  return bias === undefined ? product : b.op('Add', [product, bias]);
}

/** [batch, T, heads*headSize] -> [batch, heads, T, headSize]. */
export function splitHeads(b: GraphBuilder, x: string, heads: number, headSize: number): string {
  const grouped = b.op('Reshape', [x, b.int64s([0, 0, heads, headSize])]);
  return b.op('Transpose', [grouped], { perm: [0, 2, 1, 3] });
}

/** [batch, heads, T, headSize] -> [batch, T, heads*headSize]. */
export function mergeHeads(b: GraphBuilder, x: string, width: number): string {
  const tokensFirst = b.op('Transpose', [x], { perm: [0, 2, 1, 3] });
  return b.op('Reshape', [tokensFirst, b.int64s([0, 0, width])]);
}

export interface AttentionProbabilityOptions {
  /** Per-head queries and keys, [batch, heads, T, headSize]. */
  readonly q: string;
  readonly k: string;
  /** Name of the float scalar the queries are multiplied by before the dot product. */
  readonly scale: string;
  /** Graph value name for the softmax output (the attention probabilities). */
  readonly probabilitiesName: string;
  /** Bool [T, T] value, true where key j is hidden from query i (e.g. causalMask). */
  readonly hiddenKeys?: string;
}

export interface AttentionOptions extends AttentionProbabilityOptions {
  /** Per-head values, [batch, heads, T, headSize]. */
  readonly v: string;
}

/**
 * Softmax of the scaled query-key dot products: the attention probabilities [batch, heads, T, T]
 * (query i row, key j column) under `probabilitiesName`.
 */
export function attentionProbabilities(b: GraphBuilder, options: AttentionProbabilityOptions): string {
  const keysTransposed = b.op('Transpose', [options.k], { perm: [0, 1, 3, 2] });
  const scaledQueries = b.op('Mul', [options.q, options.scale]);
  let logits = b.op('MatMul', [scaledQueries, keysTransposed]);
  if (options.hiddenKeys !== undefined) {
    // Finite, because WebGPU shaders may not handle infinities; exp(-1e9 - max) still underflows
    // to exactly 0, so hidden keys get exactly zero probability.
    logits = b.op('Where', [options.hiddenKeys, b.floatScalar(-1e9), logits]);
  }
  return b.op('Softmax', [logits], { axis: -1 }, options.probabilitiesName);
}

/**
 * Scaled dot-product attention: the probabilities of `attentionProbabilities` and the per-head
 * context [batch, heads, T, headSize] they weight the values into.
 */
export function dotProductAttention(b: GraphBuilder, options: AttentionOptions): { probabilities: string; context: string } {
  const probabilities = attentionProbabilities(b, options);
  return { probabilities, context: b.op('MatMul', [probabilities, options.v]) };
}

/** 1-D int64 [1] holding the size of axis `axis` of `x`. */
export function axisSize(b: GraphBuilder, x: string, axis: number): string {
  return b.op('Shape', [x], { start: axis, end: axis + 1 });
}

/** Bool [T, T], true above the diagonal (key after query): the causal mask for `dotProductAttention`. */
export function causalMask(b: GraphBuilder, length: string): string {
  const lengthScalar = b.op('Squeeze', [length]);
  const positions = b.op('Range', [b.constant(BigInt64Array.of(0n)), lengthScalar, b.constant(BigInt64Array.of(1n))]);
  const queries = b.op('Unsqueeze', [positions, b.int64s([1])]);
  const keys = b.op('Unsqueeze', [positions, b.int64s([0])]);
  return b.op('Less', [queries, keys]);
}

/** The first `length` rows (axis 0) of a constant table, e.g. positional encodings for T tokens. */
export function leadingRows(b: GraphBuilder, table: string, length: string): string {
  return b.op('Slice', [table, b.int64s([0]), length, b.int64s([0])]);
}

/**
 * Attention each key token receives, summed over queries: [batch, heads, T, T] -> [batch, heads, T].
 * Cheap in the graph, and all the market needs without reading back the full matrices.
 */
export function receivedAttention(b: GraphBuilder, probabilities: string, name: string): string {
  return b.op('ReduceSum', [probabilities, b.int64s([2])], { keepdims: 0 }, name);
}

/**
 * The `input_ids` graph input, int32 [1, T], cut to the first `maxTokens` ids, and the 1-D int64
 * length of what is kept.
 */
export function tokenIdsInput(b: GraphBuilder, maxTokens: number): { ids: string; length: string } {
  const input = b.input('input_ids', 'int32', [1, 'T']);
  const ids = b.op('Slice', [input, b.int64s([0]), b.int64s([maxTokens]), b.int64s([1])]);
  return { ids, length: axisSize(b, ids, 1) };
}

export function attentionOutputNames(layers: number): string[] {
  return Array.from({ length: layers }, (_, layer) => `attention_${layer}`);
}

export function receivedOutputNames(layers: number): string[] {
  return Array.from({ length: layers }, (_, layer) => `received_${layer}`);
}

/** Declares attention_l [1, heads, tokens, tokens] and received_l [1, heads, tokens] as graph outputs. */
export function declareAttentionOutputs(b: GraphBuilder, layers: number, heads: number): void {
  for (const name of attentionOutputNames(layers)) b.output(name, 'float32', [1, heads, 'tokens', 'tokens']);
  for (const name of receivedOutputNames(layers)) b.output(name, 'float32', [1, heads, 'tokens']);
}
