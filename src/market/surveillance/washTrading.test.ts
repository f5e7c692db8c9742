import { describe, expect, it } from 'vitest';
import type { Alert } from './alerts.ts';
import type { SurveillanceConfigPatch } from './config.ts';
import { type TestMarket, testMarket } from './testMarket.ts';

/** `seller` offers `qty` lots at `price` and `buyer` takes them, at `time`. */
function trade(market: TestMarket, time: number, seller: string, buyer: string, qty = 2, price = 100) {
  market.clock.set(time);
  market.place(seller, 'sell', price, qty);
  return market.place(buyer, 'buy', price, qty).events.find((event) => event.type === 'trade')!;
}

function washAlerts(config: SurveillanceConfigPatch, run: (market: TestMarket) => void): Alert[] {
  const market = testMarket(config);
  run(market);
  return [...market.surveillance.alerts()];
}

describe('wash trading', () => {
  it('flags a trade between two accounts of one owner, with the trade', () => {
    const market = testMarket({ owners: { 'acct-a': 'boss', 'acct-b': 'boss' } });
    const fill = trade(market, 100, 'acct-a', 'acct-b', 3);
    expect(market.surveillance.alerts()).toEqual([
      {
        id: 'washTrade-1',
        kind: 'washTrade',
        asset: 'cat',
        owners: ['boss'],
        traders: ['acct-a', 'acct-b'],
        seq: fill.seq,
        time: 100,
        summary: 'acct-a sold 3 lots at 100 to acct-b, another account of boss.',
        pattern: 'sameOwner',
        trades: [{ seq: fill.seq, time: 100, price: 100, qty: 3, buyer: 'acct-b', seller: 'acct-a', buyOrderId: 'acct-b-2', sellOrderId: 'acct-a-1' }],
      },
    ]);
    // Unmapped, the same accounts are two owners and one trade is no round trip.
    expect(washAlerts({}, (m) => trade(m, 100, 'acct-a', 'acct-b', 3))).toEqual([]);
  });

  it('flags a round trip back within the window: 60,000 ms is flagged, 60,001 is not', () => {
    const roundTrip = (back: number) =>
      washAlerts({}, (m) => {
        trade(m, 1_000, 'x', 'y');
        trade(m, 1_000 + back, 'y', 'x', 2, 103);
      });
    const [alert] = roundTrip(60_000);
    expect(alert).toMatchObject({
      kind: 'washTrade',
      pattern: 'roundTrip',
      owners: ['x', 'y'],
      traders: ['x', 'y'],
      time: 61_000,
      summary: 'x sold 2 lots to y at 100 and bought them back at 103 60.0 s later.',
      trades: [
        { time: 1_000, seller: 'x', buyer: 'y', qty: 2, price: 100 },
        { time: 61_000, seller: 'y', buyer: 'x', qty: 2, price: 103 },
      ],
    });
    expect(alert.seq).toBe((alert as Extract<Alert, { kind: 'washTrade' }>).trades[1].seq);
    expect(roundTrip(60_001)).toEqual([]);
    expect(
      washAlerts({ washTrading: { roundTripWindowMs: 60_001 } }, (m) => {
        trade(m, 1_000, 'x', 'y');
        trade(m, 61_001, 'y', 'x');
      }),
    ).toHaveLength(1);
  });

  it('needs the same quantity back, in the other direction, and uses each leg once', () => {
    expect(washAlerts({}, (m) => [trade(m, 0, 'x', 'y', 2), trade(m, 10, 'y', 'x', 3)])).toEqual([]);
    expect(washAlerts({}, (m) => [trade(m, 0, 'x', 'y'), trade(m, 10, 'x', 'y')])).toEqual([]);
    expect(washAlerts({}, (m) => [trade(m, 0, 'x', 'y'), trade(m, 10, 'y', 'x'), trade(m, 20, 'y', 'x')])).toHaveLength(1);
    const twice = washAlerts({}, (m) => [trade(m, 0, 'x', 'y'), trade(m, 10, 'x', 'y'), trade(m, 20, 'y', 'x'), trade(m, 30, 'y', 'x')]);
    expect(twice.map((alert) => alert.kind === 'washTrade' && alert.trades.map((leg) => leg.time))).toEqual([
      [0, 20],
      [10, 30],
    ]);
  });

  it('matches a leg of the right quantity among older ones, and expires legs in time order', () => {
    const alerts = washAlerts({ washTrading: { roundTripWindowMs: 100 } }, (m) => {
      trade(m, 0, 'x', 'y', 1);
      trade(m, 50, 'x', 'y', 2);
      trade(m, 120, 'y', 'x', 1); // the 1-lot leg has expired
      trade(m, 140, 'y', 'x', 2);
    });
    expect(alerts).toMatchObject([{ pattern: 'roundTrip', trades: [{ time: 50, qty: 2 }, { time: 140, qty: 2 }] }]);
  });
});
