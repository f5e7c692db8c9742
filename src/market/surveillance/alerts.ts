/**
 * What surveillance reports: plain JSON objects (strings, numbers, arrays), so that alerts can
 * be persisted and exported with a session. Times are exchange clock readings and `seq` the
 * exchange's event sequence numbers, so every piece of evidence can be found in the journal.
 */
import type { Side } from '../types.ts';

/** One trade, from neither side's point of view. */
export interface TradeEvidence {
  seq: number;
  time: number;
  price: number;
  qty: number;
  buyer: string;
  seller: string;
  buyOrderId: string;
  sellOrderId: string;
}

/** A resting order that its owner cancelled. */
export interface PulledOrder {
  id: string;
  trader: string;
  side: Side;
  price: number;
  /** Open quantity when the order took its current price and size (placed or last modified). */
  qty: number;
  placedSeq: number;
  placedTime: number;
  /** Lots traded since then, before the cancel. */
  filledQty: number;
  /** Lots the cancel took out of the book. */
  cancelledQty: number;
  cancelledSeq: number;
  cancelledTime: number;
}

interface AlertBase {
  /** `${kind}-${n}`, numbered in the order the alerts were raised. */
  id: string;
  asset: string;
  /** Beneficial owners involved: one, or the two parties of a round trip. */
  owners: string[];
  /** Trader ids involved, in order of appearance in the evidence. */
  traders: string[];
  /** Sequence number and time of the event that completed the pattern. */
  seq: number;
  time: number;
  /** One sentence for people. */
  summary: string;
}

/** A large order near the touch, cancelled unfilled soon after, while its owner traded on the other side. */
export interface SpoofingAlert extends AlertBase {
  kind: 'spoofing';
  order: PulledOrder;
  /** The owner's trades on the other side between the order's placement and its cancel. */
  fills: TradeEvidence[];
  /** Measured when the order was placed: ticks behind the same-side best price... */
  ticksFromTouch: number;
  /** ...lots at that best price (0 when the side was empty)... */
  touchDepth: number;
  /** ...and the median size of the asset's latest orders. */
  typicalQty: number;
}

/** Orders at several prices on one side, pulled together soon after their owner traded on the other side. */
export interface LayeringAlert extends AlertBase {
  kind: 'layering';
  /** The side of the pulled orders. */
  side: Side;
  orders: PulledOrder[];
  /** Number of different prices among `orders`. */
  levels: number;
  /** The owner's trades on the other side that preceded the pull. */
  fills: TradeEvidence[];
}

/**
 * A trade whose buyer and seller have the same owner, or a round trip: two owners trading the
 * same quantity back and forth within the window, which leaves both positions unchanged.
 */
export interface WashTradeAlert extends AlertBase {
  kind: 'washTrade';
  pattern: 'sameOwner' | 'roundTrip';
  /** The trade, or the round trip's two legs in order. */
  trades: TradeEvidence[];
}

export type Alert = SpoofingAlert | LayeringAlert | WashTradeAlert;
export type AlertKind = Alert['kind'];

export function lots(qty: number): string {
  return qty === 1 ? '1 lot' : `${qty} lots`;
}

/** A duration in clock units (milliseconds) for people: "350 ms", "1.2 s". */
export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
