/**
 * The user's order ticket: what the form holds (text as typed) and its conversion into an
 * exchange action. Anything invalid is reported per field and never becomes an action.
 */
import type { LimitAction, MarketAction, Side, TimeInForce } from '../types.ts';
import { checkAmount } from '../validation.ts';

export type OrderType = 'limit' | 'market';

export interface OrderForm {
  asset: string;
  side: Side;
  type: OrderType;
  tif: TimeInForce;
  postOnly: boolean;
  /** As typed; ignored for market orders. */
  price: string;
  qty: string;
}

export type OrderField = 'asset' | 'price' | 'qty' | 'tif' | 'postOnly';

/** A message for one field of the form (or for the whole order when `field` is null). */
export interface FieldProblem {
  field: OrderField | null;
  message: string;
}

export type OrderDraft = Omit<LimitAction, 'id' | 'trader'> | Omit<MarketAction, 'id' | 'trader'>;

/** A typed amount: empty text says so; anything else must pass the engine's own checks. */
export function amountProblem(kind: 'price' | 'qty', text: string): string | null {
  if (text.trim() === '') return kind === 'price' ? 'Enter a price in ticks' : 'Enter a quantity in lots';
  const rejection = checkAmount(kind, Number(text), kind === 'price' ? 'Price' : 'Quantity');
  return rejection === null ? null : rejection.detail;
}

/** The action the form describes, or the problems that keep it from being one. */
export function readOrderForm(form: OrderForm, listed: ReadonlySet<string>): { draft: OrderDraft } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const add = (field: OrderField, message: string | null) => {
    if (message !== null) problems.push({ field, message });
  };
  add('asset', listed.has(form.asset) ? null : 'Choose an asset that is listed');
  if (form.type === 'limit') add('price', amountProblem('price', form.price));
  add('qty', amountProblem('qty', form.qty));
  if (form.postOnly && (form.type !== 'limit' || form.tif !== 'GTC')) {
    add('postOnly', 'Post-only applies to good-till-cancelled limit orders only');
  }
  if (problems.length > 0) return { problems };
  const { asset, side } = form;
  const qty = Number(form.qty);
  if (form.type === 'market') return { draft: { op: 'market', asset, side, qty } };
  return { draft: { op: 'limit', asset, side, qty, price: Number(form.price), tif: form.tif, postOnly: form.postOnly } };
}
