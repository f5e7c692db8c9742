import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.ts';
import { Exchange } from './exchange.ts';
import { allocativeEfficiency, competitiveEquilibrium, orderImbalance, smithsAlpha, volumeRatio } from './metrics.ts';

/** Largest surplus over every way of pairing some buyers with some sellers (brute force). */
function bestPairing(values: number[], costs: number[]): number {
  if (values.length === 0 || costs.length === 0) return 0;
  const [v, ...restValues] = values;
  let best = bestPairing(restValues, costs); // this buyer does not trade
  costs.forEach((c, j) => {
    best = Math.max(best, v - c + bestPairing(restValues, costs.filter((_, k) => k !== j)));
  });
  return best;
}

describe('metrics', () => {
  it('competitive equilibrium: quantity, clearing interval and maximal surplus', () => {
    const ce = competitiveEquilibrium([150, 130, 110, 90], [80, 100, 120, 140]);
    // Two lots trade (130 >= 100, 110 < 120); the price lies in [max(100, 110), min(130, 120)].
    expect(ce).toEqual({ quantity: 2, priceLow: 110, priceHigh: 120, price: 115, maxSurplus: 100 });
    expect(competitiveEquilibrium([50], [60])).toBeNull();
  });

  it('maximal surplus matches a brute force over all pairings', () => {
    const prices = fc.array(fc.integer({ min: 1, max: 100 }), { maxLength: 5 });
    fc.assert(
      fc.property(prices, prices, (v, c) => {
        const values = [...v].sort((a, b) => b - a);
        const costs = [...c].sort((a, b) => a - b);
        expect(competitiveEquilibrium(values, costs)?.maxSurplus ?? 0).toBe(bestPairing(values, costs));
      }),
    );
  });

  it("Smith's alpha, efficiency and volume ratio", () => {
    expect(smithsAlpha([90, 110], 100)).toBeCloseTo(10);
    expect(smithsAlpha([], 100)).toBeNull();
    expect(allocativeEfficiency(45, 50)).toBe(0.9);
    expect(allocativeEfficiency(0, 0)).toBeNull();
    expect(volumeRatio(12, 10)).toBe(1.2);
  });

  it('order imbalance over the top levels', () => {
    const exchange = new Exchange({ clock: new ManualClock(), assets: ['cat'] });
    const book = exchange.book('cat')!;
    expect(orderImbalance(book)).toBe(0);
    exchange.apply({ op: 'limit', id: 'b', trader: 't', asset: 'cat', side: 'buy', price: 99, qty: 3 });
    exchange.apply({ op: 'limit', id: 's1', trader: 'u', asset: 'cat', side: 'sell', price: 101, qty: 1 });
    exchange.apply({ op: 'limit', id: 's2', trader: 'u', asset: 'cat', side: 'sell', price: 102, qty: 8 });
    expect(orderImbalance(book, 1)).toBe(0.5);
    expect(orderImbalance(book)).toBe(-0.5);
  });
});
