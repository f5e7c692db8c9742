import { describe, expect, it } from 'vitest';
import { curvesForShare, equilibrium } from '../curves.ts';
import { priceGap } from './priceGap.ts';

describe('shortage and surplus at a chosen price', () => {
  const params = curvesForShare(0.2);
  const { price: pStar } = equilibrium(params);

  it('is a shortage below p*, a surplus above it, and balanced at p*', () => {
    // d(100) = 4000 (1 - 100/200) = 2000; s(100) = 2000 (100 - 20)/130 = 1230.8.
    expect(priceGap(params, 100)).toMatchObject({ kind: 'shortage', demand: 2000 });
    expect(priceGap(params, 100).amount).toBeCloseTo(2000 - 16000 / 13, 6);
    expect(priceGap(params, 180)).toMatchObject({ kind: 'surplus', supply: 2000 });
    expect(priceGap(params, 180).amount).toBeCloseTo(1600, 9);
    expect(priceGap(params, pStar).kind).toBe('balanced');
  });
});
