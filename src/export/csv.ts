import type { SquareMatrix } from '../attention/types';
import { formatFloat32 } from '../viz/format';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, or starts or ends
 * with whitespace (so spreadsheet imports keep a token's spaces); inner quotes doubled.
 */
export function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A matrix as CSV: a header of key tokens, then one line per query token (its label, then its
 * weights). Lines end in CRLF as RFC 4180 asks.
 */
export function matrixCsv(matrix: SquareMatrix, rowLabels: readonly string[], colLabels: readonly string[]): string {
  const t = matrix.size;
  if (rowLabels.length !== t || colLabels.length !== t) throw new RangeError(`a ${t}-token matrix needs ${t} row and column labels`);
  const lines = [['query \\ key', ...colLabels].map(csvField).join(',')];
  for (let i = 0; i < t; i++) {
    const weights = Array.from(matrix.values.subarray(i * t, (i + 1) * t), formatFloat32);
    lines.push([csvField(rowLabels[i]), ...weights].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
