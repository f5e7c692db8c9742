import type { Exchange } from '../../exchange.ts';
import type { Participant, Turn } from '../../simulation.ts';
import type { Side } from '../../types.ts';

/** A decoy order: how far behind the same-side touch it goes, and how many lots it shows. */
export interface Decoy {
  ticksBehind: number;
  qty: number;
}

export interface DecoyTraderOptions {
  /** Trader name; order ids are `${trader}:${asset}:${n}`. */
  trader: string;
  decoys: readonly Decoy[];
  /** Lots of the genuine order. */
  genuineQty: number;
  /** Turns to wait for the genuine order to fill before pulling everything. */
  patience: number;
}

/**
 * A manipulator that wants to trade on one side and shows decoys on the other. On a turn
 * without orders out it picks a side at random, places the decoys behind the other side's
 * touch, then its genuine order one tick inside its own side's touch (at the touch when the
 * spread is one tick). The decoys are seen as shouts: ZIP buyers raise their bids after bids
 * above their own, sellers lower their offers after low offers, so the genuine order tends to
 * fill. On a later turn, once the genuine order has gone or after `patience` turns, it cancels
 * everything it still has out and starts over next turn.
 * One large decoy near the touch is spoofing; small decoys at several levels are layering.
 */
export class DecoyTrader implements Participant {
  private out: { genuine: string; decoys: string[]; turns: number } | null = null;
  private nextOrder = 0;

  constructor(readonly options: DecoyTraderOptions) {}

  get trader(): string {
    return this.options.trader;
  }

  act({ exchange, asset, rng, bounds }: Turn): void {
    if (this.out !== null) {
      this.out.turns += 1;
      if (exchange.order(this.out.genuine) === undefined || this.out.turns >= this.options.patience) this.withdraw(exchange);
      return;
    }
    const book = exchange.book(asset);
    const bid = book?.bestBid() ?? null;
    const ask = book?.bestAsk() ?? null;
    if (bid === null || ask === null) return; // nothing to lean against
    const side: Side = rng.next() < 0.5 ? 'buy' : 'sell';
    const decoys: string[] = [];
    for (const decoy of this.options.decoys) {
      const price = side === 'sell' ? bid.price - decoy.ticksBehind : ask.price + decoy.ticksBehind;
      if (price < bounds.floor || price > bounds.ceiling) continue;
      decoys.push(this.place(exchange, asset, side === 'sell' ? 'buy' : 'sell', price, decoy.qty));
    }
    const inside = side === 'sell' ? ask.price - 1 : bid.price + 1;
    const price = inside > bid.price && inside < ask.price ? inside : side === 'sell' ? ask.price : bid.price;
    const genuine = this.place(exchange, asset, side, price, this.options.genuineQty);
    this.out = { genuine, decoys, turns: 0 };
  }

  withdraw(exchange: Exchange): void {
    if (this.out === null) return;
    for (const id of [...this.out.decoys, this.out.genuine]) {
      if (exchange.order(id) !== undefined) exchange.apply({ op: 'cancel', id });
    }
    this.out = null;
  }

  private place(exchange: Exchange, asset: string, side: Side, price: number, qty: number): string {
    const id = `${this.options.trader}:${asset}:${this.nextOrder++}`;
    exchange.apply({ op: 'limit', id, trader: this.options.trader, asset, side, price, qty });
    return id;
  }
}

/** A spoofer: one decoy of 20 lots one tick behind the touch, a 1-lot genuine order, patience 4 turns. */
export function spoofer(options: Partial<DecoyTraderOptions> = {}): DecoyTrader {
  return new DecoyTrader({ trader: 'spoofer', decoys: [{ ticksBehind: 1, qty: 20 }], genuineQty: 1, patience: 4, ...options });
}

/** A layerer: 2-lot decoys one to four ticks behind the touch, a 1-lot genuine order, patience 4 turns. */
export function layerer(options: Partial<DecoyTraderOptions> = {}): DecoyTrader {
  const decoys = [1, 2, 3, 4].map((ticksBehind) => ({ ticksBehind, qty: 2 }));
  return new DecoyTrader({ trader: 'layerer', decoys, genuineQty: 1, patience: 4, ...options });
}
