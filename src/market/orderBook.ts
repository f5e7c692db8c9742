import { auctionOutcome, type PriceQty } from './callAuction.ts';
import { Ladder, type Level, OrderNode } from './ladder.ts';
import type {
  AuctionRule,
  CancelReason,
  DepthLevel,
  LimitAction,
  MarketAction,
  MarketEvent,
  Phase,
  RejectReason,
  RestingOrder,
  SchedulePoint,
  SelfTradeMode,
  Side,
  TimeInForce,
  TradeEvent,
} from './types.ts';

const CALL_PHASE_ONLY_GTC = 'only GTC limit orders are accepted during the call phase';
const POST_ONLY_CROSS = 'a post-only order must not trade on arrival';

/**
 * State shared by all books of one exchange: the sequence counter, the time of the action
 * being applied and the orders by id (ids are unique across assets). Finished orders are
 * marked dead rather than deleted at once: deleting from a large map costs cache misses on
 * every fill, so the Exchange sweeps dead entries out in one pass once they outnumber the
 * live ones (amortised O(1) per order, at most about twice the live orders in memory).
 */
export interface BookContext {
  seq: number;
  time: number;
  /** Resting orders, and dead ones not yet swept out (see OrderNode.live). */
  readonly orders: Map<string, OrderNode>;
  /** How many entries of `orders` are live. */
  live: number;
}

/**
 * The order book of one asset: price-time priority, trades at the resting order's price,
 * self-trade prevention, an optional call phase and call auctions. Inputs arrive validated
 * from the Exchange (names, integer ticks and lots, unique ids); the book applies the rules
 * that depend on its state and appends every resulting event to `out`.
 */
export class OrderBook {
  readonly bids = new Ladder(-1);
  readonly asks = new Ladder(1);
  phase: Phase = 'continuous';
  lastTradePrice: number | null = null;
  private bidPrice: number | null = null;
  private bidQty = 0;
  private askPrice: number | null = null;
  private askQty = 0;

  constructor(
    readonly asset: string,
    private readonly ctx: BookContext,
  ) {}

  // ---- actions ----

  limit(action: LimitAction, stp: SelfTradeMode, out: MarketEvent[]): void {
    const tif = action.tif ?? 'GTC';
    const postOnly = action.postOnly ?? false;
    const continuous = this.phase === 'continuous';
    if (tif !== 'GTC' && !continuous) return this.reject('limit', action.id, 'callPhase', 'tif', CALL_PHASE_ONLY_GTC, out);
    if (postOnly && continuous && this.wouldCross(action.side, action.price)) {
      return this.reject('limit', action.id, 'postOnlyWouldCross', 'price', POST_ONLY_CROSS, out);
    }
    const node = this.accept(action, false, action.price, tif, postOnly, stp, out);
    if (continuous) {
      if (tif === 'FOK' && !this.canFillCompletely(node)) {
        this.cancelTaker(node, 'fokUnfilled', out);
      } else {
        this.match(node, out);
      }
    }
    if (node.qty > 0) {
      if (tif === 'GTC') this.admit(node);
      else this.cancelTaker(node, 'iocRemainder', out);
    }
    this.publishBbo(out);
  }

  market(action: MarketAction, stp: SelfTradeMode, out: MarketEvent[]): void {
    if (this.phase !== 'continuous') return this.reject('market', action.id, 'callPhase', null, CALL_PHASE_ONLY_GTC, out);
    const bound = action.side === 'buy' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    const node = this.accept(action, true, bound, 'IOC', false, stp, out);
    this.match(node, out);
    if (node.qty > 0) this.cancelTaker(node, 'marketRemainder', out);
    this.publishBbo(out);
  }

  cancel(node: OrderNode, out: MarketEvent[]): void {
    this.cancelResting(node, 'user', out);
    this.publishBbo(out);
  }

  /**
   * Sets a resting order's price and open quantity. Same price and no more quantity keeps the
   * queue place; anything else re-queues the order at the back, and a new price that crosses
   * the book trades first, like a new order.
   */
  modify(node: OrderNode, price: number, qty: number, out: MarketEvent[]): void {
    const oldPrice = node.price;
    const oldQty = node.qty;
    const level = node.level as Level;
    if (price === oldPrice && qty <= oldQty) {
      level.qty -= oldQty - qty;
      node.qty = qty;
      out.push(this.modifiedEvent(node, oldPrice, oldQty, true, ++this.ctx.seq));
      this.publishBbo(out);
      return;
    }
    const repriced = price !== oldPrice && this.phase === 'continuous';
    if (node.postOnly && repriced && this.wouldCross(node.side, price)) {
      return this.reject('modify', node.id, 'postOnlyWouldCross', 'price', POST_ONLY_CROSS, out);
    }
    this.unlink(node);
    node.price = price;
    node.qty = qty;
    node.time = this.ctx.time;
    node.rank = ++this.ctx.seq;
    out.push(this.modifiedEvent(node, oldPrice, oldQty, false, node.rank));
    if (repriced) this.match(node, out);
    if (node.qty > 0) this.rest(node);
    else this.retire(node);
    this.publishBbo(out);
  }

  /** Cancels every resting order (of one trader, when given), bids then asks, each best first. */
  cancelAll(reason: CancelReason, trader: string | undefined, out: MarketEvent[]): void {
    for (const order of [...this.nodes(this.bids), ...this.nodes(this.asks)]) {
      if (trader === undefined || order.trader === trader) this.cancelResting(order, reason, out);
    }
    this.publishBbo(out);
  }

  /** Entering the call phase stops matching; leaving it uncrosses the book (maxVolume rule). */
  setPhase(phase: Phase, out: MarketEvent[]): void {
    if (phase === 'continuous' && this.phase === 'call') return this.uncross({ kind: 'maxVolume' }, out);
    this.phase = phase;
    out.push({ seq: ++this.ctx.seq, time: this.ctx.time, type: 'phase', asset: this.asset, phase });
  }

  /**
   * Call auction: executes the rule's volume at its price(s), pairing bids and asks in
   * price-time priority (so marginal orders fill in arrival order), then returns the book to
   * continuous trading. When a pair belongs to one trader the lots are not traded: both orders
   * shrink by them (`cancelled`, reason selfTrade). Lots that McAfee's reduction excludes are
   * cancelled (reason tradeReduction), so the book never stays crossed.
   */
  uncross(rule: AuctionRule, out: MarketEvent[]): void {
    const ctx = this.ctx;
    const bids = this.levels(this.bids);
    const asks = this.levels(this.asks);
    const outcome = auctionOutcome(bids, asks, rule, this.lastTradePrice);
    let demand = 0;
    let supply = 0;
    if (outcome !== null) {
      for (const level of bids) if (level.price >= outcome.price) demand += level.qty;
      for (const level of asks) if (level.price <= outcome.sellerPrice) supply += level.qty;
    }
    out.push({
      seq: ++ctx.seq,
      time: ctx.time,
      type: 'auction',
      asset: this.asset,
      rule: rule.kind,
      price: outcome?.price ?? null,
      sellerPrice: outcome?.sellerPrice ?? null,
      volume: outcome?.volume ?? 0,
      demand,
      supply,
    });
    if (outcome !== null) {
      this.executeAuction(outcome.volume, outcome.price, outcome.sellerPrice, out);
      // McAfee's excluded k-th lots still cross; they leave rather than trade.
      if (outcome.excluded > 0) {
        for (const ladder of [this.bids, this.asks]) {
          const node = (ladder.best() as Level).head as OrderNode;
          out.push(this.cancelledEvent(node, outcome.excluded, node.qty - outcome.excluded, 'tradeReduction'));
          this.reduce(node, outcome.excluded);
        }
      }
    }
    if (this.phase === 'call') {
      this.phase = 'continuous';
      out.push({ seq: ++ctx.seq, time: ctx.time, type: 'phase', asset: this.asset, phase: 'continuous' });
    }
    this.publishBbo(out);
  }

  /** Puts orders back exactly as a snapshot recorded them, each side in priority order. */
  restore(orders: readonly RestingOrder[]): void {
    for (const order of orders) {
      const { id, trader, side, price, qty, postOnly, stp, time, rank } = order;
      this.admit(new OrderNode(this, id, trader, side, false, price, qty, postOnly, stp, time, rank));
    }
    // The published best bid and offer always equal the book's after an action.
    this.bidPrice = this.bids.best()?.price ?? null;
    this.bidQty = this.bids.best()?.qty ?? 0;
    this.askPrice = this.asks.best()?.price ?? null;
    this.askQty = this.asks.best()?.qty ?? 0;
  }

  // ---- queries ----

  bestBid(): PriceQty | null {
    const level = this.bids.best();
    return level === null ? null : { price: level.price, qty: level.qty };
  }

  bestAsk(): PriceQty | null {
    const level = this.asks.best();
    return level === null ? null : { price: level.price, qty: level.qty };
  }

  /** Best ask minus best bid, null when a side is empty. */
  spread(): number | null {
    const bid = this.bids.best();
    const ask = this.asks.best();
    return bid === null || ask === null ? null : ask.price - bid.price;
  }

  /** Price levels of one side, best first, at most `maxLevels` of them. */
  depth(side: Side, maxLevels = Number.POSITIVE_INFINITY): DepthLevel[] {
    const result: DepthLevel[] = [];
    const ladder = side === 'buy' ? this.bids : this.asks;
    for (let level = ladder.best(); level !== null && result.length < maxLevels; level = level.forward[0]) {
      result.push({ price: level.price, qty: level.qty, orders: level.count });
    }
    return result;
  }

  /** D(p): bid lots priced at or above p. */
  demandAt(price: number): number {
    let total = 0;
    for (let level = this.bids.best(); level !== null && level.price >= price; level = level.forward[0]) {
      total += level.qty;
    }
    return total;
  }

  /** S(p): ask lots priced at or below p. */
  supplyAt(price: number): number {
    let total = 0;
    for (let level = this.asks.best(); level !== null && level.price <= price; level = level.forward[0]) {
      total += level.qty;
    }
    return total;
  }

  /**
   * The book's demand (side 'buy') or supply (side 'sell') as a step schedule, best price
   * first: at each level price, the cumulative lots of that level and all better ones.
   */
  schedule(side: Side): SchedulePoint[] {
    let total = 0;
    return this.depth(side).map((level) => ({ price: level.price, qty: (total += level.qty) }));
  }

  /** Resting orders of one side in priority order (best price first, then arrival). */
  orders(side: Side): RestingOrder[] {
    return this.nodes(side === 'buy' ? this.bids : this.asks).map(describeOrder);
  }

  // ---- matching ----

  private accept(
    action: LimitAction | MarketAction,
    isMarket: boolean,
    price: number,
    tif: TimeInForce,
    postOnly: boolean,
    stp: SelfTradeMode,
    out: MarketEvent[],
  ): OrderNode {
    const ctx = this.ctx;
    const rank = ++ctx.seq;
    const node = new OrderNode(
      this,
      action.id,
      action.trader,
      action.side,
      isMarket,
      price,
      action.qty,
      postOnly,
      stp,
      ctx.time,
      rank,
    );
    out.push({
      seq: rank,
      time: ctx.time,
      type: 'accepted',
      id: action.id,
      asset: this.asset,
      trader: action.trader,
      side: action.side,
      orderType: isMarket ? 'market' : 'limit',
      price: isMarket ? null : price,
      qty: action.qty,
      tif,
      postOnly,
    });
    return node;
  }

  /** Trades the taker against the opposite side while prices cross and it has quantity left. */
  private match(taker: OrderNode, out: MarketEvent[]): void {
    const ctx = this.ctx;
    const buying = taker.side === 'buy';
    const opposite = buying ? this.asks : this.bids;
    const limit = taker.price;
    while (taker.qty > 0) {
      const level = opposite.best();
      if (level === null || (buying ? level.price > limit : level.price < limit)) break;
      const maker = level.head as OrderNode;
      if (maker.trader === taker.trader) {
        this.preventSelfTrade(taker, maker, out);
        continue;
      }
      const qty = taker.qty < maker.qty ? taker.qty : maker.qty;
      out.push({
        seq: ++ctx.seq,
        time: ctx.time,
        type: 'trade',
        asset: this.asset,
        price: level.price,
        qty,
        makerId: maker.id,
        takerId: taker.id,
        buyer: buying ? taker.trader : maker.trader,
        seller: buying ? maker.trader : taker.trader,
        takerSide: taker.side,
      });
      taker.qty -= qty;
      this.lastTradePrice = level.price;
      this.reduce(maker, qty);
    }
  }

  private preventSelfTrade(taker: OrderNode, maker: OrderNode, out: MarketEvent[]): void {
    switch (taker.stp) {
      case 'cancelNewest':
        return this.cancelTaker(taker, 'selfTrade', out);
      case 'cancelOldest':
        return this.cancelResting(maker, 'selfTrade', out);
      case 'cancelBoth':
        this.cancelResting(maker, 'selfTrade', out);
        return this.cancelTaker(taker, 'selfTrade', out);
      case 'decrement': {
        const qty = Math.min(taker.qty, maker.qty);
        out.push(this.cancelledEvent(maker, qty, maker.qty - qty, 'selfTrade'));
        this.reduce(maker, qty);
        out.push(this.cancelledEvent(taker, qty, taker.qty - qty, 'selfTrade'));
        taker.qty -= qty;
      }
    }
  }

  /**
   * FOK check, walking the opposite side in matching order: true when the order would fill
   * completely. A resting order of the same trader ends the walk unless self-trade prevention
   * cancels resting orders (then it is skipped), since every other mode stops or shrinks the
   * incoming order there. The walk stops as soon as enough quantity is found.
   */
  private canFillCompletely(taker: OrderNode): boolean {
    const buying = taker.side === 'buy';
    let available = 0;
    let level = (buying ? this.asks : this.bids).best();
    for (; level !== null && (buying ? level.price <= taker.price : level.price >= taker.price); level = level.forward[0]) {
      for (let maker = level.head; maker !== null; maker = maker.next) {
        if (maker.trader === taker.trader) {
          if (taker.stp === 'cancelOldest') continue;
          return false;
        }
        available += maker.qty;
        if (available >= taker.qty) return true;
      }
    }
    return false;
  }

  private executeAuction(volume: number, buyerPrice: number, sellerPrice: number, out: MarketEvent[]): void {
    const ctx = this.ctx;
    for (let left = volume; left > 0; ) {
      const bid = (this.bids.best() as Level).head as OrderNode;
      const ask = (this.asks.best() as Level).head as OrderNode;
      const qty = Math.min(left, bid.qty, ask.qty);
      if (bid.trader === ask.trader) {
        out.push(this.cancelledEvent(bid, qty, bid.qty - qty, 'selfTrade'));
        out.push(this.cancelledEvent(ask, qty, ask.qty - qty, 'selfTrade'));
      } else {
        const bidFirst = bid.rank < ask.rank;
        const trade: TradeEvent = {
          seq: ++ctx.seq,
          time: ctx.time,
          type: 'trade',
          asset: this.asset,
          price: buyerPrice,
          qty,
          makerId: bidFirst ? bid.id : ask.id,
          takerId: bidFirst ? ask.id : bid.id,
          buyer: bid.trader,
          seller: ask.trader,
          takerSide: bidFirst ? 'sell' : 'buy',
        };
        if (sellerPrice !== buyerPrice) trade.sellerPrice = sellerPrice;
        out.push(trade);
        this.lastTradePrice = buyerPrice;
      }
      this.reduce(bid, qty);
      this.reduce(ask, qty);
      left -= qty;
    }
  }

  // ---- queue maintenance ----

  private wouldCross(side: Side, price: number): boolean {
    const best = (side === 'buy' ? this.asks : this.bids).best();
    return best !== null && (side === 'buy' ? best.price <= price : best.price >= price);
  }

  /** Queues an order at the back of its price level. */
  private rest(node: OrderNode): void {
    (node.side === 'buy' ? this.bids : this.asks).levelAt(node.price).append(node);
  }

  /** Rests a new order and makes it findable by id. */
  private admit(node: OrderNode): void {
    this.rest(node);
    node.live = true;
    this.ctx.orders.set(node.id, node);
    this.ctx.live += 1;
  }

  /** An order is finished: it can no longer be found by id (its map entry is swept later). */
  private retire(node: OrderNode): void {
    node.live = false;
    this.ctx.live -= 1;
  }

  /** Takes a resting order out of its level (dropping the level when it empties). */
  private unlink(node: OrderNode): void {
    const level = node.level as Level;
    level.unlink(node);
    if (level.count === 0) (node.side === 'buy' ? this.bids : this.asks).remove(level);
  }

  /** Removes `qty` from a resting order, dropping the order once nothing is left. */
  private reduce(node: OrderNode, qty: number): void {
    node.qty -= qty;
    (node.level as Level).qty -= qty;
    if (node.qty === 0) {
      this.unlink(node);
      this.retire(node);
    }
  }

  private cancelResting(node: OrderNode, reason: CancelReason, out: MarketEvent[]): void {
    out.push(this.cancelledEvent(node, node.qty, 0, reason));
    this.reduce(node, node.qty);
  }

  /** Cancels what is left of an incoming (not resting) order. */
  private cancelTaker(node: OrderNode, reason: CancelReason, out: MarketEvent[]): void {
    out.push(this.cancelledEvent(node, node.qty, 0, reason));
    node.qty = 0;
  }

  private reject(
    op: string,
    id: string,
    reason: RejectReason,
    field: string | null,
    detail: string,
    out: MarketEvent[],
  ): void {
    out.push({ seq: ++this.ctx.seq, time: this.ctx.time, type: 'rejected', op, id, reason, field, detail });
  }

  /** Emits a `bbo` event when the best bid or offer (price or quantity) has changed. */
  private publishBbo(out: MarketEvent[]): void {
    const bid = this.bids.best();
    const ask = this.asks.best();
    const bidPrice = bid === null ? null : bid.price;
    const bidQty = bid === null ? 0 : bid.qty;
    const askPrice = ask === null ? null : ask.price;
    const askQty = ask === null ? 0 : ask.qty;
    if (bidPrice === this.bidPrice && bidQty === this.bidQty && askPrice === this.askPrice && askQty === this.askQty) {
      return;
    }
    this.bidPrice = bidPrice;
    this.bidQty = bidQty;
    this.askPrice = askPrice;
    this.askQty = askQty;
    out.push({ seq: ++this.ctx.seq, time: this.ctx.time, type: 'bbo', asset: this.asset, bidPrice, bidQty, askPrice, askQty });
  }

  private cancelledEvent(node: OrderNode, qty: number, remaining: number, reason: CancelReason): MarketEvent {
    return {
      seq: ++this.ctx.seq,
      time: this.ctx.time,
      type: 'cancelled',
      id: node.id,
      asset: this.asset,
      trader: node.trader,
      side: node.side,
      price: node.isMarket ? null : node.price,
      qty,
      remaining,
      reason,
    };
  }

  private modifiedEvent(node: OrderNode, oldPrice: number, oldQty: number, keepsPriority: boolean, seq: number): MarketEvent {
    return {
      seq,
      time: this.ctx.time,
      type: 'modified',
      id: node.id,
      asset: this.asset,
      trader: node.trader,
      side: node.side,
      price: node.price,
      qty: node.qty,
      oldPrice,
      oldQty,
      keepsPriority,
    };
  }

  private levels(ladder: Ladder): PriceQty[] {
    const result: PriceQty[] = [];
    for (let level = ladder.best(); level !== null; level = level.forward[0]) {
      result.push({ price: level.price, qty: level.qty });
    }
    return result;
  }

  private nodes(ladder: Ladder): OrderNode[] {
    const result: OrderNode[] = [];
    for (let level = ladder.best(); level !== null; level = level.forward[0]) {
      for (let node = level.head; node !== null; node = node.next) result.push(node);
    }
    return result;
  }
}

export function describeOrder(node: OrderNode): RestingOrder {
  return {
    id: node.id,
    trader: node.trader,
    asset: node.book.asset,
    side: node.side,
    price: node.price,
    qty: node.qty,
    postOnly: node.postOnly,
    stp: node.stp,
    time: node.time,
    rank: node.rank,
  };
}
