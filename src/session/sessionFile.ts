/**
 * The session file ("Export session" / "Import session"): the text, model, view and market
 * settings, and the market's seed and recorded commands, from which the market is rebuilt
 * exactly; beside them the exchange's snapshot and journal and the alerts, which the rebuilt
 * market must reproduce (a check that the file is whole). Everything is validated before any
 * state is touched; a problem is reported with the path of the field.
 */
import { z } from 'zod';
import { AGGREGATIONS } from '../attention/types.ts';
import type { ExchangeSnapshot, JournalEntry } from '../market/journal.ts';
import type { LiveCommand, LiveMarketRecord } from '../market/live/liveMarket.ts';
import type { LiveSettings } from '../market/live/snapshot.ts';
import type { Alert } from '../market/surveillance/alerts.ts';
import type { Input } from '../market/types.ts';

export const SESSION_SCHEMA_VERSION = 2;

const finite = z.number().finite();
const time = finite;
const side = z.enum(['buy', 'sell']);

const curveSettings = z.object({
  units: finite,
  demandPerShare: finite,
  demand: z.enum(['linear', 'isoelastic']),
  elasticity: finite,
  priceCeiling: finite,
  priceFloor: finite,
  reservation: finite,
  saturation: finite,
});

const liveSettings = z.object({
  curves: curveSettings,
  topK: z.number().int().min(1),
  agents: z.number().int().min(1),
  strategy: z.enum(['zic', 'zip']),
  speed: finite.min(0),
}) satisfies z.ZodType<LiveSettings>;

const orderForm = z.object({
  asset: z.string(),
  side,
  type: z.enum(['limit', 'market']),
  tif: z.enum(['GTC', 'IOC', 'FOK']),
  postOnly: z.boolean(),
  price: z.string(),
  qty: z.string(),
});

const surveillancePatch = z.object({
  spoofing: z.record(z.string(), finite).optional(),
  layering: z.record(z.string(), finite).optional(),
  washTrading: z.record(z.string(), finite).optional(),
  typicalWindow: finite.optional(),
  owners: z.record(z.string(), z.string()).optional(),
});

const command = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('attention'),
    time,
    attention: z.object({ tokens: z.array(z.string()), shares: z.array(finite.min(0)), hidden: z.array(z.number().int().min(0)) }).nullable(),
  }),
  z.object({ op: z.literal('settings'), time, settings: liveSettings }),
  z.object({ op: z.literal('select'), time, asset: z.string() }),
  z.object({ op: z.literal('mechanism'), time, mechanism: z.enum(['continuous', 'call', 'slot']) }),
  z.object({ op: z.literal('clear'), time }),
  z.object({ op: z.literal('step'), time }),
  z.object({ op: z.literal('agents'), time, actions: z.number().int().min(1) }),
  z.object({ op: z.literal('order'), time, form: orderForm }),
  z.object({ op: z.literal('cancel'), time, id: z.string() }),
  z.object({ op: z.literal('modify'), time, id: z.string(), price: z.string(), qty: z.string() }),
  z.object({ op: z.literal('manipulator'), time, kind: z.enum(['spoofer', 'layerer', 'washTrader']), on: z.boolean() }),
  z.object({ op: z.literal('surveillance'), time, patch: surveillancePatch }),
]) satisfies z.ZodType<LiveCommand>;

const restingOrder = z.object({
  id: z.string(),
  trader: z.string(),
  asset: z.string(),
  side,
  price: finite,
  qty: finite,
  postOnly: z.boolean(),
  stp: z.enum(['cancelNewest', 'cancelOldest', 'cancelBoth', 'decrement']),
  time,
  rank: finite,
});

const exchangeSnapshot = z.object({
  version: z.literal(1),
  seq: z.number().int().min(0),
  selfTrade: z.enum(['cancelNewest', 'cancelOldest', 'cancelBoth', 'decrement']),
  autoList: z.boolean(),
  books: z.array(
    z.object({
      asset: z.string(),
      phase: z.enum(['continuous', 'call']),
      lastTradePrice: finite.nullable(),
      bids: z.array(restingOrder),
      asks: z.array(restingOrder),
    }),
  ),
}) satisfies z.ZodType<ExchangeSnapshot>;

/** The shape of an input is the exchange's business (it rejects a bad one the same way live); here it must be an action. */
const action = z.looseObject({ op: z.string() });
const journalEntry = z.object({
  time,
  input: z.custom<Input>((value) => action.safeParse(value).success, { message: 'expected an exchange action with an op' }),
}) satisfies z.ZodType<JournalEntry>;

/** Alerts are compared with the ones the rebuilt market raises, so their outline is enough here. */
const alertOutline = z.looseObject({ id: z.string(), kind: z.enum(['spoofing', 'layering', 'washTrade']), asset: z.string(), seq: finite, time });
const alert = z.custom<Alert>((value) => alertOutline.safeParse(value).success, { message: 'expected a surveillance alert' });

const view = z.object({
  layer: z.number().int().min(0),
  head: z.number().int().min(0),
  aggregation: z.enum(AGGREGATIONS),
  hidePunctuation: z.boolean(),
  hideSpecialTokens: z.boolean(),
  logScale: z.boolean(),
  selectedToken: z.number().int().min(0).nullable(),
});

const sessionV2 = z.object({
  schemaVersion: z.literal(SESSION_SCHEMA_VERSION),
  savedAt: z.iso.datetime(),
  text: z.string(),
  modelId: z.string().min(1),
  view,
  market: z.object({
    settings: liveSettings,
    yourPrice: finite,
    tokenColouring: z.enum(['share', 'lastPrice']),
  }),
  simulation: z.object({ seed: z.number().int(), commands: z.array(command) }),
  exchange: z.object({ snapshot: exchangeSnapshot, journal: z.array(journalEntry) }),
  alerts: z.array(alert),
});

/**
 * Version 1 was written before surveillance was part of the market: no alerts. Read, it
 * becomes version 2 with the alerts that its commands raise (`alerts: null` until rebuilt).
 */
const sessionV1 = sessionV2.omit({ schemaVersion: true, alerts: true }).extend({ schemaVersion: z.literal(1) });

export type SessionView = z.infer<typeof view>;

export interface SessionFile {
  schemaVersion: typeof SESSION_SCHEMA_VERSION;
  savedAt: string;
  text: string;
  modelId: string;
  view: SessionView;
  market: { settings: LiveSettings; yourPrice: number; tokenColouring: 'share' | 'lastPrice' };
  simulation: LiveMarketRecord;
  exchange: { snapshot: ExchangeSnapshot; journal: JournalEntry[] };
  alerts: Alert[];
}

/** A file read: its contents brought to the current version (alerts null when the version had none). */
export type ReadSession = Omit<SessionFile, 'alerts'> & { alerts: Alert[] | null };

export type SessionRead = { ok: true; session: ReadSession; migratedFrom: number | null } | { ok: false; message: string };

function problem(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue.path.length === 0 ? 'the file' : issue.path.join('.');
  return `Not a valid session file: ${path}: ${issue.message}`;
}

/** Parses and validates a session file's text, bringing an older version up to date. */
export function readSessionFile(text: string): SessionRead {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `Not a session file: the JSON cannot be read (${error instanceof Error ? error.message : String(error)}).` };
  }
  const version = z.object({ schemaVersion: z.number() }).safeParse(raw);
  if (!version.success) return { ok: false, message: problem(version.error) };
  if (version.data.schemaVersion === 1) {
    const old = sessionV1.safeParse(raw);
    if (!old.success) return { ok: false, message: problem(old.error) };
    return { ok: true, session: { ...old.data, schemaVersion: SESSION_SCHEMA_VERSION, alerts: null }, migratedFrom: 1 };
  }
  if (version.data.schemaVersion !== SESSION_SCHEMA_VERSION) {
    return { ok: false, message: `Not a valid session file: schemaVersion: ${version.data.schemaVersion} is not a version this app reads (1 or ${SESSION_SCHEMA_VERSION}).` };
  }
  const current = sessionV2.safeParse(raw);
  if (!current.success) return { ok: false, message: problem(current.error) };
  return { ok: true, session: current.data, migratedFrom: null };
}

/** What the browser keeps of the session (see persistence.ts): the file's settings, seed and commands. */
const storedSession = sessionV2.pick({ text: true, modelId: true, view: true, market: true, simulation: true });

export type StoredSession = Pick<SessionFile, 'text' | 'modelId' | 'view' | 'market' | 'simulation'>;

/** Validates what was read back from storage; the message names the first wrong field. */
export function readStoredSession(raw: unknown): { ok: true; session: StoredSession } | { ok: false; message: string } {
  const result = storedSession.safeParse(raw);
  if (result.success) return { ok: true, session: result.data };
  const issue = result.error.issues[0];
  return { ok: false, message: `${issue.path.length === 0 ? 'the stored session' : issue.path.join('.')}: ${issue.message}` };
}
