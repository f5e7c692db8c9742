import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIVE_SETTINGS, LiveMarket } from '../market/live/liveMarket.ts';
import { currentSession, rebuildMarket } from './session.ts';
import { readSessionFile } from './sessionFile.ts';
import { EDGE_NUMBERS, JSON_NUMBER_LITERALS, hostileText } from '../security/hostileInput.ts';

/** A market that has traded for a while, with a wash trader raising alerts; frames run by hand. */
function tradedMarket(): LiveMarket {
  let time = 1_000;
  const frames: (() => void)[] = [];
  const market = new LiveMarket({
    seed: 3,
    now: () => time,
    scheduler: {
      request(callback) {
        frames.push(callback);
        return () => frames.splice(frames.indexOf(callback), 1);
      },
    },
  });
  market.setSettings({ ...DEFAULT_LIVE_SETTINGS, speed: 1_000 });
  market.setAttention({ tokens: ['▁a', '▁cat', '▁sat', '▁down'], shares: Float32Array.from([0.1, 0.4, 0.3, 0.2]), hidden: new Set([0]) });
  market.setManipulator('washTrader', true);
  market.start();
  for (let i = 0; i < 300; i += 1) {
    time += 20;
    frames.shift()?.();
  }
  market.pause();
  return market;
}

const market = tradedMarket();
const file = () => JSON.parse(JSON.stringify(currentSession(market, new Date('2026-01-02T03:04:05Z')))) as Record<string, unknown> & ReturnType<typeof currentSession>;
const manualFrames = { scheduler: { request: () => () => {} } };
const messageOf = (text: string) => {
  const read = readSessionFile(text);
  return read.ok ? null : read.message;
};

describe('session file', () => {
  it('round trip: what is exported reads back and rebuilds the same market, alerts and all', () => {
    expect(market.surveillance.alerts().length).toBeGreaterThan(0);
    const read = readSessionFile(JSON.stringify(file()));
    if (!read.ok) throw new Error(read.message);
    expect(read.migratedFrom).toBeNull();
    const rebuilt = rebuildMarket(read.session, manualFrames);
    if (!rebuilt.ok) throw new Error(rebuilt.message);
    expect(rebuilt.market.exchange.snapshot()).toEqual(market.exchange.snapshot());
    expect(rebuilt.market.trades()).toEqual(market.trades());
    expect(rebuilt.market.surveillance.alerts()).toEqual(market.surveillance.alerts());
    const { version: _a, actionsPerSecond: _b, ...shown } = market.snapshot();
    const { version: _c, actionsPerSecond: _d, ...rebuiltShown } = rebuilt.market.snapshot();
    expect(rebuiltShown).toEqual(shown);
    expect(rebuilt.market.snapshot().running).toBe(false);
  });

  it('names the field that is wrong, for each kind of mistake', () => {
    const cases: [string, (f: ReturnType<typeof file>) => unknown, RegExp][] = [
      ['wrong type', (f) => ({ ...f, text: 42 }), /^Not a valid session file: text: /],
      ['missing field', (f) => ({ ...f, modelId: undefined }), /: modelId: /],
      ['out of range', (f) => ({ ...f, view: { ...f.view, layer: -1 } }), /: view\.layer: /],
      ['unknown enum value', (f) => ({ ...f, market: { ...f.market, settings: { ...f.market.settings, strategy: 'gd' } } }), /: market\.settings\.strategy: /],
      ['unknown command', (f) => ({ ...f, simulation: { ...f.simulation, commands: [...f.simulation.commands.slice(0, 2), { op: 'teleport', time: 1 }] } }), /: simulation\.commands\.2\.op: /],
      ['bad command field', (f) => ({ ...f, simulation: { ...f.simulation, commands: [{ op: 'agents', time: 1, actions: 0.5 }] } }), /: simulation\.commands\.0\.actions: /],
      ['bad snapshot', (f) => ({ ...f, exchange: { ...f.exchange, snapshot: { ...f.exchange.snapshot, version: 2 } } }), /: exchange\.snapshot\.version: /],
      ['bad journal entry', (f) => ({ ...f, exchange: { ...f.exchange, journal: [{ time: 'soon', input: { op: 'list', asset: 'x' } }] } }), /: exchange\.journal\.0\.time: /],
      ['bad alert', (f) => ({ ...f, alerts: [{ kind: 'insider' }] }), /: alerts\.0: /],
      ['bad date', (f) => ({ ...f, savedAt: 'yesterday' }), /: savedAt: /],
      ['unknown version', (f) => ({ ...f, schemaVersion: 99 }), /schemaVersion: 99 is not a version/],
      ['no version', (f) => ({ ...f, schemaVersion: undefined }), /: schemaVersion: /],
    ];
    for (const [name, change, expected] of cases) expect(messageOf(JSON.stringify(change(file()))), name).toMatch(expected);
    expect(messageOf('{"schemaVersion": 2,')).toMatch(/^Not a session file: the JSON cannot be read/);
    expect(messageOf('[]')).toMatch(/^Not a valid session file: /);
  });

  it('refuses a file whose journal or alerts disagree with its commands', () => {
    const tamperedJournal = file();
    tamperedJournal.exchange.journal.splice(-1, 1);
    const read = readSessionFile(JSON.stringify(tamperedJournal));
    if (!read.ok) throw new Error(read.message);
    expect(rebuildMarket(read.session, manualFrames)).toEqual({ ok: false, message: expect.stringMatching(/: exchange: /) });
    const tamperedAlerts = file();
    tamperedAlerts.alerts[0] = { ...tamperedAlerts.alerts[0], asset: 'elsewhere' };
    const readAlerts = readSessionFile(JSON.stringify(tamperedAlerts));
    if (!readAlerts.ok) throw new Error(readAlerts.message);
    expect(rebuildMarket(readAlerts.session, manualFrames)).toEqual({ ok: false, message: expect.stringMatching(/: alerts: /) });
  });

  it('brings a version 1 file (no alerts) up to date: the alerts come from re-running its commands', () => {
    const { alerts: _alerts, ...rest } = file();
    const read = readSessionFile(JSON.stringify({ ...rest, schemaVersion: 1 }));
    if (!read.ok) throw new Error(read.message);
    expect(read.migratedFrom).toBe(1);
    expect(read.session.schemaVersion).toBe(2);
    expect(read.session.alerts).toBeNull();
    const rebuilt = rebuildMarket(read.session, manualFrames);
    if (!rebuilt.ok) throw new Error(rebuilt.message);
    expect(rebuilt.market.surveillance.alerts()).toEqual(market.surveillance.alerts());
    expect(messageOf(JSON.stringify({ ...rest, schemaVersion: 1, view: null }))).toMatch(/: view: /);
  });
});

/** Every path to a value inside a JSON document, e.g. ['market', 'settings', 'speed']. */
function jsonPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const paths = [prefix];
  if (Array.isArray(value)) value.forEach((item, index) => paths.push(...jsonPaths(item, [...prefix, index])));
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) paths.push(...jsonPaths(item, [...prefix, key]));
  return paths;
}

function replaceAt(document: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(document) ? [...document] : { ...(document as object) }) as Record<string | number, unknown>;
  copy[head] = replaceAt(copy[head], rest, replacement);
  return copy;
}

describe('session import fuzzing', () => {
  const before = JSON.stringify(market.exchange.snapshot());
  const valid = file();
  const paths = jsonPaths(valid);
  const oddValue = fc.oneof(
    fc.constantFrom<unknown>(null, true, [], {}, ...EDGE_NUMBERS.filter(Number.isFinite)),
    hostileText(20),
    fc.jsonValue({ maxDepth: 2 }),
  );

  /** Import as the app does: read, then rebuild; every refusal carries a reason and nothing throws. */
  function importText(text: string): { ok: boolean } {
    const read = readSessionFile(text);
    if (!read.ok) {
      expect(read.message.length).toBeGreaterThan(10);
      return read;
    }
    const rebuilt = rebuildMarket(read.session, manualFrames);
    if (!rebuilt.ok) expect(rebuilt.message.length).toBeGreaterThan(10);
    return rebuilt;
  }

  it('any text at all is refused with a reason, never a crash', () => {
    fc.assert(
      fc.property(hostileText(200), (text) => {
        expect(importText(text).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('any JSON shape and any JSON number literal are refused with a reason', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        expect(importText(JSON.stringify(value)).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
    for (const literal of JSON_NUMBER_LITERALS) expect(importText(`{"schemaVersion": ${literal}}`).ok).toBe(false);
  });

  it('a valid file with any one value swapped for an odd one imports or is refused with a reason; the open market is untouched', () => {
    fc.assert(
      fc.property(fc.nat(paths.length - 1), oddValue, (index, replacement) => {
        importText(JSON.stringify(replaceAt(valid, paths[index], replacement)));
      }),
      { numRuns: 150 },
    );
    expect(JSON.stringify(market.exchange.snapshot())).toBe(before);
  });
});
