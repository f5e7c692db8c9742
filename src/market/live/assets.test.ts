import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH } from '../types.ts';
import { assetId, attentionAssets, departedAssets } from './assets.ts';

const tokens = ['▁the', '▁cat', '▁sat', '▁on', '▁the', '▁mat', '.'];
const shares = [0.1, 0.3, 0.15, 0.05, 0.15, 0.25, 0];

describe('attention to assets', () => {
  it('lists the top K tokens by share, largest first, with S_j = round(w_j U)', () => {
    const assets = attentionAssets({ tokens, shares }, 4, 10_000);
    expect(assets.map((a) => [a.id, a.share, a.supply, a.rank])).toEqual([
      ['1:▁cat', 0.3, 3000, 1],
      ['5:▁mat', 0.25, 2500, 2],
      // Equal shares: the earlier position first.
      ['2:▁sat', 0.15, 1500, 3],
      ['4:▁the', 0.15, 1500, 4],
    ]);
    expect(attentionAssets({ tokens, shares }, 8, 333).map((a) => a.supply)).toEqual([100, 83, 50, 50, 33, 17]);
  });

  it('never lists hidden tokens or tokens without attention', () => {
    const assets = attentionAssets({ tokens, shares, hidden: new Set([1, 5]) }, 8, 10_000);
    expect(assets.map((a) => a.token)).toEqual(['▁sat', '▁the', '▁the', '▁on']);
    expect(assets.some((a) => a.token === '.')).toBe(false);
  });

  it('names assets by position and token, within the engine’s name limit', () => {
    expect(assetId('▁cat', 1)).toBe('1:▁cat');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.nat(100_000), (token, position) => {
        const id = assetId(token, position);
        expect(id.length).toBeGreaterThan(0);
        expect(id.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
        expect(id.startsWith(`${position}:`)).toBe(true);
      }),
    );
  });

  it('keeps an asset when a re-run has the same token at the same position', () => {
    const before = attentionAssets({ tokens, shares }, 3, 10_000);
    const after = attentionAssets({ tokens: [...tokens.slice(0, 6), '▁again'], shares: [0.1, 0.2, 0.3, 0.05, 0.05, 0.1, 0.2] }, 3, 10_000);
    expect(after.map((a) => [a.id, a.share])).toEqual([
      ['2:▁sat', 0.3],
      ['1:▁cat', 0.2],
      ['6:▁again', 0.2],
    ]);
    expect(departedAssets(before, after).map((a) => a.id)).toEqual(['5:▁mat']);
    expect(departedAssets(after, after)).toEqual([]);
  });
});
