import { describe, expect, it } from 'vitest';
import type { SurveillanceConfigPatch } from './config.ts';
import { type TestMarket, play, testMarket } from './testMarket.ts';

/**
 * Honest 1-lot orders at time 0: bids 2 lots at 100 and 1 at 98, offers at 105 and 106. The
 * typical order is then 1 lot and the bid touch holds 2 lots.
 */
function honestBook(market: TestMarket): void {
  market.place('mm1', 'buy', 100, 1);
  market.place('mm2', 'buy', 100, 1);
  market.place('mm3', 'buy', 98, 1);
  market.place('mm4', 'sell', 105, 1);
  market.place('mm5', 'sell', 106, 1);
}

interface Scenario {
  /** The spoof bid, placed at time 100. */
  qty?: number;
  price?: number;
  /** When a buyer takes the spoofer's 1-lot offer at 104 (placed at time 0). */
  fillAt?: number;
  cancelAt?: number;
  /** Lots sold into the bids at 99 before the cancel, at time 300. */
  hitSpoofWith?: number;
  config?: SurveillanceConfigPatch;
}

/** The spoofer offers 1 lot at 104, bids `qty` at `price`, sells its lot, and cancels the bid. */
function spoof({ qty = 10, price = 99, fillAt = 200, cancelAt = 1_000, hitSpoofWith = 0, config = {} }: Scenario = {}) {
  const market = testMarket(config);
  honestBook(market);
  const genuine = market.place('spoofer', 'sell', 104, 1).id;
  let bid = '';
  const events = play(market, [
    {
      time: 100,
      run: () => {
        const placed = market.place('spoofer', 'buy', price, qty);
        bid = placed.id;
        return placed.events;
      },
    },
    { time: fillAt, run: () => market.place('buyer', 'buy', 104, 1).events },
    { time: 300, run: () => (hitSpoofWith > 0 ? market.place('seller', 'sell', price, 2 + hitSpoofWith).events : []) },
    { time: cancelAt, run: () => market.cancel(bid) },
  ]);
  return { ...market, genuine, bid, events, alerts: market.surveillance.alerts() };
}

describe('spoofing', () => {
  it('flags a large bid near the touch, pulled unfilled while its trader sold, with the evidence', () => {
    const { alerts, genuine, bid, events } = spoof();
    const placed = events.find((event) => event.type === 'accepted' && event.id === bid)!;
    const fill = events.find((event) => event.type === 'trade')!;
    const cancel = events.find((event) => event.type === 'cancelled')!;
    expect(alerts[0]).toEqual({
      id: 'spoofing-1',
      kind: 'spoofing',
      asset: 'cat',
      owners: ['spoofer'],
      traders: ['spoofer'],
      seq: cancel.seq,
      time: 1_000,
      summary:
        'spoofer bid for 10 lots 1 tick behind the best bid (2 lots there, typical order 1 lot), sold 1 lot meanwhile ' +
        'and cancelled it unfilled after 900 ms.',
      order: {
        id: bid,
        trader: 'spoofer',
        side: 'buy',
        price: 99,
        qty: 10,
        placedSeq: placed.seq,
        placedTime: 100,
        filledQty: 0,
        cancelledQty: 10,
        cancelledSeq: cancel.seq,
        cancelledTime: 1_000,
      },
      fills: [
        {
          seq: fill.seq,
          time: 200,
          price: 104,
          qty: 1,
          buyer: 'buyer',
          seller: 'spoofer',
          buyOrderId: 'buyer-8', // the 8th order of the scenario
          sellOrderId: genuine,
        },
      ],
      ticksFromTouch: 1,
      touchDepth: 2,
      typicalQty: 1,
    });
    expect(JSON.parse(JSON.stringify(alerts))).toEqual(alerts);
  });

  it('needs the size multiple of the typical order: 5 lots are flagged, 4 are not', () => {
    expect(spoof({ qty: 5 }).alerts).toHaveLength(1);
    expect(spoof({ qty: 4 }).alerts).toHaveLength(0);
  });

  it('needs the multiple of the depth at the touch: 10 lots = 5 x 2 are flagged, 9 are not', () => {
    const config = { spoofing: { touchDepthMultiple: 5 } };
    expect(spoof({ qty: 10, config }).alerts).toHaveLength(1);
    expect(spoof({ qty: 9, config }).alerts).toHaveLength(0);
  });

  it('needs the order near the touch: 2 ticks behind is flagged, 3 is not, improving the bid is 0', () => {
    expect(spoof({ price: 98 }).alerts).toHaveLength(1);
    expect(spoof({ price: 97 }).alerts).toHaveLength(0);
    expect(spoof({ price: 101 }).alerts[0]).toMatchObject({ kind: 'spoofing', ticksFromTouch: 0, touchDepth: 2 });
  });

  it('needs the cancel within tau of the placement: 5,000 ms is flagged, 5,001 is not', () => {
    expect(spoof({ cancelAt: 5_100 }).alerts).toHaveLength(1);
    expect(spoof({ cancelAt: 5_101 }).alerts).toHaveLength(0);
    expect(spoof({ cancelAt: 5_101, config: { spoofing: { tauMs: 5_001 } } }).alerts).toHaveLength(1);
  });

  it('needs a fill on the other side while the order was live, not before or after', () => {
    expect(spoof({ fillAt: 100 }).alerts).toHaveLength(1); // same time, after the bid in sequence
    expect(spoof({ fillAt: 50 }).alerts).toHaveLength(0);
    expect(spoof({ fillAt: 2_000 }).alerts).toHaveLength(0);
  });

  it('needs the order unfilled, up to the fraction allowed', () => {
    // One of 10 lots traded: a tenth, allowed by 0.1 but not by the default 0.
    expect(spoof({ hitSpoofWith: 1 }).alerts).toHaveLength(0);
    const config = { spoofing: { maxFilledFraction: 0.1 } };
    expect(spoof({ hitSpoofWith: 1, config }).alerts[0]).toMatchObject({ order: { filledQty: 1, cancelledQty: 9 } });
    expect(spoof({ hitSpoofWith: 2, config }).alerts).toHaveLength(0);
  });

  it('counts pulls by mass cancel, not cancels by the exchange', () => {
    const liveSpoof = () => {
      const market = testMarket();
      honestBook(market);
      market.place('spoofer', 'sell', 104, 1);
      market.place('spoofer', 'buy', 99, 10);
      market.place('buyer', 'buy', 104, 1);
      return market;
    };
    const massCancelled = liveSpoof();
    massCancelled.exchange.apply({ op: 'cancelAll', asset: 'cat', trader: 'spoofer' });
    expect(massCancelled.surveillance.alerts()).toMatchObject([{ kind: 'spoofing', order: { price: 99, qty: 10 } }]);
    const delisted = liveSpoof();
    delisted.exchange.apply({ op: 'delist', asset: 'cat' });
    expect(delisted.surveillance.alerts()).toHaveLength(0);
  });

  it('judges per beneficial owner when accounts are mapped to one', () => {
    const run = (owners: Record<string, string>) => {
      const market = testMarket({ owners });
      honestBook(market);
      market.place('acct-a', 'sell', 104, 1);
      const bid = market.place('acct-b', 'buy', 99, 10).id;
      market.place('buyer', 'buy', 104, 1);
      market.cancel(bid);
      return market.surveillance.alerts();
    };
    expect(run({})).toHaveLength(0);
    expect(run({ 'acct-a': 'boss', 'acct-b': 'boss' })).toMatchObject([{ owners: ['boss'], traders: ['acct-b', 'acct-a'] }]);
  });

  it('judges a modified order from its last modification', () => {
    const market = testMarket();
    honestBook(market);
    market.place('spoofer', 'sell', 104, 1);
    const bid = market.place('spoofer', 'buy', 99, 1).id;
    market.clock.set(2_000);
    market.exchange.apply({ op: 'modify', id: bid, qty: 10 });
    market.place('buyer', 'buy', 104, 1);
    market.clock.set(6_900); // 4.9 s after the modification, 6.9 s after the placement
    market.cancel(bid);
    expect(market.surveillance.alerts()).toMatchObject([{ order: { id: bid, qty: 10, placedTime: 2_000 } }]);
  });

  it('does not count its own old size at the touch as depth when an order grows there', () => {
    const market = testMarket({ spoofing: { touchDepthMultiple: 1 } });
    honestBook(market);
    market.place('spoofer', 'sell', 104, 1);
    // Alone at 101, then grown to 10 lots: the touch before held only its own 3 lots.
    const bid = market.place('spoofer', 'buy', 101, 3).id;
    market.exchange.apply({ op: 'modify', id: bid, qty: 10 });
    market.place('buyer', 'buy', 104, 1);
    market.cancel(bid);
    expect(market.surveillance.alerts()).toMatchObject([{ ticksFromTouch: 0, touchDepth: 0 }]);
  });

  it('applies changed thresholds to orders already live and refuses invalid ones', () => {
    const market = testMarket();
    honestBook(market);
    market.place('spoofer', 'sell', 104, 1);
    const bid = market.place('spoofer', 'buy', 99, 4).id;
    market.place('buyer', 'buy', 104, 1);
    market.surveillance.configure({ spoofing: { sizeMultiple: 4 } });
    market.cancel(bid);
    expect(market.surveillance.alerts()).toHaveLength(1);
    expect(market.surveillance.config.spoofing).toMatchObject({ sizeMultiple: 4, tauMs: 5_000 });
    expect(() => market.surveillance.configure({ spoofing: { tauMs: -1 } })).toThrow(RangeError);
    expect(() => market.surveillance.configure({ layering: { minLevels: 1.5 } })).toThrow(/layering.minLevels/);
  });
});
