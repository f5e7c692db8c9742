import { z } from 'zod';
import type { Input } from './types.ts';

/**
 * Shape checks for actions that arrive as JSON (the command line, files, persisted journals).
 * Amounts are only checked to be numbers here: whether they are whole, positive and in range
 * is the engine's business, so the same reason codes come back however an action arrives.
 */
const amount = z.custom<number>((value) => typeof value === 'number', { message: 'expected a number' });
const side = z.enum(['buy', 'sell']);
const selfTrade = z.enum(['cancelNewest', 'cancelOldest', 'cancelBoth', 'decrement']);

const rule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('maxVolume'), reference: amount.optional() }),
  z.object({ kind: z.literal('kDouble'), k: amount }),
  z.object({ kind: z.literal('mcafee') }),
]);

const actionSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('limit'),
    id: z.string(),
    trader: z.string(),
    asset: z.string(),
    side,
    price: amount,
    qty: amount,
    tif: z.enum(['GTC', 'IOC', 'FOK']).optional(),
    postOnly: z.boolean().optional(),
    stp: selfTrade.optional(),
  }),
  z.object({
    op: z.literal('market'),
    id: z.string(),
    trader: z.string(),
    asset: z.string(),
    side,
    qty: amount,
    stp: selfTrade.optional(),
  }),
  z.object({ op: z.literal('cancel'), id: z.string() }),
  z.object({ op: z.literal('modify'), id: z.string(), price: amount.optional(), qty: amount.optional() }),
  z.object({ op: z.literal('auction'), asset: z.string(), rule: rule.optional() }),
  z.object({ op: z.literal('phase'), asset: z.string(), phase: z.enum(['continuous', 'call']) }),
  z.object({ op: z.literal('list'), asset: z.string() }),
  z.object({ op: z.literal('delist'), asset: z.string(), note: z.string().optional() }),
  z.object({ op: z.literal('cancelAll'), asset: z.string(), trader: z.string().optional() }),
]);

function stringField(raw: unknown, key: string): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const value = (raw as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : null;
}

/** A validated action, or an `invalid` input naming the first failing field. */
export function parseInput(raw: unknown): Input {
  const result = actionSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.length > 0 ? issue.path.join('.') : null;
  const detail = field === null ? issue.message : `${field}: ${issue.message}`;
  return { op: 'invalid', originalOp: stringField(raw, 'op'), id: stringField(raw, 'id'), field, detail };
}

/** Parses one line of JSON text into an input; unreadable JSON becomes an `invalid` input. */
export function parseLine(line: string): Input {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (error) {
    return { op: 'invalid', originalOp: null, id: null, field: null, detail: `not JSON: ${(error as Error).message}` };
  }
  return parseInput(raw);
}
