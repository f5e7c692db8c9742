import type { SquareMatrix } from './types';

/**
 * Removes the hidden tokens from a matrix: their key columns and their query rows become 0,
 * so the matrix keeps its T x T shape and token indices stay aligned with the labels.
 * With `renormalise`, every remaining row is scaled to sum to 1 over the visible keys (the
 * attention the query gave to visible tokens, as a distribution); a row whose whole mass sat on
 * hidden keys stays 0. Max-over-heads is not a distribution, so its callers skip renormalising.
 */
export function hideTokens(matrix: SquareMatrix, hidden: ReadonlySet<number>, renormalise: boolean): SquareMatrix {
  const t = matrix.size;
  const mask = hiddenMask(t, hidden);
  const out = new Float32Array(t * t);
  for (let i = 0; i < t; i++) {
    if (mask[i]) continue;
    const row = i * t;
    let sum = 0;
    for (let j = 0; j < t; j++) {
      if (!mask[j]) sum += matrix.values[row + j];
    }
    const scale = renormalise ? (sum > 0 ? 1 / sum : 0) : 1;
    for (let j = 0; j < t; j++) {
      if (!mask[j]) out[row + j] = matrix.values[row + j] * scale;
    }
  }
  return { size: t, values: out };
}

/** 1 for hidden token positions, 0 otherwise; rejects positions outside the sentence. */
export function hiddenMask(size: number, hidden: ReadonlySet<number> | undefined): Uint8Array {
  const mask = new Uint8Array(size);
  for (const index of hidden ?? []) {
    if (!Number.isInteger(index) || index < 0 || index >= size) {
      throw new RangeError(`hidden token ${index} is outside 0..${size - 1}`);
    }
    mask[index] = 1;
  }
  return mask;
}

/** Tokens that are nothing but punctuation or symbols, once word-boundary markers are removed. */
export function isPunctuationToken(token: string): boolean {
  // U+2581 marks a word start in sentencepiece, U+0120 a leading space in byte-level BPE,
  // '##' a word continuation in WordPiece.
  const core = token.replace(/^##/, '').replace(/[\u2581\u0120\s]/gu, '');
  return core.length > 0 && /^[\p{P}\p{S}]+$/u.test(core);
}

/** Positions of the tokens that satisfy `predicate`, as the set `aggregate` takes in `hidden`. */
export function tokenPositions(tokens: readonly string[], predicate: (token: string) => boolean): Set<number> {
  const positions = new Set<number>();
  tokens.forEach((token, index) => {
    if (predicate(token)) positions.add(index);
  });
  return positions;
}
