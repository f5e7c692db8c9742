import { describe, expect, it } from 'vitest';
import { AttentionMarket } from './attentionMarket.ts';
import { ManualClock } from './clock.ts';
import { DEFAULT_CURVE_SETTINGS } from './curves.ts';
import { smithsAlpha } from './metrics.ts';

const shares = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('attention market', () => {
  it('lists the top tokens, trades them towards p*, and delists tokens that leave', () => {
    const market = new AttentionMarket({ clock: new ManualClock(), seed: 11 });
    const listed = market.setShares(shares({ cat: 0.3, sat: 0.2 }));
    expect(listed.map((e) => e.type)).toEqual(['listed', 'listed']);
    expect(market.asset('cat')!.params).toMatchObject({ demandScale: 6000, supplyQty: 3000 });
    market.step(20 * 300);
    for (const state of market.assets()) {
      const period = state.simulation.completedPeriods().at(-1)!;
      expect(smithsAlpha(period.prices, state.equilibrium.price)).toBeLessThan(10);
    }
    expect(market.exchange.book('sat')!.depth('buy').length + market.exchange.book('sat')!.depth('sell').length).toBeGreaterThan(0);

    const events = market.setShares(shares({ cat: 0.4, mat: 0.1 }));
    const gone = events.filter((e) => e.type === 'cancelled');
    expect(gone.length).toBeGreaterThan(0);
    expect(gone.every((e) => e.type === 'cancelled' && e.asset === 'sat' && e.reason === 'delisted')).toBe(true);
    expect(events.find((e) => e.type === 'delisted')).toMatchObject({ asset: 'sat', note: 'left the top-K' });
    expect(market.exchange.assets()).toEqual(['cat', 'mat']);
    expect(market.asset('cat')!.share).toBe(0.4);
  });

  it('re-induces values when the sliders move, and the market follows p*', () => {
    const market = new AttentionMarket({ clock: new ManualClock(), seed: 5 });
    market.setShares(shares({ cat: 0.3 }));
    market.step(10 * 300);
    const before = market.asset('cat')!.equilibrium.price;
    market.setSettings({ ...DEFAULT_CURVE_SETTINGS, reservation: 70, saturation: 190 });
    const after = market.asset('cat')!.equilibrium.price;
    expect(after).toBeGreaterThan(before + 10);
    market.step(15 * 300);
    const period = market.asset('cat')!.simulation.completedPeriods().at(-1)!;
    expect(smithsAlpha(period.prices, after)).toBeLessThan(10);
  });

  it('prices by share relative to the mean when asked, and reprices when the shares change', () => {
    const market = new AttentionMarket({ clock: new ManualClock(), demandRelativeToMean: true });
    market.setShares(shares({ cat: 0.3, sat: 0.1 }));
    const price = (asset: string) => market.asset(asset)!.equilibrium.price;
    expect(market.asset('cat')!.params.demandScale).toBeCloseTo(9000, 6);
    expect(price('cat')).toBeGreaterThan(price('sat') + 20);
    const before = price('cat');
    market.setShares(shares({ cat: 0.2, sat: 0.2 }));
    expect(price('cat')).toBeCloseTo(price('sat'), 9);
    expect(price('cat')).toBeLessThan(before - 10);
  });

  it('lets agents quote up to a raised price ceiling', () => {
    const market = new AttentionMarket({ clock: new ManualClock(), seed: 2 });
    market.setShares(shares({ cat: 0.3 }));
    market.setSettings({ ...DEFAULT_CURVE_SETTINGS, priceCeiling: 400, reservation: 250, saturation: 380 });
    const target = market.asset('cat')!.equilibrium.price;
    expect(target).toBeGreaterThan(250);
    market.step(10 * 300);
    const period = market.asset('cat')!.simulation.completedPeriods().at(-1)!;
    expect(Math.max(...period.prices)).toBeGreaterThan(200);
    expect(smithsAlpha(period.prices, target)).toBeLessThan(10);
  });

  it('changes the number of agents and their strategy', () => {
    const market = new AttentionMarket({ clock: new ManualClock(), lotsPerSide: 10 });
    market.setShares(shares({ cat: 0.3 }));
    market.step(50);
    const first = market.asset('cat')!.simulation;
    expect(first.agents.length).toBeLessThanOrEqual(20);
    market.setLotsPerSide(40);
    market.step(1);
    expect(first.agents.length).toBeGreaterThan(20);
    market.setStrategy('zic');
    const second = market.asset('cat')!.simulation;
    expect(second).not.toBe(first);
    expect(second.agents.every((a) => a.strategy === 'zic')).toBe(true);
    const book = market.exchange.book('cat')!;
    expect([...book.orders('buy'), ...book.orders('sell')]).toEqual([]);
  });
});
