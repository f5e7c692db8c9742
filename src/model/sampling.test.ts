import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rng } from '../market/rng';
import { GREEDY, sampleToken } from './sampling';

describe('next-token sampling', () => {
  it('greedy picks the first largest logit', () => {
    expect(sampleToken([0.1, 2, -1, 2], GREEDY, () => 0.5)).toBe(1);
  });

  it('top-p keeps only the nucleus', () => {
    // Probabilities at temperature 1: about 0.665, 0.245, 0.090; top-p 0.6 keeps only the first.
    const logits = [Math.log(0.665), Math.log(0.245), Math.log(0.09)];
    for (const u of [0, 0.3, 0.99]) expect(sampleToken(logits, { temperature: 1, topP: 0.6 }, () => u)).toBe(0);
    // top-p 0.9 keeps the first two: u near 1 lands on the second.
    expect(sampleToken(logits, { temperature: 1, topP: 0.9 }, () => 0.99)).toBe(1);
  });

  it('matches the softmax distribution at temperature 1 (chi-square on 20,000 draws)', () => {
    const probabilities = [0.5, 0.3, 0.15, 0.05];
    const logits = probabilities.map(Math.log);
    const rng = new Rng(7);
    const counts = [0, 0, 0, 0];
    const draws = 20_000;
    for (let k = 0; k < draws; k++) counts[sampleToken(logits, { temperature: 1, topP: 1 }, () => rng.next())]++;
    const chiSquare = counts.reduce((sum, count, i) => sum + (count - draws * probabilities[i]) ** 2 / (draws * probabilities[i]), 0);
    expect(chiSquare).toBeLessThan(16.27); // p = 0.001 with 3 degrees of freedom
  });

  it('always returns a valid id', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0.05, max: 3, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (logits, temperature, topP, u) => {
          const id = sampleToken(logits, { temperature, topP }, () => u);
          expect(id).toBeGreaterThanOrEqual(0);
          expect(id).toBeLessThan(logits.length);
        },
      ),
    );
  });
});
