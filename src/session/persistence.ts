/**
 * The session kept in IndexedDB as it happens, so that a reload brings it back: the market's
 * commands (every change, agent actions included) appended in one transaction per frame, and
 * beside them the settings (text, model, view, market settings) and the seed. A reload rebuilds
 * the market from them exactly, paused. What cannot be read or rebuilt is reported and kept
 * untouched (it can be exported) until the user chooses to start fresh.
 */
import { openDB, type IDBPDatabase } from 'idb';
import type { LiveCommand, LiveMarket } from '../market/live/liveMarket.ts';
import { useAppStore } from '../store/appStore.ts';
import { useMarketStore } from '../store/marketStore.ts';
import { sessionSettings, useLiveMarket } from './session.ts';
import { type StoredSession, readStoredSession } from './sessionFile.ts';

const DB_NAME = 'attention-exchange-session';
const COMMANDS = 'commands';
const SETTINGS = 'settings';
const SETTINGS_KEY = 'session';

let database: Promise<IDBPDatabase> | undefined;

function open(): Promise<IDBPDatabase> {
  database ??= openDB(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore(COMMANDS);
      db.createObjectStore(SETTINGS);
    },
  });
  return database;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Exactly what storage holds, unvalidated: for "Export stored data". */
export interface StoredData {
  settings: unknown;
  commands: unknown[];
}

export type StoredRead =
  | { kind: 'empty' }
  | { kind: 'ok'; session: StoredSession; data: StoredData }
  | { kind: 'unreadable'; message: string; data: StoredData | null };

/** Reads and validates the stored session. */
export async function readStored(): Promise<StoredRead> {
  let data: StoredData;
  try {
    const db = await open();
    const [settings, commands] = await Promise.all([db.get(SETTINGS, SETTINGS_KEY), db.getAll(COMMANDS)]);
    data = { settings, commands };
  } catch (error) {
    return { kind: 'unreadable', message: `The stored session cannot be read: ${messageOf(error)}`, data: null };
  }
  if (data.settings === undefined && data.commands.length === 0) return { kind: 'empty' };
  const settings = typeof data.settings === 'object' && data.settings !== null ? (data.settings as Record<string, unknown>) : {};
  const read = readStoredSession({ ...settings, simulation: { seed: settings.seed, commands: data.commands } });
  if (!read.ok) return { kind: 'unreadable', message: `The stored session is damaged: ${read.message}`, data };
  return { kind: 'ok', session: read.session, data };
}

/** Deletes the stored session (the user chose to start fresh). */
export async function clearStored(): Promise<void> {
  const db = await open();
  const tx = db.transaction([COMMANDS, SETTINGS], 'readwrite');
  await Promise.all([tx.objectStore(COMMANDS).clear(), tx.objectStore(SETTINGS).clear(), tx.done]);
}

/**
 * Keeps storage in step with the session from now on: the shown market's commands so far
 * (replacing what was stored), then each new command and settings change, written once per
 * frame. Another market (an import) replaces the stored commands. Returns the stop.
 */
export function persistSession(onError: (message: string) => void): () => void {
  let pending: LiveCommand[] = [];
  let replace = false;
  let nextKey = 0;
  let frame: number | null = null;
  let stopCommands = () => {};

  const flush = async () => {
    frame = null;
    const commands = pending;
    const clear = replace;
    pending = [];
    replace = false;
    const stored = { ...sessionSettings(), seed: useLiveMarket.getState().market.recording().seed };
    try {
      const db = await open();
      const tx = db.transaction([COMMANDS, SETTINGS], 'readwrite');
      const store = tx.objectStore(COMMANDS);
      if (clear) {
        void store.clear();
        nextKey = 0;
      }
      for (const command of commands) void store.put(command, nextKey++);
      void tx.objectStore(SETTINGS).put(stored, SETTINGS_KEY);
      await tx.done;
    } catch (error) {
      onError(`The session could not be saved in this browser: ${messageOf(error)}`);
    }
  };
  const schedule = () => {
    frame ??= requestAnimationFrame(() => void flush());
  };
  const follow = (market: LiveMarket) => {
    stopCommands();
    pending = [...market.recording().commands];
    replace = true;
    stopCommands = market.onCommand((command) => {
      pending.push(command);
      schedule();
    });
    schedule();
  };

  follow(useLiveMarket.getState().market);
  const unsubscribers = [
    useLiveMarket.subscribe((state, previous) => {
      if (state.market !== previous.market) follow(state.market);
    }),
    useAppStore.subscribe((state, previous) => {
      const keys = ['text', 'modelId', 'layer', 'head', 'aggregation', 'hidePunctuation', 'hideSpecialTokens', 'logScale', 'selectedToken'] as const;
      if (keys.some((key) => state[key] !== previous[key])) schedule();
    }),
    useMarketStore.subscribe((state, previous) => {
      if (state.yourPrice !== previous.yourPrice || state.tokenColouring !== previous.tokenColouring) schedule();
    }),
  ];
  return () => {
    stopCommands();
    if (frame !== null) cancelAnimationFrame(frame);
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
