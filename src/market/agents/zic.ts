import type { Rng } from '../rng.ts';
import type { Side } from '../types.ts';
import { type Agent, type QuoteBounds, withinBudget } from './agent.ts';

/**
 * Zero-intelligence constrained trader (Gode & Sunder 1993): quotes uniformly at random
 * between the price floor and its value (buyer) or between its cost and the ceiling (seller),
 * so it never trades at a loss, and learns nothing.
 */
export class ZicAgent implements Agent {
  readonly strategy = 'zic';
  limit: number | null = null;

  constructor(
    readonly name: string,
    readonly side: Side,
  ) {}

  quote(rng: Rng, bounds: QuoteBounds): number {
    const limit = this.limit as number;
    const price =
      this.side === 'buy'
        ? rng.int(bounds.floor, Math.max(bounds.floor, limit))
        : rng.int(Math.min(limit, bounds.ceiling), bounds.ceiling);
    return withinBudget(this.side, price, limit, bounds);
  }

  observe(): void {}
}
