/**
 * Soak: the live market (LiveMarket: exchange, agents, surveillance, tape, price histories, its
 * command record) fast-forwarded through a million agent actions by its own frame loop, at 5,000
 * actions a second (a step of the speed slider) on a virtual clock, so no frame waits: 200 s of
 * market time, enough for the time windows (surveillance keeps a minute of trades) to fill. Every
 * 100,000 actions it prints the heap in use after a full garbage collection (what the market keeps
 * alive), the tape and book sizes, the market's command record (what a saved session holds) and
 * the exchange journal so far (every input, as journal.ts records it, counted and measured as
 * JSON lines, not kept); at the end, the peak heap seen in between (sampled every 1,000 actions,
 * without collecting). A new run of the model re-lists the assets every 100,000 actions and the
 * user places an order every 1,000, as in a long session.
 *
 *   npm run bench:soak [-- --actions 1000000]
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseArgs } from 'node:util';
import { DEFAULT_LIVE_SETTINGS, type FrameScheduler, LiveMarket } from '../../src/market/live/liveMarket.ts';
import { Rng } from '../../src/market/rng.ts';

const { values: options } = parseArgs({
  options: { actions: { type: 'string', default: '1000000' } },
});
const ACTIONS = Number(options.actions);
if (!(Number.isInteger(ACTIONS) && ACTIONS > 0)) throw new Error(`--actions must be a whole number > 0, got ${options.actions}`);
const REPORT_EVERY = 100_000;
const SAMPLE_EVERY = 1_000;
const FRAME_MS = 16;
const SPEED = 5_000;

// A full collection before each report, so that the figure is what the market keeps alive.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const WORDS = ['▁the', '▁market', '▁prices', '▁every', '▁token', '▁by', '▁attention', '▁it', '▁receives', '▁from', '▁others', '.'];

/** A run of the model: the words in a new order with new shares, so some assets leave and others arrive. */
function attentionOf(run: number) {
  const rng = new Rng(run + 1);
  const weights = WORDS.map(() => rng.uniform(0.2, 1.2));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const tokens = [...WORDS];
  for (let i = tokens.length - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    [tokens[i], tokens[j]] = [tokens[j], tokens[i]];
  }
  return { tokens, shares: weights.map((w) => w / total) };
}

const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

function main(): void {
  let pendingFrame = null as (() => void) | null;
  const scheduler: FrameScheduler = {
    request(callback) {
      pendingFrame = callback;
      return () => (pendingFrame = null);
    },
  };
  let time = Date.UTC(2026, 0, 1);
  const market = new LiveMarket({ scheduler, now: () => time, seed: 1, settings: { ...DEFAULT_LIVE_SETTINGS, speed: SPEED } });
  const rng = new Rng(99);

  let done = 0;
  market.onCommand((command) => {
    if (command.op === 'agents') done += command.actions;
  });
  const journal = { entries: 0, bytes: 0 };
  market.exchange.subscribe((_events, entry) => {
    journal.entries += 1;
    journal.bytes += JSON.stringify(entry).length + 1;
  });
  let trades = 0;
  market.exchange.subscribe((events) => {
    for (const event of events) if (event.type === 'trade') trades += 1;
  });

  let run = 0;
  market.setAttention(attentionOf(run));
  market.start();
  collectGarbage();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;

  console.log(`soak: ${ACTIONS.toLocaleString('en')} agent actions at ${SPEED.toLocaleString('en')} a second, one frame every ${FRAME_MS} ms`);
  console.log(`heap after setup: ${megabytes(baseline)}`);
  console.log('  actions  heap(after gc)  trades  tape  resting  commands (JSON)       journal entries (JSON)');
  const started = performance.now();
  while (done < ACTIONS) {
    const before = done;
    time += FRAME_MS;
    const frame = pendingFrame;
    pendingFrame = null;
    frame?.();
    if (Math.floor(done / SAMPLE_EVERY) > Math.floor(before / SAMPLE_EVERY)) {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      const asset = market.snapshot().selected?.asset;
      if (asset) {
        const price = String(Math.max(1, Math.round(asset.pStar + rng.uniform(-20, 20))));
        market.placeOrder({ asset: asset.id, side: rng.pick(['buy', 'sell']), type: 'limit', tif: 'GTC', postOnly: false, price, qty: '1' });
      }
    }
    if (Math.floor(done / REPORT_EVERY) > Math.floor(before / REPORT_EVERY) || done >= ACTIONS) {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      collectGarbage();
      const heap = process.memoryUsage().heapUsed;
      const resting = market.exchange.assets().reduce((sum, id) => {
        const book = market.exchange.book(id);
        return sum + (book === undefined ? 0 : book.depth('buy').reduce((n, l) => n + l.orders, 0) + book.depth('sell').reduce((n, l) => n + l.orders, 0));
      }, 0);
      const { commands } = market.recording();
      const columns = [
        done.toLocaleString('en').padStart(9),
        megabytes(heap).padStart(14),
        String(trades).padStart(6),
        String(market.trades().length).padStart(5),
        String(resting).padStart(7),
        `${commands.length.toLocaleString('en')} (${megabytes(JSON.stringify(commands).length)})`.padEnd(20),
        `${journal.entries.toLocaleString('en')} (${megabytes(journal.bytes)})`,
      ];
      console.log(columns.join('  '));
      if (done < ACTIONS) market.setAttention(attentionOf((run += 1)));
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`peak heap used: ${megabytes(peak)} (setup ${megabytes(baseline)}); ${(done / seconds / 1000).toFixed(0)}k actions/s over ${seconds.toFixed(1)} s`);
  console.log(`journal: ${journal.entries.toLocaleString('en')} inputs, ${megabytes(journal.bytes)} as JSON lines (${(journal.bytes / journal.entries).toFixed(0)} bytes each)`);
}

main();
