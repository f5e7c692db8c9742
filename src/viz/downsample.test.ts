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
});
