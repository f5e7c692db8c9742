import { describe, expect, it } from 'vitest';
import { AttentionMarket } from '../attentionMarket.ts';
import { ManualClock } from '../clock.ts';
import { Surveillance } from './surveillance.ts';

/** Three assets, ZIP agents (30 lots a side), default thresholds. */
const SHARES = new Map([
  ['cat', 0.3],
  ['sat', 0.2],
  ['mat', 0.1],
]);
const SEEDS = 50;
/** Rounds of one agent step per asset. */
const ROUNDS = 4_000;
/** The live market's default pace: 400 agent steps per second over all assets. */
const MS_PER_STEP = 2.5;

/** Runs an honest market under surveillance; returns the inputs observed and the alerts. */
function honestRun(seed: number) {
  const clock = new ManualClock();
  const market = new AttentionMarket({ clock, seed, strategy: 'zip', periodSteps: 500, demandRelativeToMean: true });
  const surveillance = new Surveillance();
  surveillance.attach(market.exchange);
  let trades = 0;
  market.exchange.subscribe((events) => (trades += events.filter((event) => event.type === 'trade').length));
  market.setShares(SHARES);
  for (let round = 0; round < ROUNDS; round += 1) {
    market.step(1);
    clock.advance(SHARES.size * MS_PER_STEP);
  }
  surveillance.flush();
  return { actions: surveillance.actions, trades, alerts: surveillance.alerts() };
}

describe('surveillance of an honest market', () => {
  // Measured when written: 0 alerts in 1,166,250 inputs (50 seeds x about 23,300) and 15,327 trades.
  it('raises no alert over 50 seeds of a ZIP-only market', () => {
    const runs = Array.from({ length: SEEDS }, (_, i) => honestRun(i + 1));
    const actions = runs.reduce((sum, run) => sum + run.actions, 0);
    const alerts = runs.flatMap((run) => run.alerts);
    const perTenThousand = (alerts.length * 10_000) / actions;
    const seedsFlagged = runs.filter((run) => run.alerts.length > 0).length;
    const trades = runs.reduce((sum, run) => sum + run.trades, 0);
    console.info(
      `honest market: ${alerts.length} alerts in ${actions} inputs (${perTenThousand} per 10,000) and ${trades} trades, ` +
        `${seedsFlagged}/${SEEDS} seeds flagged`,
    );
    expect(actions).toBeGreaterThan(SEEDS * ROUNDS * SHARES.size);
    expect(Math.min(...runs.map((run) => run.trades))).toBeGreaterThan(100);
    expect(alerts).toEqual([]);
  });
});
