import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate, describeAggregation, maxOverHeads, meanOverHeads, rollout, type AggregateOptions } from './aggregate';
import { arbitraryAttention, tensorOf } from './testTensors';
import type { AttentionTensor, SquareMatrix } from './types';

// Two layers, two heads, three tokens; every expected number below is worked out by hand.
const attention = tensorOf([
  [
    [
      [1, 0, 0],
      [0.5, 0.5, 0],
      [0.2, 0.3, 0.5],
    ],
    [
      [0, 1, 0],
      [0.5, 0, 0.5],
      [0.4, 0.4, 0.2],
    ],
  ],
  [
    [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ],
    [
      [0, 0, 1],
      [0, 0, 1],
      [0, 0, 1],
    ],
  ],
]);

function rows(matrix: SquareMatrix): number[][] {
  return Array.from({ length: matrix.size }, (_, i) => Array.from(matrix.values.subarray(i * matrix.size, (i + 1) * matrix.size)));
}

function expectMatrix(matrix: SquareMatrix, expected: number[][]): void {
  expect(matrix.size).toBe(expected.length);
  rows(matrix).forEach((row, i) => row.forEach((value, j) => expect(value, `cell ${i},${j}`).toBeCloseTo(expected[i][j], 6)));
}

describe('aggregate on a hand-checked tensor', () => {
  it('returns one head as stored', () => {
    expectMatrix(aggregate(attention, { kind: 'head', layer: 0, head: 1 }), [
      [0, 1, 0],
      [0.5, 0, 0.5],
      [0.4, 0.4, 0.2],
    ]);
  });

  it('averages the heads of a layer', () => {
    expectMatrix(aggregate(attention, { kind: 'meanHeads', layer: 0 }), [
      [0.5, 0.5, 0],
      [0.5, 0.25, 0.25],
      [0.3, 0.35, 0.35],
    ]);
  });

  it('takes the cell-wise maximum over the heads of a layer', () => {
    expectMatrix(aggregate(attention, { kind: 'maxHeads', layer: 0 }), [
      [1, 1, 0],
      [0.5, 0.5, 0.5],
      [0.4, 0.4, 0.5],
    ]);
  });

  it('averages every head of every layer', () => {
    expectMatrix(aggregate(attention, { kind: 'meanAll' }), [
      [0.5, 0.25, 0.25],
      [0.25, 0.375, 0.375],
      [0.15, 0.175, 0.675],
    ]);
  });

  it('rolls out layer 0 first: R = Ã1 · Ã0', () => {
    // Ã0 = [[.75,.25,0],[.25,.625,.125],[.15,.175,.675]], Ã1 = [[.75,0,.25],[0,.75,.25],[0,0,1]].
    // The other order (Ã0 · Ã1) would start with [.5625, .1875, .25].
    expectMatrix(aggregate(attention, { kind: 'rollout' }), [
      [0.6, 0.23125, 0.16875],
      [0.225, 0.5125, 0.2625],
      [0.15, 0.175, 0.675],
    ]);
  });

  it('hides a token by zeroing its row and column and renormalising the other rows', () => {
    expectMatrix(aggregate(attention, { kind: 'meanHeads', layer: 0, hidden: new Set([1]) }), [
      [1, 0, 0],
      [0, 0, 0],
      [0.3 / 0.65, 0, 0.35 / 0.65],
    ]);
  });

  it('leaves a row at 0 when all its attention went to hidden tokens', () => {
    expectMatrix(aggregate(attention, { kind: 'head', layer: 0, head: 1, hidden: new Set([1]) }), [
      [0, 0, 0],
      [0, 0, 0],
      [2 / 3, 0, 1 / 3],
    ]);
  });

  it('does not renormalise max over heads when hiding', () => {
    expectMatrix(aggregate(attention, { kind: 'maxHeads', layer: 0, hidden: new Set([2]) }), [
      [1, 1, 0],
      [0.5, 0.5, 0],
      [0, 0, 0],
    ]);
  });

  it('rejects views outside the tensor', () => {
    expect(() => aggregate(attention, { kind: 'head', layer: 2, head: 0 })).toThrow(RangeError);
    expect(() => aggregate(attention, { kind: 'head', layer: 0 })).toThrow(RangeError);
    expect(() => aggregate(attention, { kind: 'meanHeads', layer: -1 })).toThrow(RangeError);
    expect(() => aggregate(attention, { kind: 'meanAll', hidden: new Set([3]) })).toThrow(RangeError);
  });

  it('describes views for titles', () => {
    expect(describeAggregation({ kind: 'head', layer: 1, head: 3 })).toBe('Layer 1, head 3');
    expect(describeAggregation({ kind: 'maxHeads', layer: 0 })).toBe('Layer 0, max over heads');
    expect(describeAggregation({ kind: 'rollout' })).toBe('Attention rollout');
  });
});

const stochasticKinds = ['head', 'meanHeads', 'meanAll', 'rollout'] as const;

function rowSums(matrix: SquareMatrix): number[] {
  return rows(matrix).map((row) => row.reduce((a, b) => a + b, 0));
}

function optionsFor(kind: AggregateOptions['kind'], a: AttentionTensor): AggregateOptions {
  return { kind, layer: a.layers - 1, head: a.heads - 1 };
}

describe('aggregate properties', () => {
  it('keeps rows summing to 1 for every row-stochastic kind', () => {
    fc.assert(
      fc.property(arbitraryAttention(), fc.constantFrom(...stochasticKinds), (a, kind) => {
        for (const sum of rowSums(aggregate(a, optionsFor(kind, a)))) expect(sum).toBeCloseTo(1, 5);
      }),
    );
  });

  it('after hiding, visible rows sum to 1 and hidden rows and columns are 0', () => {
    fc.assert(
      fc.property(
        arbitraryAttention().chain((a) =>
          fc.tuple(fc.constant(a), fc.uniqueArray(fc.integer({ min: 0, max: a.seqLen - 1 }), { maxLength: a.seqLen - 1 })),
        ),
        fc.constantFrom(...stochasticKinds),
        ([a, hiddenList], kind) => {
          const hidden = new Set(hiddenList);
          const matrix = aggregate(a, { ...optionsFor(kind, a), hidden });
          // Weights are positive on and below the diagonal, so a visible query always keeps some mass.
          rowSums(matrix).forEach((sum, i) => expect(sum).toBeCloseTo(hidden.has(i) ? 0 : 1, 5));
          for (const h of hidden) {
            for (let k = 0; k < a.seqLen; k++) expect(matrix.values[k * a.seqLen + h]).toBe(0);
          }
        },
      ),
    );
  });

  it('max over heads bounds the mean from above, and each head', () => {
    fc.assert(
      fc.property(arbitraryAttention(), (a) => {
        const max = maxOverHeads(a, 0).values;
        const mean = meanOverHeads(a, 0).values;
        const first = aggregate(a, { kind: 'head', layer: 0, head: 0 }).values;
        max.forEach((value, c) => {
          expect(value).toBeGreaterThanOrEqual(mean[c] - 1e-6);
          expect(value).toBeGreaterThanOrEqual(first[c]);
        });
      }),
    );
  });

  it('rollout of identity attention is the identity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 9 }), (layers, heads, t) => {
        const eye = Array.from({ length: t }, (_, i) => Array.from({ length: t }, (_, j) => (i === j ? 1 : 0)));
        const a = tensorOf(Array.from({ length: layers }, () => Array.from({ length: heads }, () => eye)));
        expectMatrix(rollout(a), eye);
      }),
    );
  });

  it('rollout of one layer is half its head mean plus half the identity', () => {
    fc.assert(
      fc.property(arbitraryAttention(), (a) => {
        const single = { ...a, layers: 1, perLayer: a.perLayer.slice(0, 1) };
        const mean = meanOverHeads(single, 0);
        const expected = rows(mean).map((row, i) => row.map((v, j) => 0.5 * v + (i === j ? 0.5 : 0)));
        expectMatrix(rollout(single), expected);
      }),
    );
  });

  it('rollout keeps causal attention lower-triangular', () => {
    fc.assert(
      fc.property(
        arbitraryAttention().filter((a) => a.causal),
        (a) => {
          const r = rollout(a);
          for (let i = 0; i < a.seqLen; i++) {
            for (let j = i + 1; j < a.seqLen; j++) expect(r.values[i * a.seqLen + j]).toBe(0);
          }
        },
      ),
    );
  });
});
