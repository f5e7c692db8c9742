import { type Clock, systemClock } from './clock.ts';
import type { ExchangeSnapshot, JournalEntry } from './journal.ts';
import type { OrderNode } from './ladder.ts';
import { type BookContext, OrderBook, describeOrder } from './orderBook.ts';
import type { Action, Input, MarketEvent, RejectReason, RestingOrder, SelfTradeMode } from './types.ts';
import { type Rejection, staticRejection } from './validation.ts';

export interface ExchangeOptions {
  /** Where event times come from (default: wall clock). */
  clock?: Clock;
  /** Self-trade prevention for orders that do not choose one (default cancelNewest). */
  selfTrade?: SelfTradeMode;
  /** List an unknown asset when its first order arrives instead of rejecting the order. */
  autoList?: boolean;
  /** Assets listed from the start (no events). */
  assets?: readonly string[];
  /**
   * Dead entries tolerated in the order-id index beyond the live count before it is swept
   * (see BookContext; default 1024). Only memory and sweep frequency depend on it.
   */
  sweepSlack?: number;
}

/** Called after every applied input with its events and its journal entry. */
export type ExchangeListener = (events: readonly MarketEvent[], entry: JournalEntry) => void;

/**
 * A set of order books, one per asset, sharing one sequence counter, one clock and one id
 * space. `apply` is the single entry point that changes state; every call returns the events
 * it caused and is reported to subscribers, which makes recording a journal trivial.
 */
export class Exchange {
  readonly selfTrade: SelfTradeMode;
  readonly autoList: boolean;
  private readonly clock: Clock;
  private readonly sweepSlack: number;
  private readonly ctx: BookContext = { seq: 0, time: 0, orders: new Map<string, OrderNode>(), live: 0 };
  private readonly books = new Map<string, OrderBook>();
  private readonly listeners = new Set<ExchangeListener>();

  constructor(options: ExchangeOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.selfTrade = options.selfTrade ?? 'cancelNewest';
    this.autoList = options.autoList ?? false;
    this.sweepSlack = options.sweepSlack ?? 1024;
    for (const asset of options.assets ?? []) this.books.set(asset, new OrderBook(asset, this.ctx));
  }

  /** Rebuilds an exchange exactly as `snapshot()` saw it. */
  static fromSnapshot(snapshot: ExchangeSnapshot, clock?: Clock): Exchange {
    const exchange = new Exchange({ clock, selfTrade: snapshot.selfTrade, autoList: snapshot.autoList });
    exchange.ctx.seq = snapshot.seq;
    for (const saved of snapshot.books) {
      const book = new OrderBook(saved.asset, exchange.ctx);
      book.phase = saved.phase;
      book.lastTradePrice = saved.lastTradePrice;
      book.restore([...saved.bids, ...saved.asks]);
      exchange.books.set(saved.asset, book);
    }
    return exchange;
  }

  /** Sequence number of the latest event. */
  get seq(): number {
    return this.ctx.seq;
  }

  /** Listed assets in listing order. */
  assets(): string[] {
    return [...this.books.keys()];
  }

  book(asset: string): OrderBook | undefined {
    return this.books.get(asset);
  }

  order(id: string): RestingOrder | undefined {
    const node = this.liveOrder(id);
    return node === undefined ? undefined : describeOrder(node);
  }

  subscribe(listener: ExchangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  apply(input: Input): MarketEvent[] {
    const ctx = this.ctx;
    ctx.time = this.clock.now();
    const out: MarketEvent[] = [];
    if (input.op === 'invalid') {
      this.reject(input.originalOp, input.id, { reason: 'invalidMessage', field: input.field, detail: input.detail }, out);
    } else {
      const rejection = staticRejection(input);
      if (rejection === null) this.dispatch(input, out);
      else this.reject(input.op, 'id' in input ? input.id : null, rejection, out);
    }
    if (ctx.orders.size > 2 * ctx.live + this.sweepSlack) {
      for (const [id, node] of ctx.orders) if (!node.live) ctx.orders.delete(id);
    }
    if (this.listeners.size > 0) {
      const entry = { time: ctx.time, input };
      for (const listener of this.listeners) listener(out, entry);
    }
    return out;
  }

  snapshot(): ExchangeSnapshot {
    return {
      version: 1,
      seq: this.ctx.seq,
      selfTrade: this.selfTrade,
      autoList: this.autoList,
      books: [...this.books.values()].map((book) => ({
        asset: book.asset,
        phase: book.phase,
        lastTradePrice: book.lastTradePrice,
        bids: book.orders('buy'),
        asks: book.orders('sell'),
      })),
    };
  }

  private dispatch(action: Action, out: MarketEvent[]): void {
    switch (action.op) {
      case 'limit':
      case 'market': {
        if (this.liveOrder(action.id) !== undefined) return this.refuse(action, 'duplicateId', 'id', `order ${action.id} is already live`, out);
        const book = this.books.get(action.asset) ?? (this.autoList ? this.list(action.asset, out) : undefined);
        if (book === undefined) return this.refuse(action, 'unknownAsset', 'asset', `asset ${action.asset} is not listed`, out);
        const stp = action.stp ?? this.selfTrade;
        if (action.op === 'limit') book.limit(action, stp, out);
        else book.market(action, stp, out);
        return;
      }
      case 'cancel':
      case 'modify': {
        const node = this.liveOrder(action.id);
        if (node === undefined) return this.refuse(action, 'unknownOrder', 'id', `no live order ${action.id}`, out);
        if (action.op === 'cancel') node.book.cancel(node, out);
        else node.book.modify(node, action.price ?? node.price, action.qty ?? node.qty, out);
        return;
      }
      case 'list':
        if (this.books.has(action.asset)) return this.refuse(action, 'assetExists', 'asset', `asset ${action.asset} is already listed`, out);
        this.list(action.asset, out);
        return;
      default: {
        const book = this.books.get(action.asset);
        if (book === undefined) return this.refuse(action, 'unknownAsset', 'asset', `asset ${action.asset} is not listed`, out);
        if (action.op === 'auction') book.uncross(action.rule ?? { kind: 'maxVolume' }, out);
        else if (action.op === 'phase') book.setPhase(action.phase, out);
        else if (action.op === 'cancelAll') book.cancelAll('massCancel', action.trader, out);
        else this.delist(book, action.note ?? null, out);
      }
    }
  }

  private liveOrder(id: string): OrderNode | undefined {
    const node = this.ctx.orders.get(id);
    return node?.live === true ? node : undefined;
  }

  private list(asset: string, out: MarketEvent[]): OrderBook {
    const book = new OrderBook(asset, this.ctx);
    this.books.set(asset, book);
    out.push({ seq: ++this.ctx.seq, time: this.ctx.time, type: 'listed', asset });
    return book;
  }

  private delist(book: OrderBook, note: string | null, out: MarketEvent[]): void {
    book.cancelAll('delisted', undefined, out);
    this.books.delete(book.asset);
    out.push({ seq: ++this.ctx.seq, time: this.ctx.time, type: 'delisted', asset: book.asset, note });
  }

  private refuse(action: Action, reason: RejectReason, field: string, detail: string, out: MarketEvent[]): void {
    this.reject(action.op, 'id' in action ? action.id : null, { reason, field, detail }, out);
  }

  private reject(op: string | null, id: string | null, rejection: Rejection, out: MarketEvent[]): void {
    const { reason, field, detail } = rejection;
    out.push({ seq: ++this.ctx.seq, time: this.ctx.time, type: 'rejected', op, id, reason, field, detail });
  }
}
