import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CurveParams,
  DEFAULT_CURVE_SETTINGS,
  curvesForShare,
  demandAt,
  equilibrium,
  excessDemand,
  induceUnits,
  supplyAt,
} from './curves.ts';
import { competitiveEquilibrium } from './metrics.ts';

const params: fc.Arbitrary<CurveParams> = fc
  .record({
    demand: fc.constantFrom('linear' as const, 'isoelastic' as const),
    demandScale: fc.double({ min: 10, max: 1e6, noNaN: true }),
    elasticity: fc.double({ min: 0.2, max: 3, noNaN: true }),
    priceFloor: fc.integer({ min: 1, max: 20 }),
    span: fc.integer({ min: 20, max: 1000 }),
    supplyQty: fc.integer({ min: 0, max: 50_000 }),
    reservationShare: fc.double({ min: 0, max: 1.2, noNaN: true }),
    rampShare: fc.double({ min: 0.01, max: 1, noNaN: true }),
  })
  .map(({ span, reservationShare, rampShare, ...rest }) => {
    const priceCeiling = rest.priceFloor + span;
    const reservation = reservationShare * priceCeiling;
    return { ...rest, priceCeiling, reservation, saturation: reservation + rampShare * priceCeiling };
  });

describe('parametric curves', () => {
  it('follow the formulas of the design', () => {
    const p = curvesForShare(0.25);
    expect(p).toMatchObject({ demandScale: 5000, supplyQty: 2500, priceCeiling: 200, reservation: 20, saturation: 150 });
    expect(demandAt(p, 100)).toBeCloseTo(2500);
    expect(demandAt(p, 250)).toBe(0);
    expect(supplyAt(p, 10)).toBe(0);
    expect(supplyAt(p, 85)).toBeCloseTo(1250);
    expect(supplyAt(p, 180)).toBe(2500);
    const iso = { ...p, demand: 'isoelastic' as const, elasticity: 2 };
    expect(demandAt(iso, 10)).toBeCloseTo(50);
    expect(excessDemand(iso, 10)).toBeCloseTo(50);
    expect(curvesForShare(0.123, { ...DEFAULT_CURVE_SETTINGS, units: 100 }).supplyQty).toBe(12);
  });

  it('solve linear demand in closed form: 4000 (1 - p/200) = 2000 (p - 20)/130 at p = 121.74', () => {
    const e = equilibrium(curvesForShare(0.2));
    expect(e.method).toBe('closedForm');
    expect(e.price).toBeCloseTo(121.7391, 3);
    expect(e.quantity).toBeCloseTo(4000 * (1 - e.price / 200), 6);
  });

  it('price an asset by its share relative to the mean: above-average attention trades dearer', () => {
    // Proportional demand and supply: the same p* whatever the share.
    expect(equilibrium(curvesForShare(0.05)).price).toBeCloseTo(equilibrium(curvesForShare(0.4)).price, 9);
    // Against a mean share of 0.1, demand is 20000 w (w / 0.1): twice the share, twice the demand per unit supplied.
    const above = curvesForShare(0.2, DEFAULT_CURVE_SETTINGS, 0.1);
    expect(above).toMatchObject({ demandScale: 8000, supplyQty: 2000 });
    const below = curvesForShare(0.05, DEFAULT_CURVE_SETTINGS, 0.1);
    expect(below).toMatchObject({ demandScale: 500, supplyQty: 500 });
    const average = equilibrium(curvesForShare(0.1, DEFAULT_CURVE_SETTINGS, 0.1)).price;
    expect(average).toBeCloseTo(121.7391, 3);
    expect(equilibrium(above).price).toBeGreaterThan(average + 20);
    expect(equilibrium(below).price).toBeLessThan(average - 20);
    expect(curvesForShare(0, DEFAULT_CURVE_SETTINGS, 0)).toMatchObject({ demandScale: 0, supplyQty: 0 });
  });

  it('find the equilibrium that a fine brute-force grid finds, on random curves', () => {
    fc.assert(
      fc.property(params, (p) => {
        const e = equilibrium(p);
        expect(e.method).toBe(p.demand === 'linear' || e.price === p.priceFloor || e.price === p.priceCeiling ? 'closedForm' : 'bisection');
        expect(e.price).toBeGreaterThanOrEqual(p.priceFloor);
        expect(e.price).toBeLessThanOrEqual(p.priceCeiling);
        // Brute force: the grid point with the smallest |excess demand| (the gap is monotone).
        const steps = 5_000;
        const step = (p.priceCeiling - p.priceFloor) / steps;
        let best = p.priceFloor;
        for (let i = 0; i <= steps; i += 1) {
          const price = Math.min(p.priceCeiling, p.priceFloor + i * step);
          if (Math.abs(excessDemand(p, price)) < Math.abs(excessDemand(p, best))) best = price;
        }
        const scale = Math.max(demandAt(p, p.priceFloor), p.supplyQty, 1);
        expect(Math.abs(excessDemand(p, e.price))).toBeLessThanOrEqual(Math.abs(excessDemand(p, best)) + 1e-9 * scale);
        if (e.price > p.priceFloor && e.price < p.priceCeiling) {
          expect(Math.abs(excessDemand(p, e.price))).toBeLessThan(1e-6 * scale);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("induce unit values whose competitive equilibrium lies within one lot's price step of p*", () => {
    fc.assert(
      fc.property(params, fc.integer({ min: 20, max: 300 }), (p, maxLots) => {
        const e = equilibrium(p);
        const { values, costs } = induceUnits(p, maxLots);
        expect(values.length).toBeLessThanOrEqual(maxLots);
        expect(costs.length).toBeLessThanOrEqual(maxLots);
        expect([...values].sort((a, b) => b - a)).toEqual(values);
        expect([...costs].sort((a, b) => a - b)).toEqual(costs);
        expect([...values, ...costs].every(Number.isInteger)).toBe(true);
        const ce = competitiveEquilibrium(values, costs);
        // Only markets that trade several lots at an interior price make a sharp claim.
        if (ce === null || ce.quantity < 3 || e.price <= p.priceFloor + 1 || e.price >= p.priceCeiling - 1) return;
        // How far the price moves over one lot next to the margin, plus a tick of rounding.
        const q = ce.quantity;
        const gaps = [values[q - 2] - values[q - 1], values[q - 1] - (values[q] ?? values[q - 1]), costs[q - 1] - costs[q - 2]];
        if (q < costs.length) gaps.push(costs[q] - costs[q - 1]);
        const slack = Math.max(...gaps) + 1;
        expect(e.price).toBeGreaterThanOrEqual(ce.priceLow - slack);
        expect(e.price).toBeLessThanOrEqual(ce.priceHigh + slack);
      }),
      { numRuns: 300 },
    );
  });

  it('reject meaningless parameters', () => {
    expect(() => equilibrium({ ...curvesForShare(0.2), saturation: 10 })).toThrow('saturation');
    expect(() => equilibrium({ ...curvesForShare(0.2), priceFloor: 0 })).toThrow('priceFloor');
  });
});
