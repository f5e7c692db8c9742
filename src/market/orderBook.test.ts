import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.ts';
import { Exchange } from './exchange.ts';
import {
  type Action,
  type AuctionRule,
  type LimitAction,
  MAX_PRICE,
  MAX_QTY,
  type MarketEvent,
  type SelfTradeMode,
  type Side,
} from './types.ts';

function setup(options: { selfTrade?: SelfTradeMode; autoList?: boolean } = {}) {
  const clock = new ManualClock(1000);
  const exchange = new Exchange({ clock, assets: ['cat', 'dog'], ...options });
  const apply = (action: Action) => exchange.apply(action);
  const limit = (id: string, trader: string, side: Side, price: number, qty: number, extra: Partial<LimitAction> = {}) =>
    apply({ op: 'limit', id, trader, asset: 'cat', side, price, qty, ...extra });
  const book = exchange.book('cat')!;
  return { exchange, clock, apply, limit, book };
}

const types = (events: MarketEvent[]) => events.map((e) => e.type);
const ofType = <T extends MarketEvent['type']>(events: MarketEvent[], type: T) =>
  events.filter((e): e is Extract<MarketEvent, { type: T }> => e.type === type);
const ids = (orders: { id: string }[]) => orders.map((o) => o.id);

describe('limit orders', () => {
  it('rest on an empty book and publish the new best bid', () => {
    const { limit, book } = setup();
    const events = limit('b1', 'alice', 'buy', 100, 5);
    expect(types(events)).toEqual(['accepted', 'bbo']);
    expect(events[1]).toMatchObject({ bidPrice: 100, bidQty: 5, askPrice: null, askQty: 0 });
    expect(book.bestBid()).toEqual({ price: 100, qty: 5 });
    expect(book.spread()).toBeNull();
  });

  it('fill exactly at the resting price and leave an empty book', () => {
    const { limit, book } = setup();
    limit('s1', 'sam', 'sell', 99, 10);
    const events = limit('b1', 'alice', 'buy', 101, 10);
    expect(types(events)).toEqual(['accepted', 'trade', 'bbo']);
    expect(events[1]).toMatchObject({
      asset: 'cat',
      price: 99,
      qty: 10,
      makerId: 's1',
      takerId: 'b1',
      buyer: 'alice',
      seller: 'sam',
      takerSide: 'buy',
    });
    expect(book.bestAsk()).toBeNull();
    expect(book.bestBid()).toBeNull();
  });

  it('fill across levels in price-time priority and rest the remainder', () => {
    const { limit, book } = setup();
    limit('s1', 'sam', 'sell', 100, 5);
    limit('s2', 'sue', 'sell', 100, 5);
    limit('s3', 'sam', 'sell', 101, 5);
    limit('s4', 'sue', 'sell', 103, 5);
    const trades = ofType(limit('b1', 'alice', 'buy', 102, 18), 'trade');
    expect(trades.map((t) => [t.makerId, t.price, t.qty])).toEqual([
      ['s1', 100, 5],
      ['s2', 100, 5],
      ['s3', 101, 5],
    ]);
    expect(book.bestBid()).toEqual({ price: 102, qty: 3 });
    expect(book.bestAsk()).toEqual({ price: 103, qty: 5 });
  });

  it('partially fill a resting order, which keeps its place', () => {
    const { limit, book } = setup();
    limit('s1', 'sam', 'sell', 100, 10);
    limit('s2', 'sue', 'sell', 100, 10);
    limit('b1', 'alice', 'buy', 100, 4);
    expect(book.orders('sell').map((o) => [o.id, o.qty])).toEqual([
      ['s1', 6],
      ['s2', 10],
    ]);
  });

  it('IOC trades what it can and cancels the remainder', () => {
    const { limit, book } = setup();
    limit('s1', 'sam', 'sell', 100, 3);
    const events = limit('b1', 'alice', 'buy', 100, 5, { tif: 'IOC' });
    expect(types(events)).toEqual(['accepted', 'trade', 'cancelled', 'bbo']);
    expect(events[2]).toMatchObject({ id: 'b1', qty: 2, remaining: 0, reason: 'iocRemainder' });
    expect(book.bestBid()).toBeNull();
  });

  it('FOK that cannot fill completely does nothing but cancel itself', () => {
    const { limit, book } = setup();
    limit('s1', 'sam', 'sell', 100, 3);
    limit('s2', 'sue', 'sell', 102, 3);
    const events = limit('b1', 'alice', 'buy', 101, 5, { tif: 'FOK' });
    expect(types(events)).toEqual(['accepted', 'cancelled']);
    expect(events[1]).toMatchObject({ qty: 5, reason: 'fokUnfilled' });
    expect(book.bestAsk()).toEqual({ price: 100, qty: 3 });
  });

  it('FOK that can fill trades completely', () => {
    const { limit } = setup();
    limit('s1', 'sam', 'sell', 100, 3);
    limit('s2', 'sue', 'sell', 101, 3);
    const events = limit('b1', 'alice', 'buy', 101, 5, { tif: 'FOK' });
    expect(ofType(events, 'trade').map((t) => t.qty)).toEqual([3, 2]);
    expect(ofType(events, 'cancelled')).toEqual([]);
  });

  it('post-only that would cross is rejected and changes nothing', () => {
    const { limit, book } = setup();
    limit('s1', 'sam', 'sell', 100, 3);
    const events = limit('b1', 'alice', 'buy', 100, 5, { postOnly: true });
    expect(events).toEqual([expect.objectContaining({ type: 'rejected', reason: 'postOnlyWouldCross', field: 'price' })]);
    expect(book.orders('sell')).toHaveLength(1);
    expect(types(limit('b2', 'alice', 'buy', 99, 5, { postOnly: true }))).toEqual(['accepted', 'bbo']);
  });

  it('post-only must be GTC', () => {
    const { limit } = setup();
    expect(limit('b1', 'alice', 'buy', 100, 5, { postOnly: true, tif: 'IOC' })[0]).toMatchObject({
      reason: 'postOnlyNotGtc',
      field: 'postOnly',
    });
  });
});

describe('market orders', () => {
  it('on an empty book are accepted and cancelled', () => {
    const { apply } = setup();
    const events = apply({ op: 'market', id: 'm1', trader: 'alice', asset: 'cat', side: 'buy', qty: 4 });
    expect(types(events)).toEqual(['accepted', 'cancelled']);
    expect(events[0]).toMatchObject({ orderType: 'market', price: null, tif: 'IOC' });
    expect(events[1]).toMatchObject({ price: null, qty: 4, reason: 'marketRemainder' });
  });

  it('sweep levels at any price and never rest', () => {
    const { limit, apply, book } = setup();
    limit('b1', 'bob', 'buy', 100, 2);
    limit('b2', 'bea', 'buy', 90, 2);
    const events = apply({ op: 'market', id: 'm1', trader: 'sam', asset: 'cat', side: 'sell', qty: 5 });
    expect(ofType(events, 'trade').map((t) => [t.price, t.qty, t.buyer, t.seller])).toEqual([
      [100, 2, 'bob', 'sam'],
      [90, 2, 'bea', 'sam'],
    ]);
    expect(ofType(events, 'cancelled')[0]).toMatchObject({ qty: 1, reason: 'marketRemainder' });
    expect(book.orders('sell')).toEqual([]);
    expect(book.lastTradePrice).toBe(90);
  });
});

describe('self-trade prevention', () => {
  function selfCross(mode: SelfTradeMode) {
    const { limit, book } = setup({ selfTrade: mode });
    limit('s1', 'sam', 'sell', 100, 3);
    limit('s2', 'alice', 'sell', 100, 4);
    limit('s3', 'sue', 'sell', 100, 5);
    const events = limit('b1', 'alice', 'buy', 100, 10);
    return { events, book };
  }

  it('cancelNewest trades up to the own order, then cancels the incoming remainder', () => {
    const { events, book } = selfCross('cancelNewest');
    expect(types(events)).toEqual(['accepted', 'trade', 'cancelled', 'bbo']);
    expect(events[2]).toMatchObject({ id: 'b1', qty: 7, reason: 'selfTrade' });
    expect(ids(book.orders('sell'))).toEqual(['s2', 's3']);
  });

  it('cancelOldest cancels the resting own order and keeps matching', () => {
    const { events, book } = selfCross('cancelOldest');
    expect(types(events)).toEqual(['accepted', 'trade', 'cancelled', 'trade', 'bbo']);
    expect(events[2]).toMatchObject({ id: 's2', qty: 4, remaining: 0, reason: 'selfTrade' });
    expect(ofType(events, 'trade').map((t) => [t.makerId, t.qty])).toEqual([
      ['s1', 3],
      ['s3', 5],
    ]);
    expect(book.bestBid()).toEqual({ price: 100, qty: 2 });
  });

  it('cancelBoth cancels the resting own order and the incoming remainder', () => {
    const { events, book } = selfCross('cancelBoth');
    expect(ofType(events, 'cancelled').map((c) => [c.id, c.qty])).toEqual([
      ['s2', 4],
      ['b1', 7],
    ]);
    expect(ids(book.orders('sell'))).toEqual(['s3']);
    expect(book.bestBid()).toBeNull();
  });

  it('decrement shrinks both by the overlapping quantity without a trade', () => {
    const { events, book } = selfCross('decrement');
    expect(ofType(events, 'cancelled').map((c) => [c.id, c.qty, c.remaining])).toEqual([
      ['s2', 4, 0],
      ['b1', 4, 3],
    ]);
    expect(ofType(events, 'trade').map((t) => [t.makerId, t.qty])).toEqual([
      ['s1', 3],
      ['s3', 3],
    ]);
    expect(book.orders('sell').map((o) => [o.id, o.qty])).toEqual([['s3', 2]]);
  });

  it('decrement leaves a larger resting order partly open', () => {
    const { limit, book } = setup({ selfTrade: 'decrement' });
    limit('s1', 'alice', 'sell', 100, 10);
    const events = limit('b1', 'alice', 'buy', 100, 4);
    expect(ofType(events, 'cancelled').map((c) => [c.id, c.qty, c.remaining])).toEqual([
      ['s1', 4, 6],
      ['b1', 4, 0],
    ]);
    expect(book.bestAsk()).toEqual({ price: 100, qty: 6 });
  });

  it('an order may choose its own mode, and FOK counts own orders as a stop', () => {
    const { limit, book } = setup();
    limit('s1', 'alice', 'sell', 100, 4);
    limit('s2', 'sam', 'sell', 100, 4);
    expect(types(limit('b1', 'alice', 'buy', 100, 4, { tif: 'FOK' }))).toEqual(['accepted', 'cancelled']);
    const events = limit('b2', 'alice', 'buy', 100, 4, { tif: 'FOK', stp: 'cancelOldest' });
    expect(ofType(events, 'trade').map((t) => t.makerId)).toEqual(['s2']);
    expect(book.orders('sell')).toEqual([]);
  });
});

describe('cancel and modify', () => {
  it('cancel removes the order; cancelling an unknown or finished id is rejected', () => {
    const { limit, apply, book } = setup();
    limit('b1', 'alice', 'buy', 100, 5);
    const events = apply({ op: 'cancel', id: 'b1' });
    expect(events[0]).toMatchObject({ type: 'cancelled', id: 'b1', qty: 5, reason: 'user', price: 100 });
    expect(events[1]).toMatchObject({ type: 'bbo', bidPrice: null });
    expect(book.orders('buy')).toEqual([]);
    expect(apply({ op: 'cancel', id: 'b1' })[0]).toMatchObject({ type: 'rejected', reason: 'unknownOrder', field: 'id' });
    expect(apply({ op: 'cancel', id: 'nope' })[0]).toMatchObject({ reason: 'unknownOrder' });
  });

  it('a quantity decrease keeps the queue place', () => {
    const { limit, apply, book } = setup();
    limit('b1', 'alice', 'buy', 100, 5);
    limit('b2', 'bob', 'buy', 100, 5);
    const events = apply({ op: 'modify', id: 'b1', qty: 2 });
    expect(events[0]).toMatchObject({ type: 'modified', qty: 2, oldQty: 5, price: 100, keepsPriority: true });
    expect(book.orders('buy').map((o) => [o.id, o.qty])).toEqual([
      ['b1', 2],
      ['b2', 5],
    ]);
    expect(book.bestBid()).toEqual({ price: 100, qty: 7 });
  });

  it('a quantity increase loses the queue place', () => {
    const { limit, apply, book } = setup();
    limit('b1', 'alice', 'buy', 100, 5);
    limit('b2', 'bob', 'buy', 100, 5);
    expect(apply({ op: 'modify', id: 'b1', qty: 6 })[0]).toMatchObject({ keepsPriority: false });
    expect(ids(book.orders('buy'))).toEqual(['b2', 'b1']);
  });

  it('a price change loses the queue place, even back to the old price', () => {
    const { limit, apply, book } = setup();
    limit('b1', 'alice', 'buy', 100, 5);
    limit('b2', 'bob', 'buy', 100, 5);
    apply({ op: 'modify', id: 'b1', price: 99 });
    apply({ op: 'modify', id: 'b1', price: 100 });
    expect(ids(book.orders('buy'))).toEqual(['b2', 'b1']);
    expect(book.depth('buy')).toEqual([{ price: 100, qty: 10, orders: 2 }]);
  });

  it('a price change that crosses trades like a new order', () => {
    const { limit, apply, book } = setup();
    limit('s1', 'sam', 'sell', 101, 3);
    limit('b1', 'alice', 'buy', 100, 5);
    const events = apply({ op: 'modify', id: 'b1', price: 102 });
    expect(types(events)).toEqual(['modified', 'trade', 'bbo']);
    expect(events[1]).toMatchObject({ price: 101, qty: 3, makerId: 's1', takerId: 'b1' });
    expect(book.bestBid()).toEqual({ price: 102, qty: 2 });
  });

  it('a post-only order cannot be modified into a cross', () => {
    const { limit, apply, book } = setup();
    limit('s1', 'sam', 'sell', 101, 3);
    limit('b1', 'alice', 'buy', 100, 5, { postOnly: true });
    expect(apply({ op: 'modify', id: 'b1', price: 101 })[0]).toMatchObject({ reason: 'postOnlyWouldCross' });
    expect(book.bestBid()).toEqual({ price: 100, qty: 5 });
  });

  it('rejects modifications without a change or with bad values', () => {
    const { limit, apply } = setup();
    limit('b1', 'alice', 'buy', 100, 5);
    expect(apply({ op: 'modify', id: 'b1' })[0]).toMatchObject({ reason: 'nothingToModify' });
    expect(apply({ op: 'modify', id: 'b1', qty: 0 })[0]).toMatchObject({ reason: 'qtyNotPositive', field: 'qty' });
    expect(apply({ op: 'modify', id: 'b1', price: 1.5 })[0]).toMatchObject({ reason: 'priceNotInteger' });
    expect(apply({ op: 'modify', id: 'zz', qty: 1 })[0]).toMatchObject({ reason: 'unknownOrder' });
  });
});

describe('validation', () => {
  it.each([
    [Number.NaN, 'priceNotFinite'],
    [Number.POSITIVE_INFINITY, 'priceNotFinite'],
    [100.5, 'priceNotInteger'],
    [0, 'priceNotPositive'],
    [-3, 'priceNotPositive'],
    [MAX_PRICE + 1, 'priceAboveMax'],
  ])('price %s is rejected as %s', (price, reason) => {
    const { limit, book } = setup();
    expect(limit('b1', 'alice', 'buy', price, 1)).toEqual([
      expect.objectContaining({ type: 'rejected', reason, field: 'price', op: 'limit', id: 'b1' }),
    ]);
    expect(book.orders('buy')).toEqual([]);
  });

  it.each([
    [Number.NaN, 'qtyNotFinite'],
    [2.25, 'qtyNotInteger'],
    [0, 'qtyNotPositive'],
    [MAX_QTY + 1, 'qtyAboveMax'],
  ])('quantity %s is rejected as %s', (qty, reason) => {
    const { limit } = setup();
    expect(limit('b1', 'alice', 'buy', 100, qty)[0]).toMatchObject({ reason, field: 'qty' });
  });

  it('accepts the documented maxima', () => {
    const { limit } = setup();
    expect(limit('b1', 'alice', 'buy', MAX_PRICE, MAX_QTY)[0].type).toBe('accepted');
  });

  it('rejects empty names, live duplicate ids and unknown assets; ids of finished orders may be reused', () => {
    const { limit, apply } = setup();
    expect(limit('', 'alice', 'buy', 100, 1)[0]).toMatchObject({ reason: 'badName', field: 'id' });
    limit('b1', 'alice', 'buy', 100, 1);
    expect(limit('b1', 'bob', 'buy', 100, 1)[0]).toMatchObject({ reason: 'duplicateId' });
    apply({ op: 'cancel', id: 'b1' });
    expect(limit('b1', 'bob', 'buy', 100, 1)[0].type).toBe('accepted');
    const events = apply({ op: 'limit', id: 'x', trader: 'alice', asset: 'emu', side: 'buy', price: 1, qty: 1 });
    expect(events[0]).toMatchObject({ reason: 'unknownAsset', field: 'asset' });
  });
});

describe('exchange', () => {
  it('numbers events strictly increasing across assets and stamps them with the injected clock', () => {
    const { exchange, apply, clock } = setup();
    const events = [
      ...apply({ op: 'limit', id: 'a', trader: 't', asset: 'cat', side: 'buy', price: 5, qty: 1 }),
      ...apply({ op: 'limit', id: 'b', trader: 't', asset: 'dog', side: 'buy', price: 5, qty: 1 }),
    ];
    clock.set(2000);
    events.push(...apply({ op: 'cancel', id: 'a' }));
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events.map((e) => e.time)).toEqual([1000, 1000, 1000, 1000, 2000, 2000]);
    expect(exchange.seq).toBe(6);
    expect(exchange.order('b')).toMatchObject({ asset: 'dog', price: 5, rank: 3, time: 1000 });
  });

  it('lists assets on demand when autoList is set, and refuses double listing', () => {
    const exchange = new Exchange({ clock: new ManualClock(), autoList: true });
    const events = exchange.apply({ op: 'limit', id: 'a', trader: 't', asset: 'emu', side: 'sell', price: 5, qty: 1 });
    expect(types(events)).toEqual(['listed', 'accepted', 'bbo']);
    expect(exchange.apply({ op: 'list', asset: 'emu' })[0]).toMatchObject({ reason: 'assetExists' });
    expect(exchange.assets()).toEqual(['emu']);
  });

  it('delisting cancels every order with reason delisted and removes the book', () => {
    const { exchange, limit, apply } = setup();
    limit('b1', 'alice', 'buy', 99, 1);
    limit('s1', 'sam', 'sell', 101, 1);
    const events = apply({ op: 'delist', asset: 'cat', note: 'left the top-K' });
    expect(types(events)).toEqual(['cancelled', 'cancelled', 'bbo', 'delisted']);
    expect(ofType(events, 'cancelled').every((c) => c.reason === 'delisted')).toBe(true);
    expect(events[3]).toMatchObject({ asset: 'cat', note: 'left the top-K' });
    expect(exchange.assets()).toEqual(['dog']);
    expect(exchange.order('b1')).toBeUndefined();
    expect(limit('b2', 'alice', 'buy', 99, 1)[0]).toMatchObject({ reason: 'unknownAsset' });
  });

  it('cancelAll can target one trader', () => {
    const { limit, apply, book } = setup();
    limit('b1', 'alice', 'buy', 99, 1);
    limit('b2', 'bob', 'buy', 98, 1);
    limit('s1', 'alice', 'sell', 101, 1);
    const events = apply({ op: 'cancelAll', asset: 'cat', trader: 'alice' });
    expect(ofType(events, 'cancelled').map((c) => [c.id, c.reason])).toEqual([
      ['b1', 'massCancel'],
      ['s1', 'massCancel'],
    ]);
    expect(ids(book.orders('buy'))).toEqual(['b2']);
  });

  it('notifies subscribers with events and the journal entry until they unsubscribe', () => {
    const { exchange, apply } = setup();
    const seen: string[] = [];
    const stop = exchange.subscribe((events, entry) => seen.push(`${entry.input.op}:${events.length}@${entry.time}`));
    apply({ op: 'cancel', id: 'x' });
    stop();
    apply({ op: 'cancel', id: 'y' });
    expect(seen).toEqual(['cancel:1@1000']);
  });
});

describe('queries', () => {
  it('report depth, spread and the cumulative demand and supply schedules', () => {
    const { limit, book } = setup();
    limit('b1', 'a', 'buy', 100, 2);
    limit('b2', 'b', 'buy', 100, 3);
    limit('b3', 'a', 'buy', 97, 4);
    limit('s1', 'c', 'sell', 103, 1);
    limit('s2', 'c', 'sell', 105, 6);
    expect(book.depth('buy')).toEqual([
      { price: 100, qty: 5, orders: 2 },
      { price: 97, qty: 4, orders: 1 },
    ]);
    expect(book.depth('sell', 1)).toEqual([{ price: 103, qty: 1, orders: 1 }]);
    expect(book.spread()).toBe(3);
    expect(book.schedule('buy')).toEqual([
      { price: 100, qty: 5 },
      { price: 97, qty: 9 },
    ]);
    expect(book.schedule('sell')).toEqual([
      { price: 103, qty: 1 },
      { price: 105, qty: 7 },
    ]);
    expect([book.demandAt(101), book.demandAt(100), book.demandAt(98), book.demandAt(1)]).toEqual([0, 5, 5, 9]);
    expect([book.supplyAt(102), book.supplyAt(103), book.supplyAt(104), book.supplyAt(MAX_PRICE)]).toEqual([0, 1, 1, 7]);
  });
});

describe('call phase and auctions', () => {
  it('queues crossing orders in the call phase and uncrosses them at the max-volume price', () => {
    const { limit, apply, book } = setup();
    expect(apply({ op: 'phase', asset: 'cat', phase: 'call' })[0]).toMatchObject({ type: 'phase', phase: 'call' });
    limit('b1', 'alice', 'buy', 105, 5);
    limit('b2', 'bob', 'buy', 102, 5);
    limit('s1', 'sam', 'sell', 100, 4);
    limit('s2', 'sue', 'sell', 103, 4);
    expect(book.bestBid()!.price).toBeGreaterThan(book.bestAsk()!.price);
    expect(limit('x', 'sam', 'sell', 100, 1, { tif: 'IOC' })[0]).toMatchObject({ reason: 'callPhase' });
    expect(apply({ op: 'market', id: 'y', trader: 'sam', asset: 'cat', side: 'sell', qty: 1 })[0]).toMatchObject({
      reason: 'callPhase',
    });
    // D(p): 10 up to 102, 5 up to 105; S(p): 4 from 100, 8 from 103. Volume 5 at 103..105;
    // imbalance |5 - 8| = 3 there, versus volume 4 below. Reference defaults to the middle, 104.
    const events = apply({ op: 'auction', asset: 'cat' });
    expect(events[0]).toMatchObject({ type: 'auction', rule: 'maxVolume', price: 104, volume: 5, demand: 5, supply: 8 });
    expect(ofType(events, 'trade').map((t) => [t.buyer, t.seller, t.qty, t.price, t.makerId])).toEqual([
      ['alice', 'sam', 4, 104, 'b1'],
      ['alice', 'sue', 1, 104, 'b1'],
    ]);
    expect(ofType(events, 'phase')[0].phase).toBe('continuous');
    expect(book.phase).toBe('continuous');
    expect(book.orders('sell').map((o) => [o.id, o.qty])).toEqual([['s2', 3]]);
    expect(book.bestBid()).toEqual({ price: 102, qty: 5 });
    expect(book.lastTradePrice).toBe(104);
  });

  /** A call-phase book of one-lot orders, bids b1.. and asks s1.., each from its own trader. */
  function unitCallBook(bidPrices: number[], askPrices: number[]) {
    const market = setup();
    market.apply({ op: 'phase', asset: 'cat', phase: 'call' });
    bidPrices.forEach((price, i) => market.limit(`b${i + 1}`, `buyer${i}`, 'buy', price, 1));
    askPrices.forEach((price, i) => market.limit(`s${i + 1}`, `seller${i}`, 'sell', price, 1));
    return market;
  }

  it('uses the given reference price, k-double pricing and McAfee reduction', () => {
    const auction = (rule: AuctionRule) => unitCallBook([110, 108, 100], [95, 102, 112]).apply({ op: 'auction', asset: 'cat', rule });
    // D = S = 2 for every price in [102, 108]; elsewhere the volume is lower or the imbalance 1.
    expect(auction({ kind: 'maxVolume', reference: 90 })[0]).toMatchObject({ price: 102, volume: 2 });
    expect(auction({ kind: 'maxVolume', reference: 103 })[0]).toMatchObject({ price: 103 });
    expect(auction({ kind: 'maxVolume' })[0]).toMatchObject({ price: 105 });
    expect(auction({ kind: 'kDouble', k: 1 })[0]).toMatchObject({ price: 108 });
    expect(auction({ kind: 'kDouble', k: 0.25 })[0]).toMatchObject({ price: 104 });
    // McAfee: k = 2 lots (108 >= 102, 100 < 112); p0 = (100 + 112) / 2 = 106 lies in [102, 108].
    const mcafee = auction({ kind: 'mcafee' });
    expect(mcafee[0]).toMatchObject({ rule: 'mcafee', price: 106, sellerPrice: 106, volume: 2 });
    expect(ofType(mcafee, 'trade').every((t) => t.sellerPrice === undefined)).toBe(true);
  });

  it('McAfee reduces a trade when p0 falls outside [s_k, b_k], paying sellers less than buyers pay', () => {
    const { apply, book } = unitCallBook([110, 104, 90], [100, 103, 130]);
    // k = 2 (104 >= 103); p0 = (90 + 130) / 2 = 110 > b2 = 104, so one lot trades: buyer pays 104,
    // seller gets 103, and the excluded second bid and ask leave the book.
    const events = apply({ op: 'auction', asset: 'cat', rule: { kind: 'mcafee' } });
    expect(events[0]).toMatchObject({ price: 104, sellerPrice: 103, volume: 1 });
    expect(ofType(events, 'trade')).toEqual([
      expect.objectContaining({ buyer: 'buyer0', seller: 'seller0', price: 104, sellerPrice: 103, qty: 1 }),
    ]);
    expect(ofType(events, 'cancelled').map((c) => [c.id, c.reason])).toEqual([
      ['b2', 'tradeReduction'],
      ['s2', 'tradeReduction'],
    ]);
    expect(ids(book.orders('buy'))).toEqual(['b3']);
    expect(ids(book.orders('sell'))).toEqual(['s3']);
  });

  it('an auction on an uncrossed book trades nothing; self-matched lots are cancelled, not traded', () => {
    const { limit, apply } = setup();
    limit('b1', 'alice', 'buy', 99, 1);
    expect(apply({ op: 'auction', asset: 'cat' })).toEqual([
      expect.objectContaining({ type: 'auction', price: null, volume: 0, demand: 0, supply: 0 }),
    ]);
    apply({ op: 'phase', asset: 'cat', phase: 'call' });
    limit('s1', 'alice', 'sell', 98, 1);
    const events = apply({ op: 'phase', asset: 'cat', phase: 'continuous' });
    expect(types(events)).toEqual(['auction', 'cancelled', 'cancelled', 'phase', 'bbo']);
    expect(ofType(events, 'cancelled').every((c) => c.reason === 'selfTrade')).toBe(true);
  });

  it('rejects k outside [0, 1] and bad reference prices', () => {
    const { apply } = setup();
    expect(apply({ op: 'auction', asset: 'cat', rule: { kind: 'kDouble', k: 1.5 } })[0]).toMatchObject({
      reason: 'kOutOfRange',
      field: 'rule.k',
    });
    expect(apply({ op: 'auction', asset: 'cat', rule: { kind: 'maxVolume', reference: 0.5 } })[0]).toMatchObject({
      reason: 'priceNotInteger',
      field: 'rule.reference',
    });
  });
});
