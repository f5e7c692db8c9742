import type { SquareMatrix } from './types';

/**
 * Attention share of every key token: w_j = sum_i M[i][j] / sum_ij M[i][j].
 * For a row-stochastic matrix of T query rows this is exactly (1/T) * sum_i M[i][j]; with hidden
 * tokens (rows and columns zeroed) it averages over the visible queries only; for max-over-heads,
 * whose rows do not sum to 1, dividing by the total is what makes the shares sum to 1.
 * A matrix with no mass at all (everything hidden) gives all-zero shares.
 */
export function attentionShares(matrix: SquareMatrix): Float64Array {
  const t = matrix.size;
  const shares = new Float64Array(t);
  let total = 0;
  for (let i = 0; i < t; i++) {
    const row = i * t;
    for (let j = 0; j < t; j++) shares[j] += matrix.values[row + j];
  }
  for (let j = 0; j < t; j++) total += shares[j];
  if (total > 0) {
    for (let j = 0; j < t; j++) shares[j] /= total;
  }
  return shares;
}

export interface RankedToken {
  index: number;
  share: number;
}

/**
 * The k tokens with the largest shares, largest first; equal shares keep sentence order
 * (the earlier position ranks first). Hidden positions are never ranked.
 */
export function topTokens(shares: ArrayLike<number>, k: number, hidden?: ReadonlySet<number>): RankedToken[] {
  const ranked: RankedToken[] = [];
  for (let index = 0; index < shares.length; index++) {
    if (!hidden?.has(index)) ranked.push({ index, share: shares[index] });
  }
  ranked.sort((a, b) => b.share - a.share || a.index - b.index);
  return ranked.slice(0, Math.max(0, k));
}
