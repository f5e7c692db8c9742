/**
 * The order ticket under arbitrary input: whatever is typed into price and quantity, and whatever
 * asset a stale form names, placing or modifying an order never throws, a refused order always
 * says why, and a refusal leaves the books and the user's orders exactly as they were.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileText, numberText } from '../../security/hostileInput.ts';
import { MAX_PRICE, MAX_QTY } from '../types.ts';
import { type FrameScheduler, LiveMarket } from './liveMarket.ts';
import type { OrderForm } from './orderForm.ts';
import type { Mechanism } from './snapshot.ts';

const TOKENS = ['▁the', '▁cat', '<img src=x onerror=alert(1)>', '▁on', '😀', '▁mat'];
const SHARES = [0.1, 0.35, 0.2, 0.05, 0.1, 0.2];
const FIELDS = new Set(['asset', 'price', 'qty', 'tif', 'postOnly', null]);

/** A market with agents' orders resting on every asset; frames never run (nothing here draws). */
function marketWithBooks(mechanism: Mechanism = 'continuous'): LiveMarket {
  const idle: FrameScheduler = { request: () => () => undefined };
  let time = 1_000;
  const market = new LiveMarket({ scheduler: idle, now: () => (time += 1), seed: 7 });
  market.setAttention({ tokens: TOKENS, shares: SHARES });
  for (let i = 0; i < 80; i += 1) market.step();
  // In the call mechanism the books only collect: the exchange refuses IOC, FOK and market orders.
  market.setMechanism(mechanism);
  return market;
}

/** Everything a refusal must leave alone: the books and the user's resting orders. */
function state(market: LiveMarket) {
  const { books } = market.exchange.snapshot();
  return { books, userOrders: market.snapshot().userOrders };
}

const form = (assets: readonly string[]): fc.Arbitrary<OrderForm> =>
  fc.record({
    asset: fc.oneof(fc.constantFrom(...assets), hostileText()),
    side: fc.constantFrom('buy', 'sell'),
    type: fc.constantFrom('limit', 'market'),
    tif: fc.constantFrom('GTC', 'IOC', 'FOK'),
    postOnly: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, fc.constant(true)),
    price: fc.oneof(numberText(), fc.integer({ min: 1, max: 300 }).map(String)),
    qty: fc.oneof(numberText(), fc.integer({ min: 1, max: 5 }).map(String)),
  });

const isAmount = (value: number, max: number) => Number.isInteger(value) && value >= 1 && value <= max;

function expectReasons(problems: readonly { field: string | null; message: string }[]): void {
  expect(problems.length).toBeGreaterThan(0);
  for (const problem of problems) {
    expect(FIELDS.has(problem.field)).toBe(true);
    expect(problem.message.trim()).not.toBe('');
  }
}

describe('order entry under arbitrary input', () => {
  const assets = marketWithBooks()
    .snapshot()
    .assets.map((asset) => asset.id);

  it('accepts exactly the whole, in-range amounts; refuses everything else with a reason and no change', () => {
    fc.assert(
      fc.property(fc.constantFrom<Mechanism>('continuous', 'call'), fc.array(form(assets), { minLength: 1, maxLength: 12 }), (mechanism, forms) => {
        const market = marketWithBooks(mechanism);
        for (const ticket of forms) {
          const before = state(market);
          const seq = market.exchange.seq;
          const result = market.placeOrder(ticket);
          if (result.ok) {
            const accepted = result.events.find((event) => event.type === 'accepted');
            expect(accepted).toMatchObject({ id: result.id, qty: Number(ticket.qty) });
            expect(isAmount(Number(ticket.qty), MAX_QTY)).toBe(true);
            if (ticket.type === 'limit') {
              expect(accepted).toMatchObject({ price: Number(ticket.price) });
              expect(isAmount(Number(ticket.price), MAX_PRICE)).toBe(true);
            }
          } else {
            expectReasons(result.problems);
            expect(state(market)).toEqual(before);
            // Refused by the form: nothing reached the exchange. Refused by the exchange: one
            // `rejected` event, journaled like any input.
            expect(market.exchange.seq - seq).toBeLessThanOrEqual(1);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('modifying a resting order with arbitrary text either applies exactly that or changes nothing', () => {
    fc.assert(
      fc.property(numberText(), numberText(), (price, qty) => {
        const market = marketWithBooks();
        const placed = market.placeOrder({ asset: assets[0], side: 'buy', type: 'limit', tif: 'GTC', postOnly: false, price: '1', qty: '2' });
        if (!placed.ok) throw new Error(`the resting order was refused: ${placed.problems[0].message}`);
        const before = state(market);
        const problems = market.modifyOrder(placed.id, price, qty);
        if (problems.length === 0) {
          expect(isAmount(Number(price), MAX_PRICE) && isAmount(Number(qty), MAX_QTY)).toBe(true);
          // A new price may cross the book and fill the order, in part or whole.
          const resting = market.exchange.order(placed.id);
          if (resting !== undefined) expect(resting.price).toBe(Number(price));
        } else {
          expectReasons(problems);
          expect(state(market)).toEqual(before);
        }
      }),
      { numRuns: 300 },
    );
  });
});
