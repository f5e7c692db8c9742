import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matrixOf } from '../attention/testTensors';
import { downsampleBlocks } from './downsample';

const four = matrixOf([
  [1, 2, 3, 4],
  [5, 6, 7, 8],
  [9, 10, 11, 12],
  [13, 14, 15, 16],
]);

describe('downsampleBlocks', () => {
  it('averages 2 x 2 blocks', () => {
    expect(Array.from(downsampleBlocks(four, 2, false))).toEqual([3.5, 5.5, 11.5, 13.5]);
  });

  it('leaves masked cells out of causal blocks and marks all-masked blocks', () => {
    // Top-left block keeps 1, 5, 6; top-right block is all above the diagonal.
    expect(Array.from(downsampleBlocks(four, 2, true))).toEqual([4, Number.NaN, 11.5, (11 + 15 + 16) / 3]);
  });

  it('splits uneven sizes at floor(b * T / n)', () => {
    // Bins over 3 tokens: {0} and {1, 2}.
    const three = matrixOf([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(Array.from(downsampleBlocks(three, 2, false))).toEqual([1, 2.5, 5.5, 7]);
  });

  it('keeps the matrix when it is no larger than the target', () => {
    expect(Array.from(downsampleBlocks(four, 4, false))).toEqual(Array.from(four.values));
    expect(Array.from(downsampleBlocks(four, 9, false))).toEqual(Array.from(four.values));
  });

  it('averages everything into one block', () => {
    expect(Array.from(downsampleBlocks(four, 1, false))).toEqual([8.5]);
  });

  it('matches a cell-by-cell block mean', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }).chain((t) =>
          fc.tuple(
            fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: t * t, maxLength: t * t }),
            fc.integer({ min: 1, max: t }),
            fc.boolean(),
          ),
        ),
        ([cells, n, causal]) => {
          const t = Math.round(Math.sqrt(cells.length));
          const values = Float32Array.from(cells);
          const edge = (b: number) => Math.floor((b * t) / n);
          const expected: number[] = [];
          for (let bi = 0; bi < n; bi++) {
            for (let bj = 0; bj < n; bj++) {
              let sum = 0;
              let count = 0;
              for (let i = edge(bi); i < edge(bi + 1); i++) {
                for (let j = edge(bj); j < edge(bj + 1); j++) {
                  if (causal && j > i) continue;
                  sum += values[i * t + j];
                  count++;
                }
              }
              expected.push(count ? sum / count : Number.NaN);
            }
          }
          const actual = Array.from(downsampleBlocks({ size: t, values }, n, causal));
          actual.forEach((value, k) => (Number.isNaN(expected[k]) ? expect(value).toBeNaN() : expect(value).toBeCloseTo(expected[k], 5)));
        },
      ),
    );
  });
});
