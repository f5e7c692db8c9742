import { hideTokens } from './hide';
import { headMatrix, type AggregationKind, type AttentionTensor, type SquareMatrix } from './types';

export interface AggregateOptions {
  kind: AggregationKind;
  /** Needed by 'head', 'meanHeads' and 'maxHeads'; ignored by the others. */
  layer?: number;
  /** Needed by 'head'; ignored by the others. */
  head?: number;
  /** Token positions to leave out (see `hideTokens`); applied to the aggregated matrix. */
  hidden?: ReadonlySet<number>;
}

/**
 * The T x T matrix to show for one view of the attention. Every kind except 'maxHeads' is
 * row-stochastic (rows sum to 1; after hiding, rows of visible queries sum to 1 over visible
 * keys). 'head' without hidden tokens returns a view into the tensor: treat it as read-only.
 */
export function aggregate(attention: AttentionTensor, options: AggregateOptions): SquareMatrix {
  const matrix = combineHeads(attention, options);
  if (!options.hidden || options.hidden.size === 0) return matrix;
  return hideTokens(matrix, options.hidden, options.kind !== 'maxHeads');
}

function combineHeads(attention: AttentionTensor, options: AggregateOptions): SquareMatrix {
  switch (options.kind) {
    case 'head':
      return headMatrix(attention, checkedLayer(attention, options.layer), checkedHead(attention, options.head));
    case 'meanHeads':
      return meanOverHeads(attention, checkedLayer(attention, options.layer));
    case 'maxHeads':
      return maxOverHeads(attention, checkedLayer(attention, options.layer));
    case 'meanAll':
      return meanOverAll(attention);
    case 'rollout':
      return rollout(attention);
  }
}

/** Mean of the heads of one layer. */
export function meanOverHeads(attention: AttentionTensor, layer: number): SquareMatrix {
  const sum = new Float64Array(attention.seqLen ** 2);
  addHeads(attention, checkedLayer(attention, layer), sum);
  return scaled(sum, attention.seqLen, 1 / attention.heads);
}

/** Cell-wise maximum over the heads of one layer (not row-stochastic). */
export function maxOverHeads(attention: AttentionTensor, layer: number): SquareMatrix {
  const cells = attention.seqLen ** 2;
  const tensor = attention.perLayer[checkedLayer(attention, layer)];
  const out = new Float32Array(tensor.subarray(0, cells));
  for (let h = 1; h < attention.heads; h++) {
    const offset = h * cells;
    for (let c = 0; c < cells; c++) {
      const value = tensor[offset + c];
      if (value > out[c]) out[c] = value;
    }
  }
  return { size: attention.seqLen, values: out };
}

/** Mean over every head of every layer. */
export function meanOverAll(attention: AttentionTensor): SquareMatrix {
  const sum = new Float64Array(attention.seqLen ** 2);
  for (let l = 0; l < attention.layers; l++) addHeads(attention, l, sum);
  return scaled(sum, attention.seqLen, 1 / (attention.layers * attention.heads));
}

/**
 * Attention rollout (Abnar & Zuidema 2020): R = Ã_{L-1} ... Ã_1 Ã_0 with
 * Ã_l = rows-renormalised (0.5 * mean-over-heads(A_l) + 0.5 * I), the identity standing for the
 * residual connection. R[i][j] is how much of output token i traces back to input token j.
 */
export function rollout(attention: AttentionTensor): SquareMatrix {
  const t = attention.seqLen;
  let product: Float64Array | undefined;
  for (let l = 0; l < attention.layers; l++) {
    const step = residualStep(attention, l);
    product = product ? multiply(step, product, t) : step;
  }
  return scaled(product ?? identity(t), t, 1);
}

/** Ã_l: half the layer's head mean plus half the identity, rows renormalised. */
function residualStep(attention: AttentionTensor, layer: number): Float64Array {
  const t = attention.seqLen;
  const step = new Float64Array(t * t);
  addHeads(attention, layer, step);
  const half = 0.5 / attention.heads;
  for (let i = 0; i < t; i++) {
    const row = i * t;
    let sum = 0;
    for (let j = 0; j < t; j++) {
      const value = step[row + j] * half + (i === j ? 0.5 : 0);
      step[row + j] = value;
      sum += value;
    }
    for (let j = 0; j < t; j++) step[row + j] /= sum;
  }
  return step;
}

/** a * b for row-major t x t matrices; skips zero entries of a, so causal products stay cheap. */
function multiply(a: Float64Array, b: Float64Array, t: number): Float64Array {
  const out = new Float64Array(t * t);
  for (let i = 0; i < t; i++) {
    const row = i * t;
    for (let k = 0; k < t; k++) {
      const aik = a[row + k];
      if (aik === 0) continue;
      const bRow = k * t;
      for (let j = 0; j < t; j++) out[row + j] += aik * b[bRow + j];
    }
  }
  return out;
}

function identity(t: number): Float64Array {
  const out = new Float64Array(t * t);
  for (let i = 0; i < t; i++) out[i * t + i] = 1;
  return out;
}

/** Adds every head of `layer` into `sum` (accumulated in float64 so long means stay exact). */
function addHeads(attention: AttentionTensor, layer: number, sum: Float64Array): void {
  const tensor = attention.perLayer[layer];
  const cells = sum.length;
  for (let h = 0; h < attention.heads; h++) {
    const offset = h * cells;
    for (let c = 0; c < cells; c++) sum[c] += tensor[offset + c];
  }
}

function scaled(values: Float64Array, size: number, factor: number): SquareMatrix {
  const out = new Float32Array(values.length);
  for (let c = 0; c < values.length; c++) out[c] = values[c] * factor;
  return { size, values: out };
}

function checkedLayer(attention: AttentionTensor, layer: number | undefined): number {
  return checkedIndex('layer', layer, attention.layers);
}

function checkedHead(attention: AttentionTensor, head: number | undefined): number {
  return checkedIndex('head', head, attention.heads);
}

function checkedIndex(what: string, index: number | undefined, count: number): number {
  if (index === undefined || !Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`${what} ${index} is outside 0..${count - 1}`);
  }
  return index;
}

/** A short human description of a view, for titles and file names ("Layer 1, head 3"). */
export function describeAggregation(options: Pick<AggregateOptions, 'kind' | 'layer' | 'head'>): string {
  switch (options.kind) {
    case 'head':
      return `Layer ${options.layer}, head ${options.head}`;
    case 'meanHeads':
      return `Layer ${options.layer}, mean over heads`;
    case 'maxHeads':
      return `Layer ${options.layer}, max over heads`;
    case 'meanAll':
      return 'Mean over all layers and heads';
    case 'rollout':
      return 'Attention rollout';
  }
}
