/** Market-experiment metrics (Smith 1962; Gode & Sunder 1993) and book statistics. */
import type { OrderBook } from './orderBook.ts';

/** Competitive equilibrium of unit values (highest first) and unit costs (lowest first). */
export interface CompetitiveEquilibrium {
  /** q0: lots that trade in equilibrium, the largest k with value_k >= cost_k. */
  quantity: number;
  /** Every price in [priceLow, priceHigh] clears the market. */
  priceLow: number;
  priceHigh: number;
  /** p0: the middle of the clearing interval. */
  price: number;
  /** The largest total surplus any allocation achieves: sum of value_k - cost_k over k <= q0. */
  maxSurplus: number;
}

/** Null when not even the best buyer values a lot at its cheapest cost. */
export function competitiveEquilibrium(values: readonly number[], costs: readonly number[]): CompetitiveEquilibrium | null {
  let quantity = 0;
  let maxSurplus = 0;
  while (quantity < values.length && quantity < costs.length && values[quantity] >= costs[quantity]) {
    maxSurplus += values[quantity] - costs[quantity];
    quantity += 1;
  }
  if (quantity === 0) return null;
  // The marginal traders bound the price from inside, the first excluded ones from outside.
  const priceLow = Math.max(costs[quantity - 1], values[quantity] ?? Number.NEGATIVE_INFINITY);
  const priceHigh = Math.min(values[quantity - 1], costs[quantity] ?? Number.POSITIVE_INFINITY);
  return { quantity, priceLow, priceHigh, price: (priceLow + priceHigh) / 2, maxSurplus };
}

/** Realised surplus over the largest achievable, in [0, 1] for voluntary trades; null if nothing could be gained. */
export function allocativeEfficiency(realisedSurplus: number, maxSurplus: number): number | null {
  return maxSurplus > 0 ? realisedSurplus / maxSurplus : null;
}

/** Smith's alpha: 100 sqrt(mean (p_t - p*)^2) / p*, the root-mean-square deviation in percent. Null without trades. */
export function smithsAlpha(prices: readonly number[], equilibriumPrice: number): number | null {
  if (prices.length === 0) return null;
  const meanSquare = prices.reduce((sum, p) => sum + (p - equilibriumPrice) ** 2, 0) / prices.length;
  return (100 * Math.sqrt(meanSquare)) / equilibriumPrice;
}

/** Traded volume relative to the equilibrium quantity q*. */
export function volumeRatio(volume: number, equilibriumQuantity: number): number | null {
  return equilibriumQuantity > 0 ? volume / equilibriumQuantity : null;
}

/**
 * Order imbalance over the best `levels` price levels of each side:
 * (bid lots - ask lots) / (bid lots + ask lots), in [-1, 1]; 0 for an empty book.
 */
export function orderImbalance(book: OrderBook, levels = 5): number {
  const lots = (side: 'buy' | 'sell') => book.depth(side, levels).reduce((sum, level) => sum + level.qty, 0);
  const bids = lots('buy');
  const asks = lots('sell');
  return bids + asks === 0 ? 0 : (bids - asks) / (bids + asks);
}
