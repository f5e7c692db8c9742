import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayJsonLines } from './replayCli.ts';

const INPUT = [
  '{"op":"limit","id":"a1","trader":"t1","asset":"cat","side":"buy","price":105,"qty":10,"tif":"GTC","postOnly":false}',
  '{"op":"market","id":"a2","trader":"t2","asset":"cat","side":"sell","qty":4}',
  '',
  '{"op":"modify","id":"a1","price":104,"qty":6}',
  '{"op":"limit","id":"a3","trader":"t1","asset":"cat","side":"sideways","price":1,"qty":1}',
  'not json',
  '{"op":"limit","id":"a4","trader":"t1","asset":"cat","side":"buy","price":1e400,"qty":1}',
  '{"op":"cancel","id":"a1"}',
  '{"op":"auction","asset":"cat"}',
].join('\n');

function replay(text: string) {
  const lines: string[] = [];
  replayJsonLines(text, (line) => lines.push(line));
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('market replay', () => {
  it('turns JSON lines into numbered events, rejecting malformed lines with the failing field', () => {
    const events = replay(INPUT);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.map((e) => e.type)).toEqual([
      'listed',
      'accepted',
      'bbo',
      'accepted',
      'trade',
      'bbo',
      'modified',
      'bbo',
      'rejected',
      'rejected',
      'rejected',
      'cancelled',
      'bbo',
      'auction',
    ]);
    expect(events[4]).toEqual({
      seq: 5,
      time: 2,
      type: 'trade',
      asset: 'cat',
      price: 105,
      qty: 4,
      makerId: 'a1',
      takerId: 'a2',
      buyer: 't1',
      seller: 't2',
      takerSide: 'sell',
    });
    expect(events[6]).toMatchObject({ time: 4, price: 104, qty: 6, oldQty: 6 });
    expect(events[8]).toMatchObject({ id: 'a3', reason: 'invalidMessage', field: 'side' });
    expect(events[8].detail).toMatch(/^side: /);
    expect(events[9]).toMatchObject({ id: null, reason: 'invalidMessage', field: null });
    expect(events[10]).toMatchObject({ id: 'a4', reason: 'priceNotFinite', field: 'price' });
  });

  it('runs as a command: exit 0 with events on stdout, 1 when the file cannot be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'market-cli-'));
    const file = join(dir, 'actions.jsonl');
    writeFileSync(file, INPUT);
    const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
    const stdout = execFileSync(tsx, ['scripts/market-cli.ts', 'replay', file], { encoding: 'utf8' });
    expect(stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual(replay(INPUT));
    const missing = spawnSync(tsx, ['scripts/market-cli.ts', 'replay', join(dir, 'missing.jsonl')], { encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('cannot read');
    expect(missing.stdout).toBe('');
  });
});
