/**
 * Order-book benchmark: our engine against nodejs-order-book on identical order streams, in
 * the same process, alternating runs; medians of several runs, printed as a markdown table.
 *   npm run bench:market
 * 1. exchange-core style mix over ~1,000 resting orders: 9% GTC, 3% IOC, 6% cancel, 82% modify
 *    (price and size; both engines re-queue such a modify, so their books stay identical,
 *    which the script checks at the end of every run).
 * 2. fills from one price level holding 4,000 resting orders: 4,000 one-lot market orders.
 * 3. a call auction over 100,000 orders per side (ours only: the peer has no call auction).
 */
import { cpus, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { OrderBook as PeerBook, Side as PeerSide } from 'nodejs-order-book';
import { auctionOutcome } from '../../src/market/callAuction.ts';
import { ManualClock } from '../../src/market/clock.ts';
import { Exchange } from '../../src/market/exchange.ts';
import { Rng } from '../../src/market/rng.ts';
import type { Action, Side } from '../../src/market/types.ts';

const ASSET = 'x';
const MID = 10_000;

/** One operation in both engines' terms, prepared before timing. */
interface Op {
  ours: Action;
  peer: (book: PeerBook) => unknown;
}

const peerSide = (side: Side) => (side === 'buy' ? PeerSide.BUY : PeerSide.SELL);
// The peer's TimeInForce enum is not exported; its values are these strings.
const peerTif = (tif: 'GTC' | 'IOC') => tif as never;

function limitOp(id: string, side: Side, price: number, qty: number, tif: 'GTC' | 'IOC'): Op {
  const options = { id, side: peerSide(side), size: qty, price, timeInForce: peerTif(tif) };
  return {
    ours: { op: 'limit', id, trader: id, asset: ASSET, side, price, qty, tif },
    peer: (book) => book.limit(options),
  };
}

function newExchange(): Exchange {
  return new Exchange({ clock: new ManualClock(), assets: [ASSET] });
}

/** Draws a passive price: 1 + an exponential number of ticks behind the opposite best. */
function passivePrice(rng: Rng, side: Side, exchange: Exchange): number {
  const book = exchange.book(ASSET)!;
  const behind = 1 + Math.floor(-Math.log(1 - rng.next()) * 25);
  return side === 'buy' ? (book.bestAsk()?.price ?? MID + 1) - behind : (book.bestBid()?.price ?? MID - 1) + behind;
}

/**
 * Generates warm-up orders and the measured stream with a seeded RNG, tracking live orders by
 * running the stream through our engine as it is generated.
 */
function mixStream(seed: number, resting: number, length: number): { warmup: Op[]; stream: Op[] } {
  const rng = new Rng(seed);
  const tracker = newExchange();
  const live: string[] = [];
  const where = new Map<string, number>();
  const forget = (id: string) => {
    const at = where.get(id);
    if (at === undefined || tracker.order(id) !== undefined) return;
    const last = live.pop() as string;
    if (last !== id) {
      live[at] = last;
      where.set(last, at);
    }
    where.delete(id);
  };
  let next = 0;
  const run = (op: Op) => {
    for (const event of tracker.apply(op.ours)) {
      if (event.type === 'trade') forget(event.makerId);
      else if (event.type === 'cancelled') forget(event.id);
      else if (event.type === 'accepted' && tracker.order(event.id) !== undefined) {
        where.set(event.id, live.length);
        live.push(event.id);
      }
    }
    return op;
  };
  const gtc = (side: Side) => limitOp(`o${next++}`, side, passivePrice(rng, side, tracker), rng.int(1, 100), 'GTC');
  const warmup = Array.from({ length: resting }, (_, i) => run(gtc(i % 2 === 0 ? 'buy' : 'sell')));
  const stream: Op[] = [];
  while (stream.length < length) {
    const r = rng.next();
    const side: Side = rng.next() < 0.5 ? 'buy' : 'sell';
    if (r < 0.09 || live.length === 0) {
      stream.push(run(gtc(side)));
    } else if (r < 0.12) {
      const book = tracker.book(ASSET)!;
      const touch = side === 'buy' ? (book.bestAsk()?.price ?? MID) + 2 : (book.bestBid()?.price ?? MID) - 2;
      stream.push(run(limitOp(`o${next++}`, side, touch, rng.int(1, 100), 'IOC')));
    } else if (r < 0.18) {
      const id = rng.pick(live);
      stream.push(run({ ours: { op: 'cancel', id }, peer: (book) => book.cancel(id) }));
    } else {
      const id = rng.pick(live);
      const order = tracker.order(id)!;
      const passive = passivePrice(rng, order.side, tracker);
      const price = passive === order.price ? passive + (order.side === 'buy' ? -1 : 1) : passive;
      const update = { price, size: rng.int(1, 100) };
      stream.push(run({ ours: { op: 'modify', id, price, qty: update.size }, peer: (book) => book.modify(id, update) }));
    }
  }
  return { warmup, stream };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function percentile(sorted: Float64Array, fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

/** A fresh book of each kind with the warm-up applied (not timed). */
function prepared(warmup: Op[]) {
  const exchange = newExchange();
  const peer = new PeerBook();
  for (const op of warmup) {
    exchange.apply(op.ours);
    op.peer(peer);
  }
  return { exchange, peer };
}

function time(body: () => void): number {
  const start = process.hrtime.bigint();
  body();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Same levels on both sides of both books, or the comparison is not like for like. */
function checkSameBooks(exchange: Exchange, peer: PeerBook): void {
  const ours = exchange.book(ASSET)!;
  const [asks, bids] = peer.depth();
  const mine = [ours.depth('sell').map((l) => [l.price, l.qty]), ours.depth('buy').map((l) => [l.price, l.qty])];
  if (JSON.stringify(mine) !== JSON.stringify([asks, bids])) throw new Error('the two books diverged on the same stream');
}

/**
 * Operations per second of each engine on the same stream from the same warm-up state: the
 * median of `runs` runs after one untimed warm-up run, the engines taking turns to go first.
 */
function throughput(warmup: Op[], stream: Op[], runs: number) {
  const ours: number[] = [];
  const peers: number[] = [];
  let resting = 0;
  for (let run = 0; run <= runs; run += 1) {
    const { exchange, peer } = prepared(warmup);
    const timeOurs = () =>
      time(() => {
        for (const op of stream) exchange.apply(op.ours);
      });
    const timePeer = () =>
      time(() => {
        for (const op of stream) op.peer(peer);
      });
    let oursMs: number;
    let peerMs: number;
    if (run % 2 === 0) {
      oursMs = timeOurs();
      peerMs = timePeer();
    } else {
      peerMs = timePeer();
      oursMs = timeOurs();
    }
    checkSameBooks(exchange, peer);
    resting = exchange.book(ASSET)!.orders('buy').length + exchange.book(ASSET)!.orders('sell').length;
    if (run > 0) {
      ours.push((stream.length / oursMs) * 1000);
      peers.push((stream.length / peerMs) * 1000);
    }
  }
  return { ours: median(ours), peer: median(peers), resting };
}

function benchMix(runs: number) {
  const { warmup, stream } = mixStream(42, 1000, 400_000);
  const result = throughput(warmup, stream, runs);
  // Latency: one more run timing every operation (includes ~tens of ns of timer overhead).
  const { exchange, peer } = prepared(warmup);
  const latency = (apply: (op: Op) => void) => {
    const samples = new Float64Array(stream.length);
    stream.forEach((op, i) => {
      const start = process.hrtime.bigint();
      apply(op);
      samples[i] = Number(process.hrtime.bigint() - start) / 1000;
    });
    samples.sort();
    return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99) };
  };
  const oursLatency = latency((op) => exchange.apply(op.ours));
  const peerLatency = latency((op) => op.peer(peer));
  return { ...result, oursLatency, peerLatency, ops: stream.length };
}

function benchFills(runs: number) {
  const depth = 4000;
  const resting = Array.from({ length: depth }, (_, i) => limitOp(`q${i}`, 'sell', 100, 1, 'GTC'));
  const hits: Op[] = Array.from({ length: depth }, (_, i) => ({
    ours: { op: 'market', id: `m${i}`, trader: `m${i}`, asset: ASSET, side: 'buy', qty: 1 },
    peer: (book) => book.market({ side: PeerSide.BUY, size: 1 }),
  }));
  return throughput(resting, hits, runs);
}

// A minor collection empties the young generation, so that promoting the freshly restored
// book (set-up work) is not charged to the uncross that follows: with --trace-gc, a scavenge
// of that book otherwise lands inside some timed uncrosses and costs more than the uncross.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as (options: { type: 'minor' | 'major' }) => void;

function benchAuction(runs: number) {
  const perSide = 100_000;
  const rng = new Rng(7);
  // Bids spread over [9,000, 10,200] and asks over [9,800, 11,000] ticks: they overlap by 400.
  const collected = newExchange();
  collected.apply({ op: 'phase', asset: ASSET, phase: 'call' });
  for (let i = 0; i < perSide; i += 1) {
    const qty = rng.int(1, 100);
    collected.apply({ op: 'limit', id: `b${i}`, trader: `b${i % 500}`, asset: ASSET, side: 'buy', price: rng.int(9000, 10_200), qty });
    collected.apply({ op: 'limit', id: `s${i}`, trader: `s${i % 500}`, asset: ASSET, side: 'sell', price: rng.int(9800, 11_000), qty });
  }
  // Each run uncrosses an identical copy of the collected book.
  const snapshot = collected.snapshot();
  const book = collected.book(ASSET)!;
  const bids = book.depth('buy');
  const asks = book.depth('sell');
  const uncross: number[] = [];
  const pricing: number[] = [];
  let outcome = { trades: 0, volume: 0, price: 0 };
  for (let run = 0; run <= runs; run += 1) {
    const exchange = Exchange.fromSnapshot(snapshot, new ManualClock());
    collectGarbage({ type: 'minor' });
    // The clearing price alone: the search over the aggregated levels, without executing.
    const pricingMs = time(() => auctionOutcome(bids, asks, { kind: 'maxVolume' }, null));
    let events: ReturnType<Exchange['apply']> = [];
    const uncrossMs = time(() => {
      events = exchange.apply({ op: 'auction', asset: ASSET });
    });
    if (run > 0) {
      uncross.push(uncrossMs);
      pricing.push(pricingMs);
    }
    const auction = events.find((e) => e.type === 'auction');
    outcome = {
      trades: events.filter((e) => e.type === 'trade').length,
      volume: auction?.type === 'auction' ? auction.volume : 0,
      price: auction?.type === 'auction' ? (auction.price ?? 0) : 0,
    };
  }
  return { ms: median(uncross), fastestMs: Math.min(...uncross), pricingMs: median(pricing), ...outcome };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const RUNS = 5;

const started = performance.now();
const loadBefore = loadavg()[0];
const mix = benchMix(RUNS);
const fills = benchFills(RUNS);
const AUCTION_RUNS = 11;
const auction = benchAuction(AUCTION_RUNS);
const mixRatio = mix.ours / mix.peer;
const fillRatio = fills.ours / fills.peer;
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

console.log(
  `Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${loadBefore.toFixed(1)} before and ${loadavg()[0].toFixed(1)} after on ${cpus().length} cores; medians of ${RUNS} runs after one warm-up run.\n`,
);
console.log('| benchmark | ours | nodejs-order-book | ours / theirs | target |');
console.log('| --- | ---: | ---: | ---: | --- |');
console.log(
  `| mix 9% GTC, 3% IOC, 6% cancel, 82% modify; ${fmt(mix.ops)} ops over ~1,000 resting (${fmt(mix.resting)} at the end), ops/s | ${fmt(mix.ours)} | ${fmt(mix.peer)} | ${mixRatio.toFixed(1)}x | >= 2,000,000 ops/s and >= 5x: ${verdict(mix.ours >= 2e6 && mixRatio >= 5)} |`,
);
console.log(
  `| mix latency per op, p50 / p99 (µs) | ${mix.oursLatency.p50.toFixed(2)} / ${mix.oursLatency.p99.toFixed(2)} | ${mix.peerLatency.p50.toFixed(2)} / ${mix.peerLatency.p99.toFixed(2)} | | |`,
);
console.log(
  `| fills from one level of 4,000 resting orders (one-lot market orders), fills/s | ${fmt(fills.ours)} | ${fmt(fills.peer)} | ${fillRatio.toFixed(0)}x | >= 100x: ${verdict(fillRatio >= 100)} |`,
);
console.log(
  `| call auction, 100,000 orders per side: uncross with ${fmt(auction.trades)} trades (${fmt(auction.volume)} lots at ${auction.price}), ms, median of ${AUCTION_RUNS} (fastest) | ${auction.ms.toFixed(2)} (${auction.fastestMs.toFixed(2)}) | no call auction | | <= 10 ms: ${verdict(auction.ms <= 10)} |`,
);
console.log(`| the same: clearing price alone (search over the levels), ms | ${auction.pricingMs.toFixed(3)} | | | |`);
console.log(`\nTotal ${(performance.now() - started) / 1000 < 1 ? '<1' : ((performance.now() - started) / 1000).toFixed(0)} s.`);
