import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RollingMedian } from './rollingMedian.ts';

/** The lower middle of the values, by sorting them. */
function sortedMedian(values: readonly number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[(sorted.length - 1) >> 1];
}

describe('rolling median', () => {
  it('is the lower middle of the latest values', () => {
    const median = new RollingMedian(4);
    expect(median.median()).toBeNull();
    for (const value of [5, 1, 9, 3]) median.push(value);
    expect(median.median()).toBe(3);
    median.push(1); // 5 leaves: 1 1 3 9
    expect(median.median()).toBe(1);
    median.resize(1);
    expect(median.median()).toBe(1);
  });

  it('matches sorting the window, through pushes and resizes', () => {
    const step = fc.oneof(fc.record({ push: fc.integer({ min: 1, max: 20 }) }), fc.record({ resize: fc.integer({ min: 1, max: 8 }) }));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(step, { maxLength: 60 }), (initial, steps) => {
        const median = new RollingMedian(initial);
        let capacity = initial;
        let kept: number[] = [];
        for (const action of steps) {
          if ('push' in action) {
            median.push(action.push);
            kept.push(action.push);
          } else {
            capacity = action.resize;
            median.resize(capacity);
          }
          kept = kept.slice(-capacity);
          expect(median.median()).toBe(sortedMedian(kept));
        }
      }),
    );
  });
});
