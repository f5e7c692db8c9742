import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.ts';
import { Exchange } from './exchange.ts';
import { type ExchangeSnapshot, type JournalEntry, record, replay } from './journal.ts';
import { ASSETS, actionArbitrary } from './testing/actionStreams.ts';
import type { MarketEvent } from './types.ts';

/** What persistence would do: the journal and snapshot must survive plain JSON. */
const throughJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('snapshot and journal', () => {
  it('replaying the journal after a snapshot rebuilds identical books and identical events', () => {
    fc.assert(
      fc.property(
        fc.array(actionArbitrary, { minLength: 50, maxLength: 600 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (stream, cut) => {
          const clock = new ManualClock(5);
          const exchange = new Exchange({ clock, selfTrade: 'decrement', autoList: true, assets: ASSETS });
          const split = Math.floor(cut * stream.length);
          let snapshot: ExchangeSnapshot | null = null;
          let journal: { entries: JournalEntry[] } | null = null;
          const after: MarketEvent[] = [];
          stream.forEach((input, step) => {
            if (step === split) {
              snapshot = throughJson(exchange.snapshot());
              journal = record(exchange);
            }
            clock.advance(step % 3);
            const events = exchange.apply(input);
            if (snapshot !== null) after.push(...events);
          });
          const rebuilt = replay(snapshot!, throughJson(journal!.entries));
          expect(rebuilt.events).toEqual(after);
          expect(rebuilt.exchange.snapshot()).toEqual(exchange.snapshot());
          expect(rebuilt.exchange.seq).toBe(exchange.seq);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('records time with each input, and an empty snapshot plus the whole journal replays from seq 1', () => {
    const clock = new ManualClock(100);
    const exchange = new Exchange({ clock, autoList: true });
    const start = exchange.snapshot();
    const journal = record(exchange);
    const events = [
      ...exchange.apply({ op: 'limit', id: 'a', trader: 't1', asset: 'cat', side: 'buy', price: 10, qty: 3 }),
    ];
    clock.set(250);
    events.push(...exchange.apply({ op: 'market', id: 'b', trader: 't2', asset: 'cat', side: 'sell', qty: 1 }));
    journal.stop();
    exchange.apply({ op: 'cancel', id: 'a' });
    expect(journal.entries.map((e) => e.time)).toEqual([100, 250]);
    const rebuilt = replay(start, journal.entries);
    expect(rebuilt.events).toEqual(events);
    expect(rebuilt.events[0].seq).toBe(1);
    expect(rebuilt.exchange.order('a')).toMatchObject({ qty: 2, time: 100 });
  });
});
