import { ManualClock } from './clock.ts';
import { Exchange } from './exchange.ts';
import type { Input, MarketEvent, Phase, RestingOrder, SelfTradeMode } from './types.ts';

/** One applied input and the clock reading it was applied at. Plain JSON. */
export interface JournalEntry {
  time: number;
  input: Input;
}

export interface BookSnapshot {
  asset: string;
  phase: Phase;
  lastTradePrice: number | null;
  /** Resting orders in priority order (best price first, then arrival). */
  bids: RestingOrder[];
  asks: RestingOrder[];
}

/** Everything needed to rebuild an exchange; plain JSON. */
export interface ExchangeSnapshot {
  version: 1;
  /** Sequence number of the last event before the snapshot. */
  seq: number;
  selfTrade: SelfTradeMode;
  autoList: boolean;
  books: BookSnapshot[];
}

/** Collects the journal of every input applied to `exchange` from now on. */
export function record(exchange: Exchange): { entries: JournalEntry[]; stop: () => void } {
  const entries: JournalEntry[] = [];
  const stop = exchange.subscribe((_events, entry) => entries.push(entry));
  return { entries, stop };
}

/**
 * Rebuilds the exchange from a snapshot and re-applies the journal recorded after it, each
 * input at its recorded time. The result has the same books and emits the same events (with
 * the same sequence numbers) as the original did.
 */
export function replay(
  snapshot: ExchangeSnapshot,
  entries: readonly JournalEntry[],
): { exchange: Exchange; events: MarketEvent[]; clock: ManualClock } {
  const clock = new ManualClock();
  const exchange = Exchange.fromSnapshot(snapshot, clock);
  const events: MarketEvent[] = [];
  for (const entry of entries) {
    clock.set(entry.time);
    for (const event of exchange.apply(entry.input)) events.push(event);
  }
  return { exchange, events, clock };
}
