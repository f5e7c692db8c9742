import type { Rng } from '../rng.ts';
import type { Side } from '../types.ts';

/**
 * A public market event as the trading agents see it (Cliff 1997): a bid or an offer at a
 * price, and whether it was accepted, i.e. traded (then `price` is the trade price).
 */
export interface Shout {
  side: Side;
  price: number;
  accepted: boolean;
}

/** Prices an agent may quote: whole ticks in [floor, ceiling]. */
export interface QuoteBounds {
  floor: number;
  ceiling: number;
}

/**
 * A trader holding one lot per period with an induced value (buyer) or cost (seller): it
 * quotes for that lot, never beyond its limit price, and may learn from shouts.
 */
export interface Agent {
  readonly name: string;
  readonly side: Side;
  readonly strategy: 'zic' | 'zip';
  /** The lot's value or cost; null once the lot has traded (or when the agent has none). */
  limit: number | null;
  /** Whole-tick price for the lot; only called while `limit` is set. */
  quote(rng: Rng, bounds: QuoteBounds): number;
  /** Learns from a shout; `rng` draws the learning noise. */
  observe(shout: Shout, rng: Rng): void;
}

/**
 * Clamps a quote into the bounds, then into the budget constraint, which wins: an agent never
 * quotes a price at which a trade would lose money, even if that lies outside the bounds.
 */
export function withinBudget(side: Side, price: number, limit: number, bounds: QuoteBounds): number {
  const bounded = Math.min(bounds.ceiling, Math.max(bounds.floor, price));
  return side === 'buy' ? Math.min(bounded, limit) : Math.max(bounded, limit);
}
