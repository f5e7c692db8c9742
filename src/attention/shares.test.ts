import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate } from './aggregate';
import { isPunctuationToken, tokenPositions } from './hide';
import { attentionShares, topTokens } from './shares';
import { arbitraryAttention, matrixOf } from './testTensors';

describe('attentionShares', () => {
  it('averages the columns of a row-stochastic matrix', () => {
    const shares = attentionShares(
      matrixOf([
        [0.5, 0.25, 0.25],
        [0.25, 0.375, 0.375],
        [0.15, 0.175, 0.675],
      ]),
    );
    // Column sums 0.9, 0.8, 1.3 divided by T = 3.
    expect(Array.from(shares)).toEqual([0.3, 0.8 / 3, 1.3 / 3].map((v) => expect.closeTo(v, 6)));
  });

  it('normalises a matrix whose rows do not sum to 1 (max over heads)', () => {
    const shares = attentionShares(
      matrixOf([
        [1, 1, 0],
        [0.5, 0.5, 0.5],
        [0.4, 0.4, 0.5],
      ]),
    );
    // Column sums 1.9, 1.9, 1.0 over a total of 4.8.
    expect(Array.from(shares)).toEqual([1.9 / 4.8, 1.9 / 4.8, 1 / 4.8].map((v) => expect.closeTo(v, 6)));
  });

  it('averages over visible queries only when tokens are hidden', () => {
    const shares = attentionShares(
      matrixOf([
        [1, 0, 0],
        [0, 0, 0],
        [0.3 / 0.65, 0, 0.35 / 0.65],
      ]),
    );
    expect(Array.from(shares)).toEqual([(1 + 0.3 / 0.65) / 2, 0, 0.35 / 0.65 / 2].map((v) => expect.closeTo(v, 6)));
  });

  it('gives zeros when nothing is left', () => {
    expect(Array.from(attentionShares(matrixOf([[0, 0], [0, 0]])))).toEqual([0, 0]);
  });

  it('sums to 1 for every kind, and hidden tokens get nothing', () => {
    fc.assert(
      fc.property(
        arbitraryAttention().chain((a) =>
          fc.tuple(fc.constant(a), fc.uniqueArray(fc.integer({ min: 0, max: a.seqLen - 1 }), { maxLength: a.seqLen - 1 })),
        ),
        fc.constantFrom('head', 'meanHeads', 'maxHeads', 'meanAll', 'rollout' as const),
        ([a, hiddenList], kind) => {
          const hidden = new Set(hiddenList);
          const shares = attentionShares(aggregate(a, { kind, layer: 0, head: 0, hidden }));
          expect(shares.reduce((sum, w) => sum + w, 0)).toBeCloseTo(1, 6);
          for (const h of hidden) expect(shares[h]).toBe(0);
          for (const w of shares) expect(w).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe('topTokens', () => {
  it('ranks by share and breaks ties by position', () => {
    expect(topTokens([0.1, 0.3, 0.2, 0.3, 0.1], 4)).toEqual([
      { index: 1, share: 0.3 },
      { index: 3, share: 0.3 },
      { index: 2, share: 0.2 },
      { index: 0, share: 0.1 },
    ]);
  });

  it('skips hidden positions and stops at the tokens there are', () => {
    expect(topTokens([0.5, 0, 0.5], 8, new Set([1]))).toEqual([
      { index: 0, share: 0.5 },
      { index: 2, share: 0.5 },
    ]);
  });

  it('returns a sorted prefix of every ranking', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), fc.nat(40), (shares, k) => {
        const top = topTokens(shares, k);
        expect(top).toHaveLength(Math.min(k, shares.length));
        for (let r = 1; r < top.length; r++) {
          const before = top[r - 1];
          const after = top[r];
          expect(before.share > after.share || (before.share === after.share && before.index < after.index)).toBe(true);
        }
        const cut = top.at(-1)?.share ?? Infinity;
        shares.forEach((share, index) => {
          if (share > cut) expect(top.some((t) => t.index === index)).toBe(true);
        });
      }),
    );
  });
});

describe('punctuation tokens', () => {
  it('recognises punctuation and symbols behind word markers', () => {
    for (const token of ['.', ',', '\u2581.', '\u2581,"', '\u0120!', '##.', '?!', '$', '\u2581(', '—']) {
      expect(isPunctuationToken(token), token).toBe(true);
    }
  });

  it('keeps words, numbers, bare markers and mixed tokens', () => {
    for (const token of ['\u2581the', 'fox', '\u2581', '', 'a.', '42', '\u2581don', "'s", '##ing']) {
      expect(isPunctuationToken(token), token).toBe(false);
    }
  });

  it('lists the positions to hide', () => {
    expect([...tokenPositions(['\u2581Hi', ',', '\u2581you', '!'], isPunctuationToken)]).toEqual([1, 3]);
  });
});
