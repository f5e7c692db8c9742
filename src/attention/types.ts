/**
 * Attention of one model run on one sentence of T tokens.
 * `perLayer[l]` is a row-major [heads, T, T] tensor: entry (h, i, j) is how much query token i
 * attends to key token j in head h of layer l; every row sums to 1.
 */
export interface AttentionTensor {
  readonly layers: number;
  readonly heads: number;
  readonly seqLen: number;
  /** Causal models mask keys after the query (upper triangle is structurally zero). */
  readonly causal: boolean;
  readonly perLayer: readonly Float32Array[];
}

/** A square T x T matrix, row-major: values[i * size + j]. */
export interface SquareMatrix {
  readonly size: number;
  readonly values: Float32Array;
}

/** The T x T matrix of one head, as a view into the layer tensor (no copy). */
export function headMatrix(attention: AttentionTensor, layer: number, head: number): SquareMatrix {
  const t = attention.seqLen;
  const start = head * t * t;
  return { size: t, values: attention.perLayer[layer].subarray(start, start + t * t) };
}

/** How the matrix on screen is built from the per-head tensors. */
export const AGGREGATIONS = ['head', 'meanHeads', 'maxHeads', 'meanAll', 'rollout'] as const;
export type AggregationKind = (typeof AGGREGATIONS)[number];

export function isAggregationKind(value: string): value is AggregationKind {
  return (AGGREGATIONS as readonly string[]).includes(value);
}
