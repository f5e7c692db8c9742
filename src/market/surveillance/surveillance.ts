import type { Exchange } from '../exchange.ts';
import type { JournalEntry } from '../journal.ts';
import type { AcceptedEvent, CancelledEvent, MarketEvent, ModifiedEvent, TradeEvent } from '../types.ts';
import type { Alert } from './alerts.ts';
import { DEFAULT_SURVEILLANCE_CONFIG, type SurveillanceConfig, type SurveillanceConfigPatch, patchConfig } from './config.ts';
import { LayeringMonitor } from './layering.ts';
import { type OwnFill, type TrackedOrder, joinKey, opposite, pulledOrder, tradeEvidence } from './orders.ts';
import { RollingMedian } from './rollingMedian.ts';
import { spoofingAlert } from './spoofing.ts';
import { WashTradeMonitor } from './washTrading.ts';

export type AlertListener = (alerts: readonly Alert[]) => void;

interface Touch {
  price: number | null;
  qty: number;
}

/** What surveillance knows of an asset's book: the touch on each side and recent order sizes. */
interface AssetWatch {
  bid: Touch;
  ask: Touch;
  sizes: RollingMedian;
}

/** An owner's live orders in one asset and its trades since the oldest of them was placed. */
interface OwnerBook {
  orders: Set<TrackedOrder>;
  fills: OwnFill[];
}

/** Omit distributed over a union's members, so that the result is still a discriminated union. */
type WithoutId<A> = A extends unknown ? Omit<A, 'id'> : never;
/** An alert before it is numbered. */
type AlertBody = WithoutId<Alert>;

/**
 * Live market surveillance fed with an exchange's events: spoofing, layering and wash trading
 * (see spoofing.ts, layering.ts and washTrading.ts for the rules, config.ts for thresholds and
 * their defaults). Pass each applied input's events and journal entry to `observe`, or call
 * `attach(exchange)`; alerts come back from `observe`, go to subscribers and stay in
 * `alerts()`. It only knows what it has seen: orders placed before it started are ignored;
 * `attach` reads the books' touches as they are, and through `observe` alone a book's touch
 * is known from its first `bbo` event on. Replaying a journal through an exchange and
 * feeding the events here gives the same alerts as live.
 */
export class Surveillance {
  private cfg = DEFAULT_SURVEILLANCE_CONFIG;
  private owners = new Map<string, string>();
  private readonly raised: Alert[] = [];
  private readonly listeners = new Set<AlertListener>();
  private readonly assets = new Map<string, AssetWatch>();
  private readonly orders = new Map<string, TrackedOrder>();
  private readonly ownerBooks = new Map<string, OwnerBook>();
  private readonly layering = new LayeringMonitor();
  private readonly washTrading = new WashTradeMonitor();
  private observed = 0;

  constructor(config: SurveillanceConfigPatch = {}) {
    this.configure(config);
  }

  get config(): SurveillanceConfig {
    return this.cfg;
  }

  /** Inputs observed so far. */
  get actions(): number {
    return this.observed;
  }

  /** Every alert raised so far, oldest first. */
  alerts(): readonly Alert[] {
    return this.raised;
  }

  /** Changes thresholds (throws a RangeError for an invalid one); they apply to every later check. */
  configure(patch: SurveillanceConfigPatch): void {
    this.cfg = patchConfig(this.cfg, patch);
    this.owners = new Map(Object.entries(this.cfg.owners));
    for (const asset of this.assets.values()) asset.sizes.resize(this.cfg.typicalWindow);
  }

  subscribe(listener: AlertListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Observes every input applied to `exchange` from now on, starting from the touches of its
   * books as they are now; returns a function that stops.
   */
  attach(exchange: Exchange): () => void {
    for (const name of exchange.assets()) {
      const book = exchange.book(name);
      const asset = this.asset(name);
      asset.bid = { price: null, qty: 0, ...book?.bestBid() };
      asset.ask = { price: null, qty: 0, ...book?.bestAsk() };
    }
    return exchange.subscribe((events, entry) => this.observe(events, entry));
  }

  /** Takes in the events of one applied input; returns the alerts they completed. */
  observe(events: readonly MarketEvent[], entry: JournalEntry): Alert[] {
    this.observed += 1;
    const bodies: AlertBody[] = [...this.layering.expire(entry.time, this.cfg.layering)];
    this.washTrading.expire(entry.time, this.cfg.washTrading);
    for (const event of events) {
      switch (event.type) {
        case 'accepted':
          this.onAccepted(event);
          break;
        case 'modified':
          this.onModified(event);
          break;
        case 'trade':
          this.onTrade(event, bodies);
          break;
        case 'cancelled':
          this.onCancelled(event, bodies);
          break;
        case 'bbo': {
          const asset = this.asset(event.asset);
          asset.bid = { price: event.bidPrice, qty: event.bidQty };
          asset.ask = { price: event.askPrice, qty: event.askQty };
          break;
        }
        case 'delisted':
          this.assets.delete(event.asset);
          break;
      }
    }
    bodies.push(...this.layering.settle((id) => this.orders.has(id), this.cfg.layering));
    return this.raise(bodies);
  }

  /** Closes the layering watches still waiting for pulls (at the end of a session or replay). */
  flush(): Alert[] {
    return this.raise(this.layering.flush(this.cfg.layering));
  }

  private raise(bodies: readonly AlertBody[]): Alert[] {
    if (bodies.length === 0) return [];
    const alerts = bodies.map((body, i): Alert => ({ id: `${body.kind}-${this.raised.length + i + 1}`, ...body }));
    this.raised.push(...alerts);
    for (const listener of this.listeners) listener(alerts);
    return alerts;
  }

  private onAccepted(event: AcceptedEvent): void {
    const owner = this.ownerOf(event.trader);
    const { id, trader, asset, side } = event;
    const order: TrackedOrder = { id, trader, owner, asset, side, ...this.placedAs(event, 0) };
    this.asset(asset).sizes.push(event.qty);
    this.orders.set(id, order);
    this.ownerBook(owner, asset).orders.add(order);
  }

  private onModified(event: ModifiedEvent): void {
    const order = this.orders.get(event.id);
    if (order === undefined) return;
    // The touch was read before the change: the order's own old quantity there is not depth.
    const touch = event.side === 'buy' ? this.asset(event.asset).bid : this.asset(event.asset).ask;
    Object.assign(order, this.placedAs(event, touch.price === event.oldPrice ? event.oldQty : 0));
  }

  private onTrade(event: TradeEvent, bodies: AlertBody[]): void {
    const trade = tradeEvidence(event);
    for (const id of [event.makerId, event.takerId]) {
      const order = this.orders.get(id);
      if (order === undefined) continue;
      order.filledQty += event.qty;
      order.qty -= event.qty;
      if (order.qty <= 0) this.forget(order);
    }
    const buyerOwner = this.ownerOf(event.buyer);
    const sellerOwner = this.ownerOf(event.seller);
    const wash = this.washTrading.onTrade(event.asset, trade, buyerOwner, sellerOwner);
    if (wash !== null) bodies.push(wash);
    for (const [owner, side] of [
      [buyerOwner, 'buy'],
      [sellerOwner, 'sell'],
    ] as const) {
      const book = this.ownerBooks.get(joinKey(owner, event.asset));
      if (book === undefined) continue; // no live order that this fill could concern
      book.fills.push({ side, trade });
      const oldest = Math.min(...[...book.orders].map((order) => order.placedSeq));
      book.fills = book.fills.filter((fill) => fill.trade.seq > oldest);
      const resting = [...book.orders].filter((order) => order.side !== side && order.price !== null);
      this.layering.onFill(owner, event.asset, opposite(side), resting, trade, this.cfg.layering);
    }
  }

  private onCancelled(event: CancelledEvent, bodies: AlertBody[]): void {
    const order = this.orders.get(event.id);
    if (order === undefined) return;
    const { price } = order;
    if ((event.reason === 'user' || event.reason === 'massCancel') && price !== null) {
      const pulled = pulledOrder({ ...order, price }, event);
      const fills = this.ownerBooks.get(joinKey(order.owner, order.asset))?.fills ?? [];
      const spoof = spoofingAlert(order, pulled, fills, this.cfg.spoofing);
      if (spoof !== null) bodies.push(spoof);
      this.layering.onPull(order, pulled, this.cfg.layering);
    }
    order.qty = event.remaining;
    if (order.qty <= 0) this.forget(order);
  }

  /**
   * An order's state as it takes a new price and size: its open quantity, and the distance
   * from and depth at the same-side touch (less `ownAtTouch`, its own lots there) and the
   * typical order size, all as they were before it.
   */
  private placedAs(event: AcceptedEvent | ModifiedEvent, ownAtTouch: number) {
    const { side, price, qty } = event;
    const asset = this.asset(event.asset);
    const touch = side === 'buy' ? asset.bid : asset.ask;
    const behind = price === null || touch.price === null ? 0 : side === 'buy' ? touch.price - price : price - touch.price;
    return {
      price,
      qty,
      placedQty: qty,
      placedSeq: event.seq,
      placedTime: event.time,
      filledQty: 0,
      ticksFromTouch: Math.max(0, behind),
      touchDepth: Math.max(0, touch.qty - ownAtTouch),
      typicalQty: asset.sizes.median(),
    };
  }

  private forget(order: TrackedOrder): void {
    this.orders.delete(order.id);
    const key = joinKey(order.owner, order.asset);
    const book = this.ownerBooks.get(key);
    book?.orders.delete(order);
    if (book?.orders.size === 0) this.ownerBooks.delete(key);
  }

  private asset(name: string): AssetWatch {
    let asset = this.assets.get(name);
    if (asset === undefined) {
      asset = { bid: { price: null, qty: 0 }, ask: { price: null, qty: 0 }, sizes: new RollingMedian(this.cfg.typicalWindow) };
      this.assets.set(name, asset);
    }
    return asset;
  }

  private ownerBook(owner: string, asset: string): OwnerBook {
    const key = joinKey(owner, asset);
    let book = this.ownerBooks.get(key);
    if (book === undefined) {
      book = { orders: new Set(), fills: [] };
      this.ownerBooks.set(key, book);
    }
    return book;
  }

  private ownerOf(trader: string): string {
    return this.owners.get(trader) ?? trader;
  }
}
