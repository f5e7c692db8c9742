/**
 * A whole session between the app's stores and a session file: what "Export session" writes,
 * and what "Import session" rebuilds and checks before it changes anything.
 */
import { create } from 'zustand';
import { replay } from '../market/journal.ts';
import { LiveMarket, type LiveMarketOptions, type LiveMarketRecord } from '../market/live/liveMarket.ts';
import { useAppStore } from '../store/appStore.ts';
import { useMarketStore } from '../store/marketStore.ts';
import { type ReadSession, SESSION_SCHEMA_VERSION, type SessionFile } from './sessionFile.ts';

/** The live market the panel shows; a session import or reload puts a rebuilt one here. */
export const useLiveMarket = create<{ market: LiveMarket; restored: boolean }>()(() => ({ market: new LiveMarket(), restored: false }));

/** The session's settings as they are now: text, model, view and market settings. */
export function sessionSettings(): Pick<SessionFile, 'text' | 'modelId' | 'view' | 'market'> {
  const app = useAppStore.getState();
  const { settings, yourPrice, tokenColouring } = useMarketStore.getState();
  return {
    text: app.text,
    modelId: app.modelId,
    view: {
      layer: app.layer,
      head: app.head,
      aggregation: app.aggregation,
      hidePunctuation: app.hidePunctuation,
      hideSpecialTokens: app.hideSpecialTokens,
      logScale: app.logScale,
      selectedToken: app.selectedToken,
    },
    market: { settings, yourPrice, tokenColouring },
  };
}

/** The session as it is now, as plain JSON. */
export function currentSession(market: LiveMarket, savedAt = new Date()): SessionFile {
  const { seed, commands } = market.recording();
  const { snapshot, journal } = journaled({ seed, commands });
  return {
    schemaVersion: SESSION_SCHEMA_VERSION,
    savedAt: savedAt.toISOString(),
    ...sessionSettings(),
    simulation: { seed, commands: [...commands] },
    exchange: { snapshot, journal: [...journal] },
    alerts: [...market.surveillance.alerts()],
  };
}

/** Frames never run: a market rebuilt off screen publishes nothing. */
const NO_FRAMES = { request: () => () => {} };

/** The exchange's journal, from a replica of the market re-run from its commands with the journal kept. */
function journaled(recording: LiveMarketRecord) {
  return LiveMarket.restore(recording, { scheduler: NO_FRAMES, journal: true }).exchangeRecord() as NonNullable<ReturnType<LiveMarket['exchangeRecord']>>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The market a session's commands rebuild (paused), once its exchange and alerts agree with
 * the file's journal and alerts; otherwise a message saying which part disagrees.
 */
export function rebuildMarket(
  session: ReadSession,
  options: Omit<LiveMarketOptions, 'seed'> = {},
): { ok: true; market: LiveMarket } | { ok: false; message: string } {
  let market: LiveMarket;
  try {
    market = LiveMarket.restore(session.simulation, options);
  } catch (error) {
    return { ok: false, message: `The session's simulation commands cannot be re-run: ${error instanceof Error ? error.message : String(error)}` };
  }
  const journaled = replay(session.exchange.snapshot, session.exchange.journal).exchange.snapshot();
  if (!same(journaled, market.exchange.snapshot())) {
    return { ok: false, message: 'Not a valid session file: exchange: the journal does not give the books that the simulation commands give.' };
  }
  if (session.alerts !== null && !same(session.alerts, market.surveillance.alerts())) {
    return { ok: false, message: 'Not a valid session file: alerts: they differ from the alerts the simulation raises.' };
  }
  return { ok: true, market };
}

/** Puts a rebuilt session into the stores: text, model, view, market settings and the market itself. */
export function adoptSession(session: Pick<ReadSession, 'text' | 'modelId' | 'view' | 'market'>, market: LiveMarket): void {
  useLiveMarket.getState().market.pause();
  useMarketStore.setState({ ...session.market });
  useLiveMarket.setState({ market, restored: true });
  useAppStore.setState({ text: session.text, modelId: session.modelId, ...session.view });
}
