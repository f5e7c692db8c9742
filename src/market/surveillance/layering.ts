import type { Side } from '../types.ts';
import { type LayeringAlert, type PulledOrder, type TradeEvidence, duration, lots } from './alerts.ts';
import type { SurveillanceConfig } from './config.ts';
import { type TrackedOrder, distinctTraders, joinKey } from './orders.ts';

type LayeringConfig = SurveillanceConfig['layering'];

/** An owner's resting orders on one side of an asset, watched after a fill on the other side. */
interface Watch {
  owner: string;
  asset: string;
  side: Side;
  /** Ids of the orders that were resting at one of the fills. */
  orders: Set<string>;
  fills: TradeEvidence[];
  /** The first pull must come by this time. */
  pullBy: number;
  pulls: PulledOrder[];
}

function distinctPrices(prices: Iterable<number>): number {
  return new Set(prices).size;
}

/**
 * Layering: after an owner trades on one side, orders it was resting on the other side at
 * `minLevels` different prices or more are pulled together: the first within `afterFillMs` of
 * the (latest) fill, the last within `pullSpanMs` of the first. A watch opens at a fill when
 * the owner rests orders at `minLevels` prices on the other side; it closes when none of them
 * is live any more, when its time has run out, or on `flush`, and raises an alert if the
 * orders pulled in time lie at `minLevels` prices at least.
 */
export class LayeringMonitor {
  private readonly watches = new Map<string, Watch>();

  /** The owner traded on the side opposite `side`; `resting` are its orders on `side`. */
  onFill(owner: string, asset: string, side: Side, resting: readonly TrackedOrder[], fill: TradeEvidence, config: LayeringConfig): void {
    const key = joinKey(owner, asset, side);
    let watch = this.watches.get(key);
    if (watch === undefined) {
      if (distinctPrices(resting.map((order) => order.price as number)) < config.minLevels) return;
      watch = { owner, asset, side, orders: new Set(), fills: [], pullBy: 0, pulls: [] };
      this.watches.set(key, watch);
    } else if (watch.pulls.length > 0) {
      return; // the pull under way is judged against the fills before it
    }
    for (const order of resting) watch.orders.add(order.id);
    watch.fills.push(fill);
    watch.pullBy = fill.time + config.afterFillMs;
  }

  /** A resting order was cancelled by its owner. */
  onPull(order: TrackedOrder, pulled: PulledOrder, config: LayeringConfig): void {
    const watch = this.watches.get(joinKey(order.owner, order.asset, order.side));
    if (watch === undefined || !watch.orders.has(order.id) || pulled.cancelledTime > deadline(watch, config)) return;
    watch.pulls.push(pulled);
  }

  /** Closes the watches whose time ran out before `time`. */
  expire(time: number, config: LayeringConfig): Omit<LayeringAlert, 'id'>[] {
    return this.close((watch) => deadline(watch, config) < time, config);
  }

  /** Closes the watches none of whose orders is still live. */
  settle(isLive: (id: string) => boolean, config: LayeringConfig): Omit<LayeringAlert, 'id'>[] {
    return this.close((watch) => ![...watch.orders].some(isLive), config);
  }

  /** Closes every watch (at the end of a session or a replay). */
  flush(config: LayeringConfig): Omit<LayeringAlert, 'id'>[] {
    return this.close(() => true, config);
  }

  private close(done: (watch: Watch) => boolean, config: LayeringConfig): Omit<LayeringAlert, 'id'>[] {
    const alerts: Omit<LayeringAlert, 'id'>[] = [];
    for (const [key, watch] of this.watches) {
      if (!done(watch)) continue;
      this.watches.delete(key);
      const levels = distinctPrices(watch.pulls.map((order) => order.price));
      if (levels >= config.minLevels) alerts.push(layeringAlert(watch, levels));
    }
    return alerts;
  }
}

function deadline(watch: Watch, config: LayeringConfig): number {
  return watch.pulls.length === 0 ? watch.pullBy : watch.pulls[0].cancelledTime + config.pullSpanMs;
}

function layeringAlert(watch: Watch, levels: number): Omit<LayeringAlert, 'id'> {
  const { pulls, fills, side } = watch;
  const first = pulls[0];
  const last = pulls[pulls.length - 1];
  const lastFill = fills[fills.length - 1];
  const traded = fills.reduce((sum, fill) => sum + fill.qty, 0);
  const summary =
    `${first.trader} pulled ${pulls.length} ${side === 'buy' ? 'bids' : 'offers'} at ${levels} prices within ` +
    `${duration(last.cancelledTime - first.cancelledTime)}, ${duration(first.cancelledTime - lastFill.time)} after ` +
    `${side === 'buy' ? 'selling' : 'buying'} ${lots(traded)}.`;
  return {
    kind: 'layering',
    asset: watch.asset,
    owners: [watch.owner],
    traders: distinctTraders([...pulls.map((order) => order.trader), ...fills.map((fill) => (side === 'buy' ? fill.seller : fill.buyer))]),
    seq: last.cancelledSeq,
    time: last.cancelledTime,
    summary,
    side,
    orders: pulls,
    levels,
    fills,
  };
}
