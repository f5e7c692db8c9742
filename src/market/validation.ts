import { type Action, MAX_NAME_LENGTH, MAX_PRICE, MAX_QTY, type RejectReason } from './types.ts';

/** Why a value was refused: the reason code, the field at fault and a readable detail. */
export interface Rejection {
  reason: RejectReason;
  field: string | null;
  detail: string;
}

type Quantity = 'price' | 'qty';

const LIMITS: Record<Quantity, { max: number; unit: string }> = {
  price: { max: MAX_PRICE, unit: 'ticks' },
  qty: { max: MAX_QTY, unit: 'lots' },
};

/**
 * Checks that a price (ticks) or quantity (lots) is a finite positive integer no larger than
 * its documented maximum. Nothing is ever rounded: a value that fails is refused.
 */
export function checkAmount(kind: Quantity, value: number, field: string = kind): Rejection | null {
  const { max, unit } = LIMITS[kind];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    // The value is not echoed: NaN and Infinity become null in JSON, and a replayed journal must
    // reproduce the same event.
    return { reason: `${kind}NotFinite`, field, detail: `${field} must be a finite number` };
  }
  if (!Number.isInteger(value)) {
    return { reason: `${kind}NotInteger`, field, detail: `${field} must be a whole number of ${unit}, got ${value}` };
  }
  if (value <= 0) {
    return { reason: `${kind}NotPositive`, field, detail: `${field} must be at least 1, got ${value}` };
  }
  if (value > max) {
    return { reason: `${kind}AboveMax`, field, detail: `${field} must be at most ${max} ${unit}, got ${value}` };
  }
  return null;
}

/** Order ids, trader names and asset names: non-empty strings of bounded length. */
export function checkName(value: string, field: string): Rejection | null {
  if (typeof value === 'string' && value.length > 0 && value.length <= MAX_NAME_LENGTH) return null;
  return { reason: 'badName', field, detail: `${field} must be a string of 1 to ${MAX_NAME_LENGTH} characters` };
}

/**
 * The checks that need no engine state: names, amounts, option combinations. Both the engine
 * and the test reference engine run them first, in this order; the first failure is reported.
 */
export function staticRejection(action: Action): Rejection | null {
  switch (action.op) {
    case 'limit':
      return (
        checkName(action.id, 'id') ??
        checkName(action.trader, 'trader') ??
        checkName(action.asset, 'asset') ??
        checkAmount('price', action.price) ??
        checkAmount('qty', action.qty) ??
        (action.postOnly === true && (action.tif ?? 'GTC') !== 'GTC'
          ? { reason: 'postOnlyNotGtc', field: 'postOnly', detail: 'a post-only order must be GTC' }
          : null)
      );
    case 'market':
      return (
        checkName(action.id, 'id') ??
        checkName(action.trader, 'trader') ??
        checkName(action.asset, 'asset') ??
        checkAmount('qty', action.qty)
      );
    case 'modify':
      if (action.price === undefined && action.qty === undefined) {
        return { reason: 'nothingToModify', field: null, detail: 'give a new price, a new qty or both' };
      }
      return (
        (action.price === undefined ? null : checkAmount('price', action.price)) ??
        (action.qty === undefined ? null : checkAmount('qty', action.qty))
      );
    case 'auction': {
      const rule = action.rule;
      if (rule?.kind === 'kDouble' && !(rule.k >= 0 && rule.k <= 1)) {
        return { reason: 'kOutOfRange', field: 'rule.k', detail: `k must lie in [0, 1], got ${rule.k}` };
      }
      if (rule?.kind === 'maxVolume' && rule.reference !== undefined) {
        return checkAmount('price', rule.reference, 'rule.reference');
      }
      return checkName(action.asset, 'asset');
    }
    case 'cancel':
      return null;
    default:
      return checkName(action.asset, 'asset');
  }
}
