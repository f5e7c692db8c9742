/**
 * fast-check generators of random action streams for the engine's property tests: few traders
 * (so self-trades happen), prices around 100 with the odd invalid value, every order type and
 * option, and order ids from a pool chosen by the test.
 */
import fc from 'fast-check';
import type { AuctionRule, Input, SelfTradeMode } from '../types.ts';

export const ASSETS = ['cat', 'dog'] as const;
const TRADERS = ['t1', 't2', 't3', 't4', 't5'];

/** `size` ids o0, o1, ...: a small pool makes cancels, modifies and duplicate ids hit live orders. */
export const idPool = (size: number) => fc.constantFrom(...Array.from({ length: size }, (_, i) => `o${i}`));

const asset = fc.constantFrom<string>(...ASSETS);
const trader = fc.constantFrom(...TRADERS);
const side = fc.constantFrom('buy' as const, 'sell' as const);
const stp = fc.option(fc.constantFrom<SelfTradeMode>('cancelNewest', 'cancelOldest', 'cancelBoth', 'decrement'), {
  nil: undefined,
});
const badAmount = fc.constantFrom(0, -2, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1e12);
const price = fc.oneof({ weight: 40, arbitrary: fc.integer({ min: 94, max: 106 }) }, { weight: 1, arbitrary: badAmount });
const qty = fc.oneof({ weight: 40, arbitrary: fc.integer({ min: 1, max: 12 }) }, { weight: 1, arbitrary: badAmount });
const rule: fc.Arbitrary<AuctionRule | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record({ kind: fc.constant('maxVolume' as const), reference: fc.integer({ min: 90, max: 110 }) }),
  fc.record({ kind: fc.constant('kDouble' as const), k: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.constant({ kind: 'mcafee' as const }),
);

/** Random actions (and the odd invalid input) with order ids drawn from `id`. */
export function actionsWith(id: fc.Arbitrary<string>): fc.Arbitrary<Input> {
  const limit = fc.record({
    op: fc.constant('limit' as const),
    id,
    trader,
    asset,
    side,
    price,
    qty,
    tif: fc.constantFrom('GTC' as const, 'GTC' as const, 'GTC' as const, 'IOC' as const, 'FOK' as const),
    postOnly: fc.constantFrom(false, false, false, true),
    stp,
  });
  const market = fc.record({ op: fc.constant('market' as const), id, trader, asset, side, qty, stp });
  const modify = fc.record({ op: fc.constant('modify' as const), id, price, qty }, { requiredKeys: ['op', 'id'] });
  const phase = fc.constantFrom('call' as const, 'continuous' as const);
  const invalid = fc.record({
    op: fc.constant('invalid' as const),
    originalOp: fc.constantFrom('limit', null),
    id: fc.option(id, { nil: null }),
    field: fc.constantFrom('side', 'op'),
    detail: fc.constant('bad input'),
  });
  return fc.oneof(
    { weight: 40, arbitrary: limit },
    { weight: 6, arbitrary: market },
    { weight: 12, arbitrary: fc.record({ op: fc.constant('cancel' as const), id }) },
    { weight: 25, arbitrary: modify },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('auction' as const), asset, rule }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('phase' as const), asset, phase }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('cancelAll' as const), asset, trader: fc.option(trader, { nil: undefined }) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('delist' as const), asset }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('list' as const), asset }) },
    { weight: 1, arbitrary: invalid },
  ) as fc.Arbitrary<Input>;
}

export const actionArbitrary = actionsWith(idPool(40));
