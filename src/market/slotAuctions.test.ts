import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SlotBidder, gspAuction, secondPriceAuction, vcgAuction } from './slotAuctions.ts';

const bidders = fc
  .array(fc.record({ bid: fc.integer({ min: 0, max: 50 }), quality: fc.double({ min: 0.01, max: 1, noNaN: true }) }), {
    maxLength: 6,
  })
  .map((list) => list.map((b, i): SlotBidder => ({ id: `b${i}`, ...b })));
const weights = fc
  .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 })
  .map((w) => w.sort((a, b) => b - a));

/** Best welfare over every assignment of the given bidders to slots (each slot to at most one bidder). */
function bestWelfare(pool: SlotBidder[], slotWeights: number[]): number {
  const place = (slot: number, left: SlotBidder[]): number => {
    if (slot === slotWeights.length || left.length === 0) return 0;
    let best = place(slot + 1, left); // leave the slot empty
    left.forEach((b, i) => {
      const rest = left.filter((_, j) => j !== i);
      best = Math.max(best, slotWeights[slot] * b.quality * b.bid + place(slot + 1, rest));
    });
    return best;
  };
  return place(0, pool);
}

const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 9);

describe('slot auctions', () => {
  it('VCG payments equal each winner’s externality, found by brute force over all allocations', () => {
    fc.assert(
      fc.property(bidders, weights, (pool, slotWeights) => {
        const result = vcgAuction(pool, slotWeights);
        close(result.welfare, bestWelfare(pool, slotWeights));
        for (const a of result.assignments) {
          const others = pool.filter((b) => b.id !== a.bidder);
          const othersNow = result.welfare - a.value;
          close(a.payment, bestWelfare(others, slotWeights) - othersNow);
          expect(a.payment).toBeLessThanOrEqual(a.value + 1e-9); // individually rational
        }
      }),
      { numRuns: 500 },
    );
  });

  it('GSP ranks like VCG and never charges less', () => {
    fc.assert(
      fc.property(bidders, weights, (pool, slotWeights) => {
        const gsp = gspAuction(pool, slotWeights);
        const vcg = vcgAuction(pool, slotWeights);
        expect(gsp.assignments.map((a) => a.bidder)).toEqual(vcg.assignments.map((a) => a.bidder));
        gsp.assignments.forEach((a, s) => expect(a.payment).toBeGreaterThanOrEqual(vcg.assignments[s].payment - 1e-9));
      }),
      { numRuns: 500 },
    );
  });

  it('computes GSP prices per click from the next score over own quality', () => {
    const pool = [
      { id: 'a', bid: 10, quality: 0.5 }, // score 5
      { id: 'b', bid: 4, quality: 1 }, // score 4
      { id: 'c', bid: 6, quality: 0.5 }, // score 3
    ];
    const gsp = gspAuction(pool, [1, 0.5]);
    expect(gsp.assignments.map((a) => [a.bidder, a.pricePerClick, a.payment])).toEqual([
      ['a', 8, 4], // 4 / 0.5 per click, 0.5 clicks
      ['b', 3, 1.5], // 3 / 1 per click, 0.5 clicks
    ]);
    const vcg = vcgAuction(pool, [1, 0.5]);
    // a: (1 - 0.5) x 4 + (0.5 - 0) x 3 = 3.5; b: 0.5 x 3 = 1.5.
    expect(vcg.assignments.map((a) => a.payment)).toEqual([3.5, 1.5]);
    expect(vcg.revenue).toBe(5);
    expect(vcg.welfare).toBe(0.5 * 10 + 0.5 * 4);
  });

  it('second price: the highest bid wins and pays the second highest', () => {
    const result = secondPriceAuction([
      { id: 'a', bid: 7, quality: 0.1 },
      { id: 'b', bid: 9, quality: 0.9 },
      { id: 'c', bid: 8, quality: 0.2 },
    ]);
    expect(result.assignments).toEqual([{ slot: 0, bidder: 'b', clicks: 1, pricePerClick: 8, payment: 8, value: 9 }]);
    expect(secondPriceAuction([{ id: 'a', bid: 7, quality: 1 }]).revenue).toBe(0);
  });

  it('rejects increasing slot weights and non-positive quality', () => {
    expect(() => gspAuction([], [0.5, 1])).toThrow('must not increase');
    expect(() => vcgAuction([{ id: 'a', bid: 1, quality: 0 }], [1])).toThrow('quality');
  });
});
