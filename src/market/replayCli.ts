import { parseLine } from './actionSchema.ts';
import { ManualClock } from './clock.ts';
import { Exchange } from './exchange.ts';

/**
 * The command line's replay: every non-blank line of `text` is one JSON action, applied to a
 * fresh exchange that lists assets on their first order. The clock reads the line number
 * (1-based), so output is reproducible. A malformed line yields a `rejected` event naming the
 * failing field and the replay goes on. Each event is passed to `write` as one JSON line.
 */
export function replayJsonLines(text: string, write: (line: string) => void): void {
  const clock = new ManualClock();
  const exchange = new Exchange({ clock, autoList: true });
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    clock.set(index + 1);
    for (const event of exchange.apply(parseLine(line))) write(JSON.stringify(event));
  });
}
