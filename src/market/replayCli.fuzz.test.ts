/**
 * The market's JSON-lines input under arbitrary text: the replay never throws, numbers every event,
 * answers every unreadable or invalid line with a `rejected` event that says why, and a rejected
 * input changes nothing but the sequence number. The real command line gets one nasty file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EDGE_NUMBERS, JSON_NUMBER_LITERALS, MARKUP_PAYLOADS, hostileText } from '../security/hostileInput.ts';
import { parseLine } from './actionSchema.ts';
import { ManualClock } from './clock.ts';
import { Exchange } from './exchange.ts';
import { replayJsonLines } from './replayCli.ts';
import type { MarketEvent } from './types.ts';

/** A JSON value written as text: any JSON, a number literal that does not survive parsing intact, or hostile text. */
const jsonValueText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...JSON_NUMBER_LITERALS),
  fc.json({ maxDepth: 2 }),
  hostileText().map((text) => JSON.stringify(text)),
);

/** Values that make a coherent stream: few ids and assets, prices near each other, so orders meet. */
const fieldValues: Record<string, fc.Arbitrary<string>> = {
  id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', '__proto__').map((id) => JSON.stringify(id)),
  trader: fc.constantFrom('t1', 't2', 't3').map((trader) => JSON.stringify(trader)),
  asset: fc.oneof({ weight: 6, arbitrary: fc.constant('cat') }, fc.constantFrom('dog', 'constructor', MARKUP_PAYLOADS[0])).map((asset) => JSON.stringify(asset)),
  side: fc.constantFrom('"buy"', '"sell"'),
  price: fc.oneof({ weight: 10, arbitrary: fc.integer({ min: 97, max: 103 }).map(String) }, fc.constantFrom(...JSON_NUMBER_LITERALS)),
  qty: fc.oneof({ weight: 10, arbitrary: fc.integer({ min: 1, max: 4 }).map(String) }, fc.constantFrom(...JSON_NUMBER_LITERALS)),
  tif: fc.constantFrom('"GTC"', '"IOC"', '"FOK"'),
  postOnly: fc.boolean().map(String),
  phase: fc.constantFrom('"call"', '"continuous"'),
  rule: fc.constantFrom('{"kind":"maxVolume"}', '{"kind":"maxVolume","reference":100}', '{"kind":"kDouble","k":0.5}', '{"kind":"mcafee"}'),
};

/** Each operation's required fields, then its optional ones. */
const SHAPES = new Map<string, [required: string[], optional: string[]]>([
  ['limit', [['id', 'trader', 'asset', 'side', 'price', 'qty'], ['tif', 'postOnly']]],
  ['market', [['id', 'trader', 'asset', 'side', 'qty'], []]],
  ['cancel', [['id'], []]],
  ['modify', [['id'], ['price', 'qty']]],
  ['auction', [['asset'], ['rule']]],
  ['phase', [['asset', 'phase'], []]],
  ['list', [['asset'], []]],
  ['delist', [['asset'], []]],
  ['cancelAll', [['asset'], ['trader']]],
]);

/** A field with a plausible value most of the time, anything at all otherwise. */
const field = (key: string): fc.Arbitrary<string> =>
  fc.oneof({ weight: 30, arbitrary: fieldValues[key] }, { weight: 1, arbitrary: jsonValueText }).map((value) => `${JSON.stringify(key)}:${value}`);

/**
 * An action of a known or unknown operation: its fields, some optional ones, now and then one
 * dropped, one extra key, or a duplicate key with another value.
 */
const actionLine: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 8, arbitrary: fc.constant('limit') },
    { weight: 6, arbitrary: fc.constantFrom('market', 'cancel', 'modify') },
    { weight: 2, arbitrary: fc.constantFrom(...SHAPES.keys()) },
    { weight: 1, arbitrary: fc.constantFrom('invalid', '__proto__', 'teleport') },
  )
  .chain((op) => {
    const [required, optional] = SHAPES.get(op) ?? [['id', 'asset'], []];
    return fc
      .tuple(
        fc.tuple(...required.map(field)),
        fc.subarray(optional).chain((keys) => fc.tuple(...keys.map(field))),
        fc.oneof({ weight: 20, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...Object.keys(fieldValues)).chain(field)) }),
        fc.nat({ max: required.length * 20 }),
      )
      .map(([fields, extras, added, drop]) => [`"op":${JSON.stringify(op)}`, ...fields.filter((_, i) => i !== drop), ...extras, ...added]);
  })
  .map((fields) => `{${fields.join(',')}}`);

/** A line of input: mostly action-like objects, sometimes any JSON or any text, sometimes blank. */
const line: fc.Arbitrary<string> = fc.oneof(
  { weight: 20, arbitrary: actionLine },
  { weight: 1, arbitrary: fc.json() },
  { weight: 1, arbitrary: hostileText(60).filter((text) => !text.includes('\n')) },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', '\r') },
);

function replay(text: string): MarketEvent[] {
  const out: string[] = [];
  replayJsonLines(text, (json) => out.push(json));
  return out.map((json) => JSON.parse(json) as MarketEvent);
}

/** A snapshot without its sequence number: the state a rejection must not touch. */
function books(exchange: Exchange) {
  const { seq: _seq, ...rest } = exchange.snapshot();
  return rest;
}

function expectReason(event: MarketEvent): void {
  if (event.type !== 'rejected') return;
  expect(typeof event.reason).toBe('string');
  expect(event.reason).not.toBe('');
  expect(event.detail.trim()).not.toBe('');
  expect(event.field === null || typeof event.field === 'string').toBe(true);
}

describe('market replay under arbitrary input', () => {
  it('numbers every event, keeps line order and gives every rejection a reason', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const events = replay(lines.join('\n'));
        expect(events.map((event) => event.seq)).toEqual(events.map((_, i) => i + 1));
        const times = events.map((event) => event.time);
        expect(times).toEqual([...times].sort((a, b) => a - b));
        for (const event of events) {
          expect(lines[event.time - 1].trim()).not.toBe('');
          expectReason(event);
        }
        // Every line that is not valid JSON of a known shape is answered with exactly one rejection.
        lines.forEach((text, index) => {
          if (text.trim() === '' || parseLine(text).op !== 'invalid') return;
          const answer = events.filter((event) => event.time === index + 1);
          expect(answer).toMatchObject([{ type: 'rejected', reason: 'invalidMessage' }]);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('a rejected input is the only event of its line and leaves the books unchanged', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), (lines) => {
        const clock = new ManualClock();
        const exchange = new Exchange({ clock, autoList: true });
        lines.forEach((text, index) => {
          if (text.trim() === '') return;
          clock.set(index + 1);
          const before = books(exchange);
          const events = exchange.apply(parseLine(text));
          if (events.some((event) => event.type === 'rejected')) {
            expect(events).toHaveLength(1);
            expect(books(exchange)).toEqual(before);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('the command line reads a nasty file without crashing and says why for every bad line', () => {
    const valid = (fields: Record<string, unknown>) => JSON.stringify({ op: 'limit', trader: 't1', asset: 'cat', side: 'buy', qty: 1, ...fields });
    const amountLine = (id: string, literal: string) => `{"op":"limit","id":"${id}","trader":"t1","asset":"cat","side":"sell","price":${literal},"qty":1}`;
    const lines: (string | Buffer)[] = [
      `\ufeff${valid({ id: 'bom', price: 100 })}`,
      `${valid({ id: 'crlf', price: 100 })}\r`,
      valid({ id: 'nul\u0000id', price: 101 }),
      Buffer.from([0x7b, 0x22, 0x6f, 0x70, 0x22, 0x3a, 0xff, 0xfe, 0x7d]), // {"op": then bytes that are not UTF-8
      amountLine('inf', '1e400'),
      amountLine('negzero', '-0'),
      amountLine('beyond53', '9007199254740993'),
      amountLine('fraction', '100.5'),
      valid({ id: 'x'.repeat(1_000_000), price: 100 }),
      `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      '{"op":"invalid","originalOp":"limit","id":"forged","field":null,"detail":"forged"}',
      '{"__proto__":{"op":"limit"},"op":"cancel","id":"a"}',
      ...MARKUP_PAYLOADS,
      ...EDGE_NUMBERS.map(String),
      valid({ id: 'ok', price: 102 }),
    ];
    const dir = mkdtempSync(join(tmpdir(), 'market-cli-fuzz-'));
    const file = join(dir, 'nasty.jsonl');
    writeFileSync(file, Buffer.concat(lines.map((part) => Buffer.concat([Buffer.from(part), Buffer.from('\n')]))));
    const cli = spawnSync(join(process.cwd(), 'node_modules', '.bin', 'tsx'), ['scripts/market-cli.ts', 'replay', file], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    const events = cli.stdout.trimEnd().split('\n').map((json) => JSON.parse(json) as MarketEvent);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, i) => i + 1));
    events.forEach(expectReason);

    const answerTo = (lineNumber: number) => events.filter((event) => event.time === lineNumber).map((event) => event.type === 'rejected' ? event.reason : event.type);
    // A byte-order mark makes the first line unreadable JSON; a trailing CR is whitespace.
    expect(answerTo(1)).toEqual(['invalidMessage']);
    expect(answerTo(2)).toEqual(['listed', 'accepted', 'bbo']);
    expect(answerTo(3)).toEqual(['accepted', 'bbo']);
    expect(answerTo(4)).toEqual(['invalidMessage']);
    expect(answerTo(5)).toEqual(['priceNotFinite']);
    expect(answerTo(6)).toEqual(['priceNotPositive']);
    expect(answerTo(7)).toEqual(['priceAboveMax']);
    expect(answerTo(8)).toEqual(['priceNotInteger']);
    expect(answerTo(9)).toEqual(['badName']);
    expect(answerTo(10)).toEqual(['invalidMessage']);
    expect(answerTo(11)).toEqual(['invalidMessage']);
    expect(answerTo(12)).toEqual(['unknownOrder']);
    // Markup and bare numbers are not JSON objects: one rejection each.
    const junk = lines.length - 13;
    for (let n = 13; n < 13 + junk; n += 1) expect(answerTo(n)).toEqual(['invalidMessage']);
    expect(answerTo(lines.length)).toEqual(['accepted', 'bbo']);
  }, 60_000);
});
