import type { Participant, Turn } from '../../simulation.ts';

export interface WashTraderOptions {
  /** The beneficial owner, for the surveillance's owner mapping (see `owners`). */
  owner: string;
  /** Two trader ids of that owner: self-trade prevention works per trader id, so one is not enough. */
  accounts: readonly [string, string];
  /** Lots per wash trade. */
  qty: number;
}

/**
 * A wash trader: on each turn when the spread is at least two ticks, one of its accounts
 * offers `qty` lots strictly inside the spread and the other takes them at once (IOC), so the
 * two trade only with each other: volume and a printed price without any change of owner.
 * The accounts swap roles every trade, so the owner's position stays flat; to surveillance
 * that does not know they share an owner, the pairs of trades are round trips.
 */
export class WashTrader implements Participant {
  readonly options: WashTraderOptions;
  private trades = 0;

  constructor(options: Partial<WashTraderOptions> = {}) {
    this.options = { owner: 'wash', accounts: ['wash-a', 'wash-b'], qty: 5, ...options };
  }

  /** Trader id -> owner, as the surveillance config's `owners` takes it. */
  owners(): Record<string, string> {
    const { owner, accounts } = this.options;
    return { [accounts[0]]: owner, [accounts[1]]: owner };
  }

  act({ exchange, asset }: Turn): void {
    const book = exchange.book(asset);
    const bid = book?.bestBid() ?? null;
    const ask = book?.bestAsk() ?? null;
    if (bid === null || ask === null || ask.price - bid.price < 2) return; // no room to trade alone
    const price = bid.price + Math.floor((ask.price - bid.price) / 2);
    const { accounts, qty } = this.options;
    const [seller, buyer] = this.trades % 2 === 0 ? accounts : [accounts[1], accounts[0]];
    const n = this.trades++;
    exchange.apply({ op: 'limit', id: `${seller}:${asset}:${n}`, trader: seller, asset, side: 'sell', price, qty });
    exchange.apply({ op: 'limit', id: `${buyer}:${asset}:${n}`, trader: buyer, asset, side: 'buy', price, qty, tif: 'IOC' });
  }

  /** Both legs of a wash trade are placed in one turn and fill each other: nothing rests. */
  withdraw(): void {}
}
