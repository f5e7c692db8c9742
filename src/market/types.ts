/**
 * Market engine vocabulary: actions (what callers ask for), events (what happened) and limits.
 * Prices are integer ticks and quantities integer lots everywhere in the book.
 */

/**
 * Largest accepted price in ticks and quantity in lots. Their product (1e15) stays below
 * 2^53, so a notional price x qty is always an exact integer in a JavaScript number.
 */
export const MAX_PRICE = 100_000_000;
export const MAX_QTY = 10_000_000;
/** Longest accepted order id, trader name or asset name. */
export const MAX_NAME_LENGTH = 64;

export type Side = 'buy' | 'sell';
export type TimeInForce = 'GTC' | 'IOC' | 'FOK';
/**
 * Self-trade prevention, applied when an incoming order would trade with a resting order of
 * the same trader: cancel the incoming order, the resting one, both, or reduce both by the
 * quantity that would have traded.
 */
export type SelfTradeMode = 'cancelNewest' | 'cancelOldest' | 'cancelBoth' | 'decrement';
/** Continuous trading matches on arrival; in the call phase orders only queue until an auction. */
export type Phase = 'continuous' | 'call';

/**
 * How a call auction picks its price among the prices that maximise executed volume and,
 * among those, minimise the imbalance |D(p) - S(p)|; that set is an interval [lo, hi] of ticks.
 * - maxVolume: the tick nearest `reference` (default: the asset's last trade price, else the
 *   middle of the interval rounded down).
 * - kDouble: lo + k (hi - lo), rounded to the nearest tick (halves round up); k in [0, 1].
 * - mcafee: McAfee's (1992) trade reduction over lots, see callAuction.ts.
 */
export type AuctionRule =
  | { kind: 'maxVolume'; reference?: number }
  | { kind: 'kDouble'; k: number }
  | { kind: 'mcafee' };

export interface LimitAction {
  op: 'limit';
  id: string;
  trader: string;
  asset: string;
  side: Side;
  price: number;
  qty: number;
  tif?: TimeInForce;
  postOnly?: boolean;
  /** Overrides the exchange's default self-trade prevention for this order. */
  stp?: SelfTradeMode;
}
export interface MarketAction {
  op: 'market';
  id: string;
  trader: string;
  asset: string;
  side: Side;
  qty: number;
  stp?: SelfTradeMode;
}
export interface CancelAction {
  op: 'cancel';
  id: string;
}
/** Sets a resting order's price and/or remaining quantity (at least one must be given). */
export interface ModifyAction {
  op: 'modify';
  id: string;
  price?: number;
  qty?: number;
}
export interface AuctionAction {
  op: 'auction';
  asset: string;
  rule?: AuctionRule;
}
export interface PhaseAction {
  op: 'phase';
  asset: string;
  phase: Phase;
}
export interface ListAction {
  op: 'list';
  asset: string;
}
/** Cancels every order of the asset (reason `delisted`) and removes its book. */
export interface DelistAction {
  op: 'delist';
  asset: string;
  note?: string;
}
/** Cancels all orders of an asset, or only those of one trader (reason `massCancel`). */
export interface CancelAllAction {
  op: 'cancelAll';
  asset: string;
  trader?: string;
}
/**
 * An input that failed schema validation. It is journaled like any action so that a replay
 * reproduces the `rejected` event and its sequence number.
 */
export interface InvalidInput {
  op: 'invalid';
  /** The `op` the input claimed, when it had a string one. */
  originalOp: string | null;
  id: string | null;
  field: string | null;
  detail: string;
}

export type Action =
  | LimitAction
  | MarketAction
  | CancelAction
  | ModifyAction
  | AuctionAction
  | PhaseAction
  | ListAction
  | DelistAction
  | CancelAllAction;
export type Input = Action | InvalidInput;

export type RejectReason =
  | 'invalidMessage'
  | 'priceNotFinite'
  | 'priceNotInteger'
  | 'priceNotPositive'
  | 'priceAboveMax'
  | 'qtyNotFinite'
  | 'qtyNotInteger'
  | 'qtyNotPositive'
  | 'qtyAboveMax'
  | 'kOutOfRange'
  | 'badName'
  | 'duplicateId'
  | 'unknownOrder'
  | 'unknownAsset'
  | 'assetExists'
  | 'postOnlyWouldCross'
  | 'postOnlyNotGtc'
  | 'callPhase'
  | 'nothingToModify';

export type CancelReason =
  | 'user'
  | 'iocRemainder'
  | 'fokUnfilled'
  | 'marketRemainder'
  | 'selfTrade'
  | 'delisted'
  | 'massCancel'
  | 'tradeReduction';

export type AuctionRuleKind = AuctionRule['kind'];

interface EventBase {
  /** Strictly increasing across the whole exchange. */
  seq: number;
  /** The injected clock's reading when the action that caused the event was applied. */
  time: number;
}
export interface AcceptedEvent extends EventBase {
  type: 'accepted';
  id: string;
  asset: string;
  trader: string;
  side: Side;
  orderType: 'limit' | 'market';
  /** null for market orders. */
  price: number | null;
  qty: number;
  /** Market orders are immediate-or-cancel. */
  tif: TimeInForce;
  postOnly: boolean;
}
export interface RejectedEvent extends EventBase {
  type: 'rejected';
  /** The operation of the rejected input, null when it could not be read. */
  op: string | null;
  id: string | null;
  reason: RejectReason;
  /** The input field at fault, when there is one. */
  field: string | null;
  detail: string;
}
/**
 * A trade executes at the resting (maker) order's price. In a call auction no order is
 * resting against another: the maker is the order that queued first.
 */
export interface TradeEvent extends EventBase {
  type: 'trade';
  asset: string;
  /** What the buyer pays per lot. */
  price: number;
  qty: number;
  makerId: string;
  takerId: string;
  buyer: string;
  seller: string;
  takerSide: Side;
  /** What the seller receives per lot, present only when it differs from `price` (McAfee). */
  sellerPrice?: number;
}
export interface CancelledEvent extends EventBase {
  type: 'cancelled';
  id: string;
  asset: string;
  trader: string;
  side: Side;
  price: number | null;
  /** Quantity taken out of the order by this event. */
  qty: number;
  /** Quantity still open afterwards; non-zero only when self-trade decrement shrinks an order. */
  remaining: number;
  reason: CancelReason;
}
export interface ModifiedEvent extends EventBase {
  type: 'modified';
  id: string;
  asset: string;
  trader: string;
  side: Side;
  price: number;
  qty: number;
  oldPrice: number;
  oldQty: number;
  /** True when the order kept its place in the queue (same price, quantity not increased). */
  keepsPriority: boolean;
}
/** Best bid and offer (price and quantity at the touch) after an action that changed them. */
export interface BboEvent extends EventBase {
  type: 'bbo';
  asset: string;
  bidPrice: number | null;
  bidQty: number;
  askPrice: number | null;
  askQty: number;
}
export interface AuctionEvent extends EventBase {
  type: 'auction';
  asset: string;
  rule: AuctionRuleKind;
  /** Buyers' price; null when nothing crosses. */
  price: number | null;
  /** Sellers' price: equals `price` except under McAfee's trade reduction. */
  sellerPrice: number | null;
  volume: number;
  /** D(price) and S(price) of the book before the uncross (0 when nothing crosses). */
  demand: number;
  supply: number;
}
export interface PhaseEvent extends EventBase {
  type: 'phase';
  asset: string;
  phase: Phase;
}
export interface ListedEvent extends EventBase {
  type: 'listed';
  asset: string;
}
export interface DelistedEvent extends EventBase {
  type: 'delisted';
  asset: string;
  note: string | null;
}

export type MarketEvent =
  | AcceptedEvent
  | RejectedEvent
  | TradeEvent
  | CancelledEvent
  | ModifiedEvent
  | BboEvent
  | AuctionEvent
  | PhaseEvent
  | ListedEvent
  | DelistedEvent;

/** A price level as reported by depth queries: price, total lots and number of orders. */
export interface DepthLevel {
  price: number;
  qty: number;
  orders: number;
}

/** One step of a cumulative schedule: `qty` lots are wanted (D) or offered (S) at `price`. */
export interface SchedulePoint {
  price: number;
  qty: number;
}

/** A resting order as it can be read from outside the book. */
export interface RestingOrder extends Pick<LimitAction, 'id' | 'trader' | 'asset' | 'side' | 'price' | 'qty'> {
  postOnly: boolean;
  stp: SelfTradeMode;
  /** Clock reading when the order took its current queue place. */
  time: number;
  /** Sequence number of the event that gave the order its current queue place. */
  rank: number;
}
