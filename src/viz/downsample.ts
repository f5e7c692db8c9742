import type { SquareMatrix } from '../attention/types';

/**
 * Shrinks a T x T matrix to n x n (n <= T) by averaging blocks of cells: what a thumbnail shows
 * without drawing every cell. Cells above the diagonal of a causal matrix are left out of the
 * means; a block made only of such cells is NaN (drawn as masked).
 */
export function downsampleBlocks(matrix: SquareMatrix, n: number, causal: boolean): Float32Array {
  const t = matrix.size;
  const bins = Math.max(1, Math.min(n, t));
  const edges = Int32Array.from({ length: bins + 1 }, (_, b) => Math.floor((b * t) / bins));
  const binOf = new Int32Array(t);
  for (let b = 0; b < bins; b++) binOf.fill(b, edges[b], edges[b + 1]);

  const sums = new Float64Array(bins * bins);
  const { values } = matrix;
  for (let i = 0; i < t; i++) {
    const rowBase = binOf[i] * bins;
    const offset = i * t;
    const end = causal ? i + 1 : t;
    // Block by block with a local sum: no per-cell bin lookup in the hottest loop of the grid.
    for (let bj = 0; bj < bins && edges[bj] < end; bj++) {
      const stop = offset + Math.min(edges[bj + 1], end);
      let sum = 0;
      for (let c = offset + edges[bj]; c < stop; c++) sum += values[c];
      sums[rowBase + bj] += sum;
    }
  }

  const out = new Float32Array(bins * bins);
  for (let bi = 0; bi < bins; bi++) {
    for (let bj = 0; bj < bins; bj++) {
      const count = cellsInBlock(edges[bi], edges[bi + 1], edges[bj], edges[bj + 1], causal);
      out[bi * bins + bj] = count > 0 ? sums[bi * bins + bj] / count : NaN;
    }
  }
  return out;
}

/** Cells (i, j) with r0 <= i < r1 and c0 <= j < c1, counting only j <= i when causal. */
function cellsInBlock(r0: number, r1: number, c0: number, c1: number, causal: boolean): number {
  if (!causal) return (r1 - r0) * (c1 - c0);
  let count = 0;
  for (let i = r0; i < r1; i++) count += Math.min(c1 - c0, Math.max(0, i - c0 + 1));
  return count;
}
