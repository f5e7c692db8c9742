import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.ts';
import { Exchange } from './exchange.ts';
import { ASSETS, actionArbitrary, actionsWith, idPool } from './testing/actionStreams.ts';
import { NaiveExchange } from './testing/naiveBook.ts';
import type { DepthLevel, Input, MarketEvent, SelfTradeMode, Side } from './types.ts';

const STREAM_LENGTH = 800;
const RUNS = 125; // 125 x 800 = 100,000 random actions

/** Reject details are prose; everything else must match field for field. */
const comparable = (events: MarketEvent[]) => events.map((e) => (e.type === 'rejected' ? { ...e, detail: '' } : e));

/** Open quantity per live order id, tracked from the event stream alone. */
function trackOpenQuantity(open: Map<string, number>, events: MarketEvent[]): void {
  const take = (id: string, qty: number) => open.set(id, (open.get(id) ?? 0) - qty);
  for (const e of events) {
    if (e.type === 'accepted' || e.type === 'modified') open.set(e.id, e.qty);
    else if (e.type === 'cancelled') take(e.id, e.qty);
    else if (e.type === 'trade') {
      take(e.makerId, e.qty);
      take(e.takerId, e.qty);
    }
  }
  for (const [id, qty] of open) if (qty === 0) open.delete(id);
}

function fail(message: string): never {
  throw new Error(message);
}

/** Plain checks rather than expect() per order: they run after each of 100,000 actions. */
function checkInvariants(exchange: Exchange, naive: NaiveExchange, open: Map<string, number>, ids: Set<string>): void {
  let live = 0;
  for (const asset of exchange.assets()) {
    const book = exchange.book(asset)!;
    for (const side of ['buy', 'sell'] as Side[]) {
      const orders = book.orders(side);
      const expected = naive.sorted(asset, side);
      // Same queue, order for order: price-time priority and FIFO within each level.
      if (orders.length !== expected.length) fail(`${asset} ${side}: ${orders.length} orders, reference has ${expected.length}`);
      const levels: DepthLevel[] = [];
      orders.forEach((o, i) => {
        const e = expected[i];
        if (o.id !== e.id || o.price !== e.price || o.qty !== e.qty || o.rank !== e.rank) {
          fail(`${asset} ${side} queue position ${i}: ${JSON.stringify(o)} versus reference ${JSON.stringify(e)}`);
        }
        // Conservation: what the events say is open is exactly what rests.
        if (o.qty <= 0 || o.qty !== open.get(o.id)) fail(`order ${o.id} rests with ${o.qty}, events say ${open.get(o.id)}`);
        const last = levels[levels.length - 1];
        if (last?.price === o.price) {
          last.qty += o.qty;
          last.orders += 1;
        } else {
          levels.push({ price: o.price, qty: o.qty, orders: 1 });
        }
      });
      if (JSON.stringify(book.depth(side)) !== JSON.stringify(levels)) fail(`${asset} ${side}: level totals differ`);
      live += orders.length;
    }
    const bid = book.bestBid();
    const ask = book.bestAsk();
    if (book.phase === 'continuous' && bid !== null && ask !== null && bid.price >= ask.price) {
      fail(`${asset} is crossed in continuous trading: ${bid.price} >= ${ask.price}`);
    }
  }
  if (open.size !== live) fail(`events leave ${open.size} orders open, the book holds ${live}`);
  // Lookup by id finds exactly the resting orders (finished ones linger in the index until swept).
  for (const id of ids) {
    const resting = exchange.order(id);
    if ((resting === undefined) !== !open.has(id) || (resting !== undefined && resting.qty !== open.get(id))) {
      fail(`order(${id}) is ${JSON.stringify(resting)}, events say ${open.get(id)}`);
    }
  }
}

/** Runs one stream through both engines, checking events and invariants after every action. */
function crossCheck(selfTrade: SelfTradeMode, stream: Input[], sweepSlack: number): void {
  const clock = new ManualClock();
  const exchange = new Exchange({ clock, selfTrade, autoList: true, assets: ASSETS, sweepSlack });
  const naive = new NaiveExchange(selfTrade, true, ASSETS);
  const open = new Map<string, number>();
  const ids = new Set<string>();
  let lastSeq = 0;
  stream.forEach((input, step) => {
    clock.set(step);
    const events = exchange.apply(input);
    const reference = naive.apply(input, step);
    if (JSON.stringify(comparable(events)) !== JSON.stringify(comparable(reference))) {
      expect(comparable(events)).toEqual(comparable(reference)); // reports the difference
    }
    for (const e of events) {
      if (e.seq !== lastSeq + 1) fail(`sequence ${e.seq} after ${lastSeq}`);
      lastSeq = e.seq;
      if (e.type === 'accepted') ids.add(e.id);
    }
    trackOpenQuantity(open, events);
    checkInvariants(exchange, naive, open, ids);
  });
}

const selfTradeMode = fc.constantFrom<SelfTradeMode>('cancelNewest', 'cancelOldest', 'cancelBoth', 'decrement');

describe('engine against the naive reference engine', () => {
  it(`emits identical events on ${RUNS * STREAM_LENGTH} random actions and keeps its invariants`, () => {
    let actions = 0;
    fc.assert(
      fc.property(selfTradeMode, fc.array(actionArbitrary, { minLength: STREAM_LENGTH, maxLength: STREAM_LENGTH }), (mode, stream) => {
        crossCheck(mode, stream, 4);
        actions += stream.length;
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(actions).toBeGreaterThanOrEqual(100_000);
  });

  it('stays identical with thousands of distinct ids, across frequent sweeps of the id index', () => {
    const manyIds = actionsWith(idPool(4000));
    fc.assert(
      fc.property(selfTradeMode, fc.array(manyIds, { minLength: 6000, maxLength: 6000 }), (mode, stream) =>
        crossCheck(mode, stream, 16),
      ),
      { numRuns: 3, endOnFailure: true },
    );
  });
});
