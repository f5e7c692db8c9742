import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PriceQty, auctionOutcome, clearingInterval, demandAt, mcAfee, supplyAt, uniformPrice } from './callAuction.ts';
import { naiveMcAfee } from './testing/naiveBook.ts';

/** One side of a random book: distinct prices in [lo, hi], best first. */
const side = (best: 'high' | 'low', lo: number, hi: number) =>
  fc
    .uniqueArray(fc.record({ price: fc.integer({ min: lo, max: hi }), qty: fc.integer({ min: 1, max: 15 }) }), {
      selector: (level) => level.price,
      maxLength: 12,
    })
    .map((levels) => levels.sort((a, b) => (best === 'high' ? b.price - a.price : a.price - b.price)));

const book = fc.record({ bids: side('high', 90, 115), asks: side('low', 85, 110) });

const lots = (levels: PriceQty[]) => levels.flatMap((l) => Array<number>(l.qty).fill(l.price));

/** Every tick from below the lowest price to above the highest, scored by the definition. */
function bruteForce(bids: PriceQty[], asks: PriceQty[]) {
  const prices = [...bids, ...asks].map((l) => l.price);
  const scored = [];
  for (let p = Math.min(...prices) - 2; p <= Math.max(...prices) + 2; p += 1) {
    const d = bids.filter((l) => l.price >= p).reduce((s, l) => s + l.qty, 0);
    const s = asks.filter((l) => l.price <= p).reduce((t, l) => t + l.qty, 0);
    scored.push({ p, d, s, volume: Math.min(d, s), imbalance: Math.abs(d - s) });
  }
  const volume = Math.max(0, ...scored.map((x) => x.volume));
  const atVolume = scored.filter((x) => x.volume === volume);
  const imbalance = Math.min(...atVolume.map((x) => x.imbalance));
  const best = atVolume.filter((x) => x.imbalance === imbalance).map((x) => x.p);
  return { scored, volume, imbalance, best };
}

describe('clearing price', () => {
  it('matches a brute force over every tick on random books', () => {
    fc.assert(
      fc.property(book, fc.integer({ min: 70, max: 130 }), fc.double({ min: 0, max: 1, noNaN: true }), ({ bids, asks }, reference, k) => {
        const brute = bruteForce(bids, asks);
        for (const { p, d, s } of brute.scored) {
          expect([demandAt(bids, p), supplyAt(asks, p)]).toEqual([d, s]);
        }
        const interval = clearingInterval(bids, asks);
        if (brute.volume === 0) {
          expect(interval).toBeNull();
          return;
        }
        const low = brute.best[0];
        const high = brute.best[brute.best.length - 1];
        expect(brute.best).toEqual(Array.from({ length: high - low + 1 }, (_, i) => low + i)); // contiguous
        expect(interval).toEqual({ volume: brute.volume, imbalance: brute.imbalance, low, high });
        const nearest = brute.best.reduce((a, b) => (Math.abs(b - reference) < Math.abs(a - reference) ? b : a));
        expect(uniformPrice(interval!, { kind: 'maxVolume' }, reference)).toBe(nearest);
        const kPrice = uniformPrice(interval!, { kind: 'kDouble', k }, null);
        expect(kPrice).toBe(low + Math.round(k * (high - low)));
        expect(brute.best).toContain(kPrice);
      }),
      { numRuns: 2000 },
    );
  });

  it('defaults the reference to the last trade price, else the middle of the interval', () => {
    const bids = [{ price: 110, qty: 1 }];
    const asks = [{ price: 100, qty: 1 }];
    expect(auctionOutcome(bids, asks, { kind: 'maxVolume' }, null)).toEqual({ price: 105, sellerPrice: 105, volume: 1, excluded: 0 });
    expect(auctionOutcome(bids, asks, { kind: 'maxVolume' }, 120)!.price).toBe(110);
    expect(auctionOutcome(bids, asks, { kind: 'maxVolume', reference: 101 }, 120)!.price).toBe(101);
    expect(auctionOutcome([{ price: 99, qty: 1 }], asks, { kind: 'maxVolume' }, null)).toBeNull();
  });
});

describe('McAfee trade reduction', () => {
  it('matches the per-lot definition and keeps its properties on random books', () => {
    fc.assert(
      fc.property(book, ({ bids, asks }) => {
        const outcome = mcAfee(bids, asks);
        expect(outcome).toEqual(naiveMcAfee(lots(bids), lots(asks)));
        if (outcome === null) return;
        const b = lots(bids);
        const s = lots(asks);
        // Weak budget balance and individual rationality for every lot that trades.
        expect(outcome.price).toBeGreaterThanOrEqual(outcome.sellerPrice);
        for (let i = 0; i < outcome.volume; i += 1) {
          expect(b[i]).toBeGreaterThanOrEqual(outcome.price);
          expect(s[i]).toBeLessThanOrEqual(outcome.sellerPrice);
        }
        // Never more than the efficient quantity, at most one lot fewer.
        const efficient = b.filter((v, i) => i < s.length && v >= s[i]).length;
        expect(efficient - outcome.volume).toBe(outcome.excluded);
      }),
      { numRuns: 2000 },
    );
  });

  it('without a (k+1)-th lot on both sides, reduces', () => {
    const bids = [{ price: 10, qty: 2 }];
    const asks = [{ price: 5, qty: 1 }, { price: 7, qty: 1 }];
    expect(mcAfee(bids, asks)).toEqual({ price: 10, sellerPrice: 7, volume: 1, excluded: 1 });
  });

  it('pays buyers ceil and sellers floor of a half-tick p0', () => {
    // k = 1 (10 >= 5, 6 < 9); p0 = (6 + 9) / 2 = 7.5 lies in [5, 10].
    const outcome = mcAfee(
      [
        { price: 10, qty: 1 },
        { price: 6, qty: 1 },
      ],
      [
        { price: 5, qty: 1 },
        { price: 9, qty: 1 },
      ],
    );
    expect(outcome).toEqual({ price: 8, sellerPrice: 7, volume: 1, excluded: 0 });
  });
});
