import type { AuctionRule } from './types.ts';

/** Aggregated quantity at one price. Bid arrays are sorted best (highest) first, asks lowest first. */
export interface PriceQty {
  price: number;
  qty: number;
}

/**
 * The prices that maximise executed volume min(D(p), S(p)) and, among those, minimise the
 * imbalance |D(p) - S(p)|. Both criteria select a contiguous run of ticks [low, high]:
 * D is non-increasing and S non-decreasing in p.
 */
export interface ClearingInterval {
  volume: number;
  imbalance: number;
  low: number;
  high: number;
}

/**
 * What an auction executes: `volume` lots, buyers paying `price`, sellers receiving
 * `sellerPrice`; `excluded` lots per side (the k-th bid and ask lot under McAfee's reduction)
 * cross but must not trade.
 */
export interface AuctionOutcome {
  price: number;
  sellerPrice: number;
  volume: number;
  excluded: 0 | 1;
}

/** D(p): bid quantity priced at or above p. */
export function demandAt(bids: readonly PriceQty[], price: number): number {
  let total = 0;
  for (let i = 0; i < bids.length && bids[i].price >= price; i += 1) total += bids[i].qty;
  return total;
}

/** S(p): ask quantity priced at or below p. */
export function supplyAt(asks: readonly PriceQty[], price: number): number {
  let total = 0;
  for (let i = 0; i < asks.length && asks[i].price <= price; i += 1) total += asks[i].qty;
  return total;
}

/**
 * Finds the clearing interval in one ascending sweep over the distinct prices of both sides,
 * O(levels). Between two neighbouring level prices x < y, every tick strictly inside has
 * D = D(y) and S = S(x), so each gap is one more candidate run of ticks.
 * Returns null when nothing crosses (the best volume is 0).
 */
export function clearingInterval(bids: readonly PriceQty[], asks: readonly PriceQty[]): ClearingInterval | null {
  let demand = 0;
  for (const level of bids) demand += level.qty;
  let supply = 0;
  let bid = bids.length - 1; // bids are walked from the lowest price up
  let ask = 0;
  let best: ClearingInterval | null = null;

  const consider = (low: number, high: number, d: number, s: number): void => {
    const volume = Math.min(d, s);
    if (volume === 0) return;
    const imbalance = Math.abs(d - s);
    if (best === null || volume > best.volume || (volume === best.volume && imbalance < best.imbalance)) {
      best = { volume, imbalance, low, high };
    } else if (volume === best.volume && imbalance === best.imbalance) {
      best.high = high; // candidates arrive in ascending order and the optimum is contiguous
    }
  };

  while (bid >= 0 || ask < asks.length) {
    const bidPrice = bid >= 0 ? bids[bid].price : Number.POSITIVE_INFINITY;
    const askPrice = ask < asks.length ? asks[ask].price : Number.POSITIVE_INFINITY;
    const price = Math.min(bidPrice, askPrice);
    if (askPrice === price) supply += asks[ask++].qty;
    consider(price, price, demand, supply);
    if (bidPrice === price) demand -= bids[bid--].qty;
    const nextBid = bid >= 0 ? bids[bid].price : Number.POSITIVE_INFINITY;
    const nextAsk = ask < asks.length ? asks[ask].price : Number.POSITIVE_INFINITY;
    const next = Math.min(nextBid, nextAsk);
    if (next !== Number.POSITIVE_INFINITY && next - price >= 2) consider(price + 1, next - 1, demand, supply);
  }
  return best;
}

/**
 * The uniform price chosen inside the clearing interval: nearest the reference (default: the
 * middle of the interval, rounded down), or the k-double-auction interpolation.
 */
export function uniformPrice(interval: ClearingInterval, rule: AuctionRule, reference: number | null): number {
  const { low, high } = interval;
  if (rule.kind === 'kDouble') return low + Math.round(rule.k * (high - low));
  const target = reference ?? Math.floor((low + high) / 2);
  return Math.min(high, Math.max(low, target));
}

/** Unit-level view of one side: the price of the n-th best lot (1-based), or null past the end. */
function lotPrice(levels: readonly PriceQty[], n: number): number | null {
  let seen = 0;
  for (const level of levels) {
    seen += level.qty;
    if (seen >= n) return level.price;
  }
  return null;
}

/**
 * McAfee's (1992) trade reduction over lots. With bids b1 >= b2 >= ... and asks s1 <= s2 <= ...
 * per lot, k is the largest index with b_k >= s_k. If p0 = (b_{k+1} + s_{k+1}) / 2 exists and
 * lies in [s_k, b_k], all k lots trade at p0; otherwise k - 1 lots trade, buyers paying b_k and
 * sellers receiving s_k (the difference goes to the exchange). Prices stay in ticks: when p0 is
 * a half tick, buyers pay ceil(p0) and sellers receive floor(p0). Both stay inside [s_k, b_k]
 * because those are whole ticks, and neither depends on the trading lots' own prices.
 * Returns null when no bid crosses an ask.
 */
export function mcAfee(bids: readonly PriceQty[], asks: readonly PriceQty[]): AuctionOutcome | null {
  // k by a two-pointer walk over levels: b_n >= s_n holds for a prefix of n.
  let k = 0;
  let bid = 0;
  let ask = 0;
  let bidEnd = bids.length > 0 ? bids[0].qty : 0;
  let askEnd = asks.length > 0 ? asks[0].qty : 0;
  while (bid < bids.length && ask < asks.length && bids[bid].price >= asks[ask].price) {
    k = Math.min(bidEnd, askEnd);
    if (bidEnd === k && ++bid < bids.length) bidEnd += bids[bid].qty;
    if (askEnd === k && ++ask < asks.length) askEnd += asks[ask].qty;
  }
  if (k === 0) return null;
  const bk = lotPrice(bids, k) as number;
  const sk = lotPrice(asks, k) as number;
  const nextBid = lotPrice(bids, k + 1);
  const nextAsk = lotPrice(asks, k + 1);
  if (nextBid !== null && nextAsk !== null) {
    const twiceP0 = nextBid + nextAsk;
    if (2 * sk <= twiceP0 && twiceP0 <= 2 * bk) {
      return { price: Math.ceil(twiceP0 / 2), sellerPrice: Math.floor(twiceP0 / 2), volume: k, excluded: 0 };
    }
  }
  return { price: bk, sellerPrice: sk, volume: k - 1, excluded: 1 };
}

/** What a call auction under `rule` executes on these levels; null when nothing trades. */
export function auctionOutcome(
  bids: readonly PriceQty[],
  asks: readonly PriceQty[],
  rule: AuctionRule,
  lastTradePrice: number | null,
): AuctionOutcome | null {
  if (rule.kind === 'mcafee') return mcAfee(bids, asks);
  const interval = clearingInterval(bids, asks);
  if (interval === null) return null;
  const reference = rule.kind === 'maxVolume' ? (rule.reference ?? lastTradePrice) : null;
  const price = uniformPrice(interval, rule, reference);
  return { price, sellerPrice: price, volume: interval.volume, excluded: 0 };
}
