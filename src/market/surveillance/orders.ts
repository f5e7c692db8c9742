import type { CancelledEvent, Side, TradeEvent } from '../types.ts';
import type { PulledOrder, TradeEvidence } from './alerts.ts';

/** A live order as surveillance follows it from the exchange's events. */
export interface TrackedOrder {
  id: string;
  trader: string;
  owner: string;
  asset: string;
  side: Side;
  /** null for market orders, which never rest. */
  price: number | null;
  /** Open quantity now. */
  qty: number;
  /** Open quantity, sequence number and time when the order took its current price and size. */
  placedQty: number;
  placedSeq: number;
  placedTime: number;
  /** Lots traded since then. */
  filledQty: number;
  /** Ticks behind the same-side best price at placement (0 at or better than it, or on an empty side). */
  ticksFromTouch: number;
  /** Lots at the same-side best price at placement, the order's own excluded. */
  touchDepth: number;
  /** Median size of the asset's latest orders at placement; null when there were none. */
  typicalQty: number | null;
}

/** A trade of an owner, with the side the owner was on. */
export interface OwnFill {
  side: Side;
  trade: TradeEvidence;
}

export function opposite(side: Side): Side {
  return side === 'buy' ? 'sell' : 'buy';
}

export function tradeEvidence(event: TradeEvent): TradeEvidence {
  const buyerTook = event.takerSide === 'buy';
  return {
    seq: event.seq,
    time: event.time,
    price: event.price,
    qty: event.qty,
    buyer: event.buyer,
    seller: event.seller,
    buyOrderId: buyerTook ? event.takerId : event.makerId,
    sellOrderId: buyerTook ? event.makerId : event.takerId,
  };
}

/** The evidence of a resting order (`price` set) pulled by `cancel`. */
export function pulledOrder(order: TrackedOrder & { price: number }, cancel: CancelledEvent): PulledOrder {
  return {
    id: order.id,
    trader: order.trader,
    side: order.side,
    price: order.price,
    qty: order.placedQty,
    placedSeq: order.placedSeq,
    placedTime: order.placedTime,
    filledQty: order.filledQty,
    cancelledQty: cancel.qty,
    cancelledSeq: cancel.seq,
    cancelledTime: cancel.time,
  };
}

/** Trader ids in order of first appearance. */
export function distinctTraders(names: Iterable<string>): string[] {
  return [...new Set(names)];
}

/** One map key from several names, unambiguous whatever characters the names hold. */
export function joinKey(...names: string[]): string {
  return JSON.stringify(names);
}
