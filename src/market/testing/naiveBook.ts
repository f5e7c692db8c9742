/**
 * A deliberately simple reference engine for tests: all resting orders in one plain array,
 * sorted afresh whenever priority matters, auctions by trying every tick. It implements the
 * same rules as Exchange (see types.ts and orderBook.ts) without any of its data structures,
 * so the two can be run side by side on random action streams and must emit identical events.
 * Only the static input checks (validation.ts) are shared.
 */
import type {
  Action,
  AuctionRule,
  CancelReason,
  Input,
  MarketEvent,
  Phase,
  RejectReason,
  SelfTradeMode,
  Side,
  TradeEvent,
} from '../types.ts';
import type { AuctionOutcome } from '../callAuction.ts';
import { staticRejection } from '../validation.ts';

interface NaiveOrder {
  id: string;
  trader: string;
  asset: string;
  side: Side;
  isMarket: boolean;
  price: number;
  qty: number;
  postOnly: boolean;
  stp: SelfTradeMode;
  rank: number;
}

interface NaiveAsset {
  name: string;
  phase: Phase;
  lastTradePrice: number | null;
  bbo: [number | null, number, number | null, number];
}

export class NaiveExchange {
  seq = 0;
  time = 0;
  resting: NaiveOrder[] = [];
  assets: NaiveAsset[] = [];
  private out: MarketEvent[] = [];

  constructor(
    private readonly selfTrade: SelfTradeMode,
    private readonly autoList: boolean,
    listed: readonly string[] = [],
  ) {
    for (const name of listed) this.assets.push({ name, phase: 'continuous', lastTradePrice: null, bbo: [null, 0, null, 0] });
  }

  apply(input: Input, time: number): MarketEvent[] {
    this.time = time;
    this.out = [];
    if (input.op === 'invalid') {
      this.reject(input.originalOp, input.id, 'invalidMessage', input.field);
    } else {
      const rejection = staticRejection(input);
      if (rejection === null) this.dispatch(input);
      else this.reject(input.op, 'id' in input ? input.id : null, rejection.reason, rejection.field);
    }
    return this.out;
  }

  /** Resting orders of one asset and side in priority order. */
  sorted(asset: string, side: Side): NaiveOrder[] {
    return this.resting
      .filter((o) => o.asset === asset && o.side === side)
      .sort((a, b) => (a.price === b.price ? a.rank - b.rank : side === 'buy' ? b.price - a.price : a.price - b.price));
  }

  private dispatch(action: Action): void {
    if (action.op === 'limit' || action.op === 'market') {
      if (this.resting.some((o) => o.id === action.id)) return this.reject(action.op, action.id, 'duplicateId', 'id');
      let asset = this.asset(action.asset);
      if (asset === undefined && this.autoList) asset = this.list(action.asset);
      if (asset === undefined) return this.reject(action.op, action.id, 'unknownAsset', 'asset');
      this.order(action, asset);
      return this.publish(asset);
    }
    if (action.op === 'cancel' || action.op === 'modify') {
      const order = this.resting.find((o) => o.id === action.id);
      if (order === undefined) return this.reject(action.op, action.id, 'unknownOrder', 'id');
      const asset = this.asset(order.asset) as NaiveAsset;
      if (action.op === 'cancel') this.cancelResting(order, 'user');
      else this.modify(order, asset, action.price ?? order.price, action.qty ?? order.qty);
      return this.publish(asset);
    }
    if (action.op === 'list') {
      if (this.asset(action.asset) !== undefined) return this.reject('list', null, 'assetExists', 'asset');
      this.list(action.asset);
      return;
    }
    const asset = this.asset(action.asset);
    if (asset === undefined) return this.reject(action.op, null, 'unknownAsset', 'asset');
    if (action.op === 'phase' && !(action.phase === 'continuous' && asset.phase === 'call')) {
      asset.phase = action.phase;
      this.push({ type: 'phase', asset: asset.name, phase: action.phase });
      return;
    }
    if (action.op === 'auction' || action.op === 'phase') {
      this.auction(asset, action.op === 'auction' ? (action.rule ?? { kind: 'maxVolume' }) : { kind: 'maxVolume' });
      if (asset.phase === 'call') {
        asset.phase = 'continuous';
        this.push({ type: 'phase', asset: asset.name, phase: 'continuous' });
      }
      return this.publish(asset);
    }
    const all = [...this.sorted(asset.name, 'buy'), ...this.sorted(asset.name, 'sell')];
    const trader = action.op === 'cancelAll' ? action.trader : undefined;
    for (const order of all) {
      if (trader === undefined || order.trader === trader) {
        this.cancelResting(order, action.op === 'delist' ? 'delisted' : 'massCancel');
      }
    }
    this.publish(asset);
    if (action.op === 'delist') {
      this.assets = this.assets.filter((a) => a !== asset);
      this.push({ type: 'delisted', asset: asset.name, note: action.note ?? null });
    }
  }

  private order(action: Extract<Action, { op: 'limit' | 'market' }>, asset: NaiveAsset): void {
    const isMarket = action.op === 'market';
    const tif = action.op === 'limit' ? (action.tif ?? 'GTC') : 'IOC';
    const postOnly = action.op === 'limit' && action.postOnly === true;
    const price = action.op === 'limit' ? action.price : action.side === 'buy' ? Infinity : -Infinity;
    const continuous = asset.phase === 'continuous';
    if ((isMarket || tif !== 'GTC') && !continuous) {
      return this.reject(action.op, action.id, 'callPhase', isMarket ? null : 'tif');
    }
    if (postOnly && continuous && this.crossing(asset.name, action.side, price).length > 0) {
      return this.reject(action.op, action.id, 'postOnlyWouldCross', 'price');
    }
    this.seq += 1;
    const order: NaiveOrder = {
      id: action.id,
      trader: action.trader,
      asset: asset.name,
      side: action.side,
      isMarket,
      price,
      qty: action.qty,
      postOnly,
      stp: action.stp ?? this.selfTrade,
      rank: this.seq,
    };
    this.out.push({
      seq: this.seq,
      time: this.time,
      type: 'accepted',
      id: order.id,
      asset: asset.name,
      trader: order.trader,
      side: order.side,
      orderType: isMarket ? 'market' : 'limit',
      price: isMarket ? null : price,
      qty: order.qty,
      tif,
      postOnly,
    });
    if (continuous) {
      if (tif === 'FOK' && !this.fillable(order)) this.cancelIncoming(order, 'fokUnfilled');
      else this.match(order, asset);
    }
    if (order.qty > 0) {
      if (tif === 'GTC') this.resting.push(order);
      else this.cancelIncoming(order, isMarket ? 'marketRemainder' : 'iocRemainder');
    }
  }

  private modify(order: NaiveOrder, asset: NaiveAsset, price: number, qty: number): void {
    const oldPrice = order.price;
    const oldQty = order.qty;
    if (price === oldPrice && qty <= oldQty) {
      order.qty = qty;
      this.push({ ...this.modified(order, oldPrice, oldQty), keepsPriority: true });
      return;
    }
    const repriced = price !== oldPrice && asset.phase === 'continuous';
    if (order.postOnly && repriced && this.crossing(asset.name, order.side, price).length > 0) {
      return this.reject('modify', order.id, 'postOnlyWouldCross', 'price');
    }
    this.resting = this.resting.filter((o) => o !== order);
    order.price = price;
    order.qty = qty;
    this.seq += 1;
    order.rank = this.seq;
    this.out.push({ seq: this.seq, time: this.time, ...this.modified(order, oldPrice, oldQty), keepsPriority: false });
    if (repriced) this.match(order, asset);
    if (order.qty > 0) this.resting.push(order);
  }

  private modified(order: NaiveOrder, oldPrice: number, oldQty: number) {
    const { id, asset, trader, side, price, qty } = order;
    return { type: 'modified' as const, id, asset, trader, side, price, qty, oldPrice, oldQty };
  }

  /** Opposite resting orders the incoming order may trade with, in priority order. */
  private crossing(asset: string, side: Side, price: number): NaiveOrder[] {
    const opposite = side === 'buy' ? 'sell' : 'buy';
    return this.sorted(asset, opposite).filter((o) => (side === 'buy' ? o.price <= price : o.price >= price));
  }

  private fillable(order: NaiveOrder): boolean {
    let available = 0;
    for (const maker of this.crossing(order.asset, order.side, order.price)) {
      if (maker.trader === order.trader) {
        if (order.stp === 'cancelOldest') continue;
        return false;
      }
      available += maker.qty;
      if (available >= order.qty) return true;
    }
    return false;
  }

  private match(taker: NaiveOrder, asset: NaiveAsset): void {
    while (taker.qty > 0) {
      const maker = this.crossing(asset.name, taker.side, taker.price)[0];
      if (maker === undefined) return;
      if (maker.trader === taker.trader) {
        const mode = taker.stp;
        if (mode === 'cancelOldest' || mode === 'cancelBoth') this.cancelResting(maker, 'selfTrade');
        if (mode === 'cancelNewest' || mode === 'cancelBoth') this.cancelIncoming(taker, 'selfTrade');
        if (mode === 'decrement') {
          const qty = Math.min(taker.qty, maker.qty);
          this.shrink(maker, qty, 'selfTrade');
          this.push(this.cancelled(taker, qty, taker.qty - qty, 'selfTrade'));
          taker.qty -= qty;
        }
        continue;
      }
      const qty = Math.min(taker.qty, maker.qty);
      const buying = taker.side === 'buy';
      this.trade(asset, maker.price, maker.price, qty, maker, taker, buying ? taker : maker, buying ? maker : taker);
      taker.qty -= qty;
      this.take(maker, qty);
    }
  }

  /** Brute force: every tick from the lowest to the highest resting price is a candidate. */
  private auction(asset: NaiveAsset, rule: AuctionRule): void {
    const bids = this.sorted(asset.name, 'buy');
    const asks = this.sorted(asset.name, 'sell');
    const demand = (p: number) => bids.filter((o) => o.price >= p).reduce((sum, o) => sum + o.qty, 0);
    const supply = (p: number) => asks.filter((o) => o.price <= p).reduce((sum, o) => sum + o.qty, 0);
    let outcome: AuctionOutcome | null = null;
    if (rule.kind === 'mcafee') {
      outcome = naiveMcAfee(
        bids.flatMap((o) => Array<number>(o.qty).fill(o.price)),
        asks.flatMap((o) => Array<number>(o.qty).fill(o.price)),
      );
    } else {
      const prices = [...bids, ...asks].map((o) => o.price);
      const score = (p: number) => [Math.min(demand(p), supply(p)), -Math.abs(demand(p) - supply(p))];
      let best: number[] = [];
      let bestScore = [0, 0];
      for (let p = Math.min(...prices); p <= Math.max(...prices); p += 1) {
        const [volume, balance] = score(p);
        if (volume === 0) continue;
        if (best.length === 0 || volume > bestScore[0] || (volume === bestScore[0] && balance > bestScore[1])) {
          best = [p];
          bestScore = [volume, balance];
        } else if (volume === bestScore[0] && balance === bestScore[1]) {
          best.push(p);
        }
      }
      if (best.length > 0) {
        const low = best[0];
        const high = best[best.length - 1];
        let price: number;
        if (rule.kind === 'kDouble') {
          price = low + Math.round(rule.k * (high - low));
        } else {
          const reference = rule.reference ?? asset.lastTradePrice ?? Math.floor((low + high) / 2);
          price = best.reduce((a, b) => (Math.abs(b - reference) < Math.abs(a - reference) ? b : a));
        }
        outcome = { price, sellerPrice: price, volume: bestScore[0], excluded: 0 };
      }
    }
    this.push({
      type: 'auction',
      asset: asset.name,
      rule: rule.kind,
      price: outcome?.price ?? null,
      sellerPrice: outcome?.sellerPrice ?? null,
      volume: outcome?.volume ?? 0,
      demand: outcome === null ? 0 : demand(outcome.price),
      supply: outcome === null ? 0 : supply(outcome.sellerPrice),
    });
    for (let left = outcome?.volume ?? 0; left > 0; ) {
      const bid = this.sorted(asset.name, 'buy')[0];
      const ask = this.sorted(asset.name, 'sell')[0];
      const qty = Math.min(left, bid.qty, ask.qty);
      if (bid.trader === ask.trader) {
        this.shrink(bid, qty, 'selfTrade');
        this.shrink(ask, qty, 'selfTrade');
      } else {
        const [maker, taker] = bid.rank < ask.rank ? [bid, ask] : [ask, bid];
        const { price, sellerPrice } = outcome as { price: number; sellerPrice: number };
        this.trade(asset, price, sellerPrice, qty, maker, taker, bid, ask);
        this.take(bid, qty);
        this.take(ask, qty);
      }
      left -= qty;
    }
    if (outcome !== null && outcome.excluded > 0) {
      this.shrink(this.sorted(asset.name, 'buy')[0], outcome.excluded, 'tradeReduction');
      this.shrink(this.sorted(asset.name, 'sell')[0], outcome.excluded, 'tradeReduction');
    }
  }

  private trade(
    asset: NaiveAsset,
    price: number,
    sellerPrice: number,
    qty: number,
    maker: NaiveOrder,
    taker: NaiveOrder,
    buyer: NaiveOrder,
    seller: NaiveOrder,
  ): void {
    const event: Omit<TradeEvent, 'seq' | 'time'> = {
      type: 'trade',
      asset: asset.name,
      price,
      qty,
      makerId: maker.id,
      takerId: taker.id,
      buyer: buyer.trader,
      seller: seller.trader,
      takerSide: taker.side,
    };
    if (sellerPrice !== price) event.sellerPrice = sellerPrice;
    this.push(event);
    asset.lastTradePrice = price;
  }

  /** Fills `qty` of a resting order, removing it when nothing is left. */
  private take(order: NaiveOrder, qty: number): void {
    order.qty -= qty;
    if (order.qty === 0) this.resting = this.resting.filter((o) => o !== order);
  }

  private shrink(order: NaiveOrder, qty: number, reason: CancelReason): void {
    this.push(this.cancelled(order, qty, order.qty - qty, reason));
    this.take(order, qty);
  }

  private cancelResting(order: NaiveOrder, reason: CancelReason): void {
    this.shrink(order, order.qty, reason);
  }

  private cancelIncoming(order: NaiveOrder, reason: CancelReason): void {
    this.push(this.cancelled(order, order.qty, 0, reason));
    order.qty = 0;
  }

  private cancelled(order: NaiveOrder, qty: number, remaining: number, reason: CancelReason) {
    const { id, asset, trader, side } = order;
    return { type: 'cancelled' as const, id, asset, trader, side, price: order.isMarket ? null : order.price, qty, remaining, reason };
  }

  private publish(asset: NaiveAsset): void {
    const top = (side: Side): [number | null, number] => {
      const orders = this.sorted(asset.name, side);
      if (orders.length === 0) return [null, 0];
      const price = orders[0].price;
      return [price, orders.filter((o) => o.price === price).reduce((sum, o) => sum + o.qty, 0)];
    };
    const bbo: NaiveAsset['bbo'] = [...top('buy'), ...top('sell')];
    if (bbo.every((value, i) => value === asset.bbo[i])) return;
    asset.bbo = bbo;
    const [bidPrice, bidQty, askPrice, askQty] = bbo;
    this.push({ type: 'bbo', asset: asset.name, bidPrice, bidQty, askPrice, askQty });
  }

  private asset(name: string): NaiveAsset | undefined {
    return this.assets.find((a) => a.name === name);
  }

  private list(name: string): NaiveAsset {
    this.assets.push({ name, phase: 'continuous', lastTradePrice: null, bbo: [null, 0, null, 0] });
    this.push({ type: 'listed', asset: name });
    return this.assets[this.assets.length - 1];
  }

  private reject(op: string | null, id: string | null, reason: RejectReason, field: string | null): void {
    this.push({ type: 'rejected', op, id, reason, field, detail: '' });
  }

  private push(event: DistributiveOmit<MarketEvent, 'seq' | 'time'>): void {
    this.seq += 1;
    this.out.push({ seq: this.seq, time: this.time, ...event } as MarketEvent);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** McAfee's trade reduction straight from its definition, on per-lot bid and ask prices. */
export function naiveMcAfee(bidLots: number[], askLots: number[]): AuctionOutcome | null {
  const b = [...bidLots].sort((x, y) => y - x);
  const s = [...askLots].sort((x, y) => x - y);
  let k = 0;
  while (k < b.length && k < s.length && b[k] >= s[k]) k += 1;
  if (k === 0) return null;
  if (k < b.length && k < s.length) {
    const p0 = (b[k] + s[k]) / 2;
    if (s[k - 1] <= p0 && p0 <= b[k - 1]) return { price: Math.ceil(p0), sellerPrice: Math.floor(p0), volume: k, excluded: 0 };
  }
  return { price: b[k - 1], sellerPrice: s[k - 1], volume: k - 1, excluded: 1 };
}
