import type { Rng } from '../rng.ts';
import type { Side } from '../types.ts';
import { type Agent, type QuoteBounds, type Shout, withinBudget } from './agent.ts';

/**
 * Zero-intelligence-plus trader (Cliff 1997). It quotes limit x (1 + margin), the margin being
 * >= 0 for sellers and in [-1, 0] for buyers, and after every shout moves its price towards a
 * target near the shout's price with a Widrow-Hoff rule with momentum:
 *   delta = beta (target - price);  step = gamma step + (1 - gamma) delta;
 *   margin = (price + step) / limit - 1.
 * Sellers raise their margin (price) when a trade happens at or above their price, and lower
 * it, while still holding its lot, when a bid trades below them or an offer at or below their
 * price goes untaken. Buyers mirror this. Targets: R q + A, with R in [1, 1.05] and A in
 * [0, 0.05] ticks to push a price up, R in [0.95, 1] and A in [-0.05, 0] to push it down.
 * Learning rate beta in [0.1, 0.5], momentum gamma in [0, 0.1] and the initial margin
 * magnitude in [0.05, 0.35] are drawn per agent, as in the paper.
 */
export class ZipAgent implements Agent {
  readonly strategy = 'zip';
  limit: number | null = null;
  private margin: number;
  private momentumStep = 0;
  private readonly beta: number;
  private readonly gamma: number;

  constructor(
    readonly name: string,
    readonly side: Side,
    rng: Rng,
  ) {
    this.beta = rng.uniform(0.1, 0.5);
    this.gamma = rng.uniform(0, 0.1);
    const initial = rng.uniform(0.05, 0.35);
    this.margin = side === 'sell' ? initial : -initial;
  }

  /** The real-valued price the agent would ask or bid for its lot. */
  price(): number {
    return (this.limit as number) * (1 + this.margin);
  }

  /** The price in whole ticks on the agent's safe side: buyers round down, sellers up. */
  private tickPrice(): number {
    return this.side === 'buy' ? Math.floor(this.price()) : Math.ceil(this.price());
  }

  quote(_rng: Rng, bounds: QuoteBounds): number {
    return withinBudget(this.side, this.tickPrice(), this.limit as number, bounds);
  }

  observe(shout: Shout, rng: Rng): void {
    if (this.limit === null) return; // nothing left to trade: no price to adapt
    // Compare shouts with the price actually quoted: with the real-valued one, a buyer whose
    // bid was rounded down would never see its own bid as "at or above" it, and stall.
    const quoted = this.tickPrice();
    const q = shout.price;
    const selling = this.side === 'sell';
    // "Raise" means a wider margin: sellers ask more, buyers bid less.
    let direction: 'raise' | 'lower' | null = null;
    if (shout.accepted) {
      if (selling ? quoted <= q : quoted >= q) direction = 'raise';
      else if (shout.side !== this.side) direction = 'lower';
    } else if (shout.side === this.side && (selling ? quoted >= q : quoted <= q)) {
      direction = 'lower';
    }
    const price = this.price();
    if (direction === null) return;
    const upward = (direction === 'raise') === selling;
    const target = upward ? rng.uniform(1, 1.05) * q + rng.uniform(0, 0.05) : rng.uniform(0.95, 1) * q - rng.uniform(0, 0.05);
    this.momentumStep = this.gamma * this.momentumStep + (1 - this.gamma) * this.beta * (target - price);
    const margin = (price + this.momentumStep) / this.limit - 1;
    this.margin = selling ? Math.max(0, margin) : Math.min(0, Math.max(-1, margin));
  }
}
