import { describe, expect, it } from 'vitest';
import { smithsAlpha } from '../metrics.ts';
import type { MarketEvent } from '../types.ts';
import type { AttentionInput } from './assets.ts';
import { DEFAULT_LIVE_SETTINGS, type FrameScheduler, LiveMarket, USER } from './liveMarket.ts';
import type { OrderForm } from './orderForm.ts';
import type { MarketSnapshot } from './snapshot.ts';

/** Frames run when the test says so; time moves when the test says so. */
function harness(options: { seed?: number } = {}) {
  let pending: (() => void) | null = null;
  let time = 1_000;
  const scheduler: FrameScheduler = {
    request(callback) {
      pending = callback;
      return () => (pending = null);
    },
  };
  const market = new LiveMarket({ scheduler, now: () => time, seed: options.seed ?? 1 });
  const published: MarketSnapshot[] = [];
  market.subscribe((snapshot) => published.push(snapshot));
  return {
    market,
    published,
    frame(advanceMs = 16) {
      time += advanceMs;
      const callback = pending;
      pending = null;
      callback?.();
    },
    get framePending() {
      return pending !== null;
    },
  };
}

const TOKENS = ['▁the', '▁cat', '▁sat', '▁on', '▁the', '▁mat'];
const run = (shares: number[], tokens = TOKENS): AttentionInput => ({ tokens, shares });
const FIRST = run([0.1, 0.35, 0.2, 0.05, 0.1, 0.2]);

const order = (overrides: Partial<OrderForm>): OrderForm => ({
  asset: '1:▁cat',
  side: 'buy',
  type: 'limit',
  tif: 'GTC',
  postOnly: false,
  price: '100',
  qty: '2',
  ...overrides,
});

const pStar = (snapshot: MarketSnapshot, id: string) => snapshot.assets.find((a) => a.id === id)!.pStar;

describe('live market', () => {
  it('publishes at most one snapshot per frame, and none when nothing changed', () => {
    const h = harness();
    h.market.setAttention(FIRST);
    h.market.select('2:▁sat');
    h.market.setSettings({ ...DEFAULT_LIVE_SETTINGS, curves: { ...DEFAULT_LIVE_SETTINGS.curves, reservation: 40 } });
    expect(h.published).toHaveLength(0);
    h.frame();
    expect(h.published).toHaveLength(1);
    expect(h.published[0].selected!.asset.id).toBe('2:▁sat');
    expect(h.framePending).toBe(false);
    h.frame();
    expect(h.published).toHaveLength(1);
  });

  it('lists the top K in share order with curves from the shares; p* is higher for more attended tokens', () => {
    const h = harness();
    h.market.setSettings({ ...DEFAULT_LIVE_SETTINGS, topK: 3 });
    h.market.setAttention(FIRST);
    const snapshot = h.market.snapshot();
    expect(snapshot.assets.map((a) => [a.id, a.supply])).toEqual([
      ['1:▁cat', 3500],
      ['2:▁sat', 2000],
      ['5:▁mat', 2000],
    ]);
    expect(pStar(snapshot, '1:▁cat')).toBeGreaterThan(pStar(snapshot, '2:▁sat') + 10);
    // The selected asset defaults to the most attended one.
    expect(snapshot.selected!.asset.id).toBe('1:▁cat');
    expect(snapshot.selected!.params.supplyQty).toBe(3500);
  });

  it('reprices a running market when the shares change: agents move to the new p*', () => {
    const h = harness({ seed: 4 });
    h.market.setSettings({ ...DEFAULT_LIVE_SETTINGS, topK: 2, speed: 2_000 });
    h.market.setAttention(run([0.1, 0.3, 0.3, 0.1, 0.1, 0.1]));
    const before = pStar(h.market.snapshot(), '1:▁cat');
    h.market.start();
    for (let i = 0; i < 200; i += 1) h.frame(50);
    h.market.setAttention(run([0.05, 0.6, 0.15, 0.05, 0.1, 0.05]));
    const after = h.market.snapshot();
    expect(after.assets.map((a) => a.id)).toEqual(['1:▁cat', '2:▁sat']);
    expect(pStar(after, '1:▁cat')).toBeGreaterThan(before + 15);
    for (let i = 0; i < 400; i += 1) h.frame(50);
    const history = h.market.snapshot().selected!.history;
    const recent = history.slice(-40).map((point) => point.price);
    expect(smithsAlpha(recent, pStar(after, '1:▁cat'))).toBeLessThan(8);
    expect(smithsAlpha(recent, before)).toBeGreaterThan(12);
    // Each trade remembers the p* it happened under.
    expect(history.at(-1)!.pStar).toBe(pStar(after, '1:▁cat'));
  });

  it('cancels the orders of tokens that leave the top K and says why', () => {
    const h = harness();
    h.market.setSettings({ ...DEFAULT_LIVE_SETTINGS, topK: 3 });
    h.market.setAttention(FIRST);
    for (let i = 0; i < 60; i += 1) h.market.step();
    const placed = h.market.placeOrder(order({ asset: '5:▁mat', side: 'sell', price: '199', qty: '3' }));
    expect(placed.ok).toBe(true);
    const events: MarketEvent[] = [];
    h.market.exchange.subscribe((batch) => events.push(...batch));
    // "mat" falls out of the top 3; "on" comes in.
    h.market.setAttention(run([0.1, 0.35, 0.2, 0.25, 0.05, 0.05]));
    const snapshot = h.market.snapshot();
    expect(snapshot.assets.map((a) => a.id)).toEqual(['1:▁cat', '3:▁on', '2:▁sat']);
    expect(h.market.exchange.assets()).not.toContain('5:▁mat');
    // Every order of "mat" went with reason `delisted` (the other assets' agents only re-quote).
    const cancelled = events.filter((e) => e.type === 'cancelled' && e.asset === '5:▁mat');
    expect(cancelled.length).toBeGreaterThan(1);
    expect(cancelled.every((e) => e.type === 'cancelled' && e.reason === 'delisted')).toBe(true);
    expect(events.filter((e) => e.type === 'cancelled' && e.reason === 'delisted')).toHaveLength(cancelled.length);
    expect(snapshot.userOrders).toEqual([]);
    const texts = snapshot.notices.map((n) => n.text);
    expect(texts).toContainEqual(expect.stringMatching(/^Your order you-1 \(sell 3 at 199 on ‘▁mat’\) was cancelled: it left the top 3/));
    expect(texts).toContainEqual(expect.stringMatching(new RegExp(`‘▁mat’ \\(#5\\) was delisted: .*; ${cancelled.length} resting orders cancelled`)));
  });

  it('keeps an asset, its book and the user’s orders when the same token stays at the same position', () => {
    const h = harness();
    h.market.setAttention(FIRST);
    const placed = h.market.placeOrder(order({ price: '5', qty: '1' }));
    h.market.setAttention(run([0.05, 0.4, 0.2, 0.05, 0.1, 0.2]));
    expect(placed.ok && h.market.exchange.order(placed.id)).toMatchObject({ asset: '1:▁cat', price: 5, qty: 1 });
    expect(h.market.snapshot().notices).toEqual([]);
  });

  it('never submits an invalid order and explains each problem', () => {
    const h = harness();
    h.market.setAttention(FIRST);
    const seq = h.market.exchange.seq;
    const result = h.market.placeOrder(order({ price: '12.5', qty: '0' }));
    expect(result).toEqual({
      ok: false,
      problems: [
        { field: 'price', message: 'Price must be a whole number of ticks, got 12.5' },
        { field: 'qty', message: 'Quantity must be at least 1, got 0' },
      ],
    });
    expect(h.market.placeOrder(order({ asset: 'nope' }))).toMatchObject({ ok: false, problems: [{ field: 'asset' }] });
    expect(h.market.exchange.seq).toBe(seq);
    expect(h.market.modifyOrder('you-1', '10', '-1')).toEqual([{ field: 'qty', message: 'Quantity must be at least 1, got -1' }]);
    expect(h.market.exchange.seq).toBe(seq);
  });

  it('puts a crossing order’s trade on the tape, highlights resting user orders, modifies and cancels them', () => {
    const h = harness();
    h.market.setAttention(FIRST);
    const ask = h.market.placeOrder(order({ side: 'sell', price: '150', qty: '4' }));
    expect(ask.ok).toBe(true);
    expect(h.market.snapshot().selected!.asks[0]).toMatchObject({ price: 150, qty: 4, own: 4, cumulative: 4 });
    // An agent-like counterparty: another trader buys through the exchange.
    h.market.exchange.apply({ op: 'limit', id: 'x1', trader: 'other', asset: '1:▁cat', side: 'buy', price: 160, qty: 3 });
    const snapshot = h.market.snapshot();
    expect(snapshot.tape[0]).toMatchObject({ asset: '1:▁cat', token: '▁cat', price: 150, qty: 3, seller: USER, mine: true });
    expect(snapshot.selected!.metrics).toMatchObject({ lastPrice: 150, volume: 3 });
    expect(h.market.modifyOrder('you-1', '155', '1')).toEqual([]);
    expect(h.market.snapshot().userOrders).toMatchObject([{ id: 'you-1', price: 155, qty: 1, token: '▁cat' }]);
    h.market.cancelOrder('you-1');
    expect(h.market.snapshot().userOrders).toEqual([]);
    // The user's own cancellation is no news.
    expect(h.market.snapshot().notices).toEqual([]);
    const ioc = h.market.placeOrder(order({ side: 'buy', price: '1', tif: 'IOC' }));
    expect(ioc.ok).toBe(true);
    expect(h.market.snapshot().notices[0].text).toMatch(/immediate-or-cancel/);
  });

  it('call mechanism: orders queue without trading until the auction clears them', () => {
    const h = harness();
    h.market.setAttention(FIRST);
    h.market.setMechanism('call');
    h.market.placeOrder(order({ side: 'sell', price: '90', qty: '2' }));
    h.market.exchange.apply({ op: 'limit', id: 'x1', trader: 'other', asset: '1:▁cat', side: 'buy', price: 110, qty: 2 });
    expect(h.market.trades()).toEqual([]);
    expect(h.market.placeOrder(order({ type: 'market' }))).toMatchObject({ ok: false, problems: [{ message: expect.stringMatching(/call phase/) }] });
    const results = h.market.clearNow();
    expect(results.find((r) => r.asset === '1:▁cat')).toMatchObject({ volume: 2, price: 100 });
    expect(h.market.trades()).toMatchObject([{ price: 100, qty: 2 }]);
    expect(h.market.exchange.book('1:▁cat')!.phase).toBe('call');
    expect(h.market.snapshot().selected!.auction).toMatchObject({ volume: 2 });
    h.market.setMechanism('slot');
    expect(h.market.exchange.book('1:▁cat')!.phase).toBe('continuous');
    const slots = h.market.snapshot().slots!;
    expect(slots.gsp.assignments[0]).toMatchObject({ bidder: '1:▁cat', slot: 0 });
    expect(slots.vcg.revenue).toBeLessThanOrEqual(slots.gsp.revenue + 1e-9);
  });

  it('runs speed x elapsed agent actions per frame and reports the rate', () => {
    const h = harness();
    h.market.setSettings({ ...DEFAULT_LIVE_SETTINGS, speed: 1_000 });
    h.market.setAttention(FIRST);
    h.market.start();
    h.frame();
    const events: MarketEvent[] = [];
    h.market.exchange.subscribe((batch) => events.push(...batch.filter((e) => e.type === 'accepted')));
    for (let i = 0; i < 10; i += 1) h.frame(20);
    // 1,000 actions/s over 200 ms: 200 quotes.
    expect(events.length).toBe(200);
    expect(h.published.at(-1)!.actionsPerSecond).toBeCloseTo(1_000, 0);
    h.market.pause();
    h.frame(20);
    expect(h.framePending).toBe(false);
  });

  it('is reproducible from its seed and the calls made', () => {
    const tape = (seed: number) => {
      const h = harness({ seed });
      const events: MarketEvent[] = [];
      h.market.exchange.subscribe((batch) => events.push(...batch));
      h.market.setAttention(FIRST);
      for (let i = 0; i < 300; i += 1) h.market.step();
      h.market.setSettings({ ...DEFAULT_LIVE_SETTINGS, curves: { ...DEFAULT_LIVE_SETTINGS.curves, demandPerShare: 30_000 } });
      for (let i = 0; i < 300; i += 1) h.market.step();
      return events;
    };
    expect(tape(9)).toEqual(tape(9));
    expect(tape(9)).not.toEqual(tape(10));
  });

  it('plants manipulators in the selected asset and publishes the alerts surveillance raises on them', () => {
    const h = harness();
    h.market.setAttention(FIRST);
    h.market.select('1:▁cat');
    h.market.setManipulator('washTrader', true);
    h.market.setManipulator('spoofer', true);
    h.frame();
    expect(h.published.at(-1)!.manipulators).toEqual({ spoofer: '1:▁cat', layerer: null, washTrader: '1:▁cat' });
    expect(h.market.surveillance.config.owners).toEqual({ 'wash-a': 'wash', 'wash-b': 'wash' });
    h.market.start();
    for (let i = 0; i < 1_500; i += 1) h.frame(20);
    const { alerts } = h.published.at(-1)!;
    expect(new Set(alerts.map((alert) => alert.kind))).toEqual(new Set(['washTrade', 'spoofing']));
    expect(alerts.every((alert) => alert.asset === '1:▁cat')).toBe(true);
    h.market.setManipulator('washTrader', false);
    h.market.setManipulator('spoofer', false);
    const before = h.market.surveillance.alerts().length;
    for (let i = 0; i < 200; i += 1) h.frame(20);
    expect(h.published.at(-1)!.manipulators).toEqual({ spoofer: null, layerer: null, washTrader: null });
    const book = h.market.exchange.book('1:▁cat')!;
    expect([...book.orders('buy'), ...book.orders('sell')].some((o) => o.trader === 'spoofer')).toBe(false);
    expect(h.market.surveillance.alerts().length).toBe(before);
  });

  it('refuses an invalid surveillance threshold, naming it, and keeps the old one', () => {
    const h = harness();
    expect(() => h.market.configureSurveillance({ spoofing: { tauMs: -1 } })).toThrow(/spoofing\.tauMs/);
    expect(h.market.surveillance.config.spoofing.tauMs).toBe(5_000);
    h.market.configureSurveillance({ spoofing: { tauMs: 2_000 } });
    expect(h.market.snapshot().surveillance.spoofing.tauMs).toBe(2_000);
  });

  it('is rebuilt exactly from its recorded commands: books, tape, metrics, alerts and what comes next', () => {
    const h = harness({ seed: 4 });
    h.market.setAttention({ ...FIRST, shares: Float32Array.from(FIRST.shares as number[]), hidden: new Set([3]) });
    h.market.setSettings({ ...DEFAULT_LIVE_SETTINGS, speed: 1_000, curves: { ...DEFAULT_LIVE_SETTINGS.curves, demandPerShare: 25_000 } });
    h.market.setManipulator('washTrader', true);
    h.market.start();
    for (let i = 0; i < 400; i += 1) h.frame(20);
    h.market.placeOrder(order({ price: '90' }));
    h.market.setMechanism('call');
    h.market.clearNow();
    h.market.setMechanism('continuous');
    for (let i = 0; i < 100; i += 1) h.frame(20);
    h.market.pause();
    h.frame();
    const restored = LiveMarket.restore(JSON.parse(JSON.stringify(h.market.recording())), {
      scheduler: { request: () => () => {} },
      now: () => h.market.snapshot().time,
    });
    const comparable = (market: LiveMarket) => {
      const { version: _version, actionsPerSecond: _rate, ...rest } = market.snapshot();
      return { ...rest, trades: market.trades(), exchange: market.exchange.snapshot(), alerts: market.surveillance.alerts() };
    };
    expect(comparable(h.market).alerts.length).toBeGreaterThan(0);
    expect(comparable(restored)).toEqual(comparable(h.market));
    expect(restored.recording()).toEqual(h.market.recording());
    // Both go on alike: the agents' learning and random draws were rebuilt too.
    h.market.step();
    restored.step();
    expect(restored.exchange.snapshot()).toEqual(h.market.exchange.snapshot());
  });
});
