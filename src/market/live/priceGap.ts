import { type CurveParams, demandAt, supplyAt } from '../curves.ts';

/** What the curves say at a price the user picks: a shortage below p*, a surplus above it. */
export interface PriceGap {
  price: number;
  demand: number;
  supply: number;
  /** |d(p) - s(p)| in curve units. */
  amount: number;
  kind: 'shortage' | 'surplus' | 'balanced';
}

/** Less than half a unit apart counts as balanced: the book trades whole lots. */
export function priceGap(params: CurveParams, price: number): PriceGap {
  const demand = demandAt(params, price);
  const supply = supplyAt(params, price);
  const amount = Math.abs(demand - supply);
  return { price, demand, supply, amount, kind: amount < 0.5 ? 'balanced' : demand > supply ? 'shortage' : 'surplus' };
}
