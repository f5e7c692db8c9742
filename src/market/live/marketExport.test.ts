import { describe, expect, it } from 'vitest';
import { curvesForShare, equilibrium, excessDemand } from '../curves.ts';
import { LiveMarket } from './liveMarket.ts';
import { curveSamples, marketExport, tradesCsv } from './marketExport.ts';
import type { TapeTrade } from './snapshot.ts';

describe('market exports', () => {
  it('samples the curves at every tick; p* lies within one tick of where they cross', () => {
    const params = curvesForShare(0.3, undefined, 0.2);
    const samples = curveSamples(params);
    expect(samples[0].price).toBe(1);
    expect(samples.at(-1)!.price).toBe(200);
    const { price } = equilibrium(params);
    const below = samples.find((s) => s.price === Math.floor(price))!;
    const above = samples.find((s) => s.price === Math.floor(price) + 1)!;
    expect(below.demand).toBeGreaterThanOrEqual(below.supply);
    expect(above.demand).toBeLessThanOrEqual(above.supply);
    expect(Math.abs(excessDemand(params, price))).toBeLessThan(1e-6);
  });

  it('describes the selected asset: curves, p*, q*, book by level, every trade and the metrics', () => {
    const market = new LiveMarket({ scheduler: { request: () => () => {} }, now: () => 0 });
    market.setAttention({ tokens: ['a', 'b', 'c'], shares: [0.5, 0.3, 0.2] });
    market.exchange.apply({ op: 'limit', id: 's1', trader: 'p', asset: '0:a', side: 'sell', price: 120, qty: 2 });
    market.exchange.apply({ op: 'limit', id: 's2', trader: 'p', asset: '0:a', side: 'sell', price: 120, qty: 1 });
    market.exchange.apply({ op: 'limit', id: 'b1', trader: 'q', asset: '0:a', side: 'buy', price: 120, qty: 1 });
    market.exchange.apply({ op: 'limit', id: 'b2', trader: 'q', asset: '0:a', side: 'buy', price: 90, qty: 5 });
    const exported = JSON.parse(JSON.stringify(marketExport(market.snapshot(), market.trades())));
    expect(exported.assets.map((a: { token: string; share: number; supply: number }) => [a.token, a.share, a.supply])).toEqual([
      ['a', 0.5, 5000],
      ['b', 0.3, 3000],
      ['c', 0.2, 2000],
    ]);
    expect(exported.selectedAsset).toBe('0:a');
    expect(exported.pStar).toBe(equilibrium(exported.params).price);
    expect(exported.curveSamples).toHaveLength(200);
    expect(exported.book).toEqual({ bids: [{ price: 90, qty: 5, orders: 1 }], asks: [{ price: 120, qty: 2, orders: 2 }] });
    expect(exported.trades).toMatchObject([{ asset: '0:a', price: 120, qty: 1, buyer: 'q', seller: 'p' }]);
    expect(exported.metrics).toMatchObject({ lastPrice: 120, spread: 30, volume: 1 });
  });

  it('writes trades as CSV, quoting what needs quotes', () => {
    const trade: TapeTrade = {
      seq: 7,
      time: Date.UTC(2026, 0, 2, 3, 4, 5),
      asset: '3:▁a,b',
      token: '▁a,b',
      price: 101,
      qty: 2,
      buyer: 'you',
      seller: '1:b4',
      takerSide: 'buy',
      mine: true,
    };
    expect(tradesCsv([trade])).toBe(
      'seq,time,asset,token,price,qty,buyer,seller,takerSide\r\n7,2026-01-02T03:04:05.000Z,"3:▁a,b","▁a,b",101,2,you,1:b4,buy\r\n',
    );
    expect(tradesCsv([])).toBe('seq,time,asset,token,price,qty,buyer,seller,takerSide\r\n');
  });
});
