import { describe, expect, it } from 'vitest';
import { csvField, matrixCsv } from './csv';

describe('csvField', () => {
  it('quotes only when needed and doubles inner quotes', () => {
    expect(csvField('fox')).toBe('fox');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField(' the')).toBe('" the"');
    expect(csvField('\u2581the')).toBe('\u2581the');
  });
});

describe('matrixCsv', () => {
  it('writes a header of key tokens and one line per query token', () => {
    const matrix = { size: 2, values: Float32Array.from([1, 0, 0.1, 0.9]) };
    expect(matrixCsv(matrix, ['Hi', ','], ['Hi', ','])).toBe('query \\ key,Hi,","\r\nHi,1,0\r\n",",0.1,0.9\r\n');
  });

  it('refuses labels that do not match the matrix', () => {
    expect(() => matrixCsv({ size: 1, values: Float32Array.from([1]) }, [], ['a'])).toThrow(RangeError);
  });
});
