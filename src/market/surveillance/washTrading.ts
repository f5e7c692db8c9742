import { type TradeEvidence, type WashTradeAlert, duration, lots } from './alerts.ts';
import type { SurveillanceConfig } from './config.ts';
import { joinKey } from './orders.ts';

/** A trade between two owners that may be the first leg of a round trip. */
interface Leg {
  key: string;
  sellerOwner: string;
  buyerOwner: string;
  trade: TradeEvidence;
  open: boolean;
}

/** Queue entries before this many are dropped from the array once they are half of it. */
const COMPACT_AFTER = 1024;

/**
 * Wash trading: a trade whose buyer and seller have the same owner, and round trips: owner X
 * sells q lots to owner Y, and within `roundTripWindowMs` Y sells q lots back to X (or the
 * other way round), which leaves both where they were. Each first leg matches at most one
 * second leg, the oldest open one of the same quantity.
 */
export class WashTradeMonitor {
  /** Open first legs by (asset, seller owner, buyer owner), oldest first. */
  private readonly open = new Map<string, Leg[]>();
  /** Every first leg in time order, for expiry; entries before `head` are gone. */
  private readonly queue: Leg[] = [];
  private head = 0;

  onTrade(asset: string, trade: TradeEvidence, buyerOwner: string, sellerOwner: string): Omit<WashTradeAlert, 'id'> | null {
    if (buyerOwner === sellerOwner) {
      return {
        kind: 'washTrade',
        asset,
        owners: [buyerOwner],
        traders: [trade.seller, trade.buyer],
        seq: trade.seq,
        time: trade.time,
        summary: `${trade.seller} sold ${lots(trade.qty)} at ${trade.price} to ${trade.buyer}, another account of ${buyerOwner}.`,
        pattern: 'sameOwner',
        trades: [trade],
      };
    }
    const reverseKey = joinKey(asset, buyerOwner, sellerOwner);
    const reverse = this.open.get(reverseKey) ?? [];
    const index = reverse.findIndex((leg) => leg.trade.qty === trade.qty);
    if (index < 0) {
      const key = joinKey(asset, sellerOwner, buyerOwner);
      const leg: Leg = { key, sellerOwner, buyerOwner, trade, open: true };
      const legs = this.open.get(key);
      if (legs === undefined) this.open.set(key, [leg]);
      else legs.push(leg);
      this.queue.push(leg);
      return null;
    }
    const [first] = reverse.splice(index, 1);
    first.open = false;
    if (reverse.length === 0) this.open.delete(reverseKey);
    const { trade: out } = first;
    return {
      kind: 'washTrade',
      asset,
      owners: [first.sellerOwner, first.buyerOwner],
      traders: [out.seller, out.buyer],
      seq: trade.seq,
      time: trade.time,
      summary:
        `${out.seller} sold ${lots(out.qty)} to ${out.buyer} at ${out.price} and bought ${out.qty === 1 ? 'it' : 'them'} ` +
        `back at ${trade.price} ${duration(trade.time - out.time)} later.`,
      pattern: 'roundTrip',
      trades: [out, trade],
    };
  }

  /** Forgets the first legs older than the window at `time`. */
  expire(time: number, config: SurveillanceConfig['washTrading']): void {
    while (this.head < this.queue.length && time - this.queue[this.head].trade.time > config.roundTripWindowMs) {
      const leg = this.queue[this.head++];
      if (!leg.open) continue;
      // The oldest leg of all is the oldest open one of its pair.
      const legs = this.open.get(leg.key) as Leg[];
      legs.shift();
      if (legs.length === 0) this.open.delete(leg.key);
    }
    if (this.head > COMPACT_AFTER && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }
}
