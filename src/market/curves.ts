/**
 * Parametric demand and supply for one attention asset, their equilibrium, and the unit
 * values and costs they induce for trading agents. Prices are in ticks (real-valued here;
 * induced values are whole ticks), quantities in curve units.
 */

export type DemandShape = 'linear' | 'isoelastic';

export interface CurveParams {
  demand: DemandShape;
  /** a_j: linear demand at price 0, or the isoelastic scale (demand at price 1). */
  demandScale: number;
  /** Isoelastic elasticity e > 0: d(p) = a p^-e. */
  elasticity: number;
  /** pmax: linear demand falls to 0 here; no demand above it for either shape. */
  priceCeiling: number;
  /** Lowest price considered (isoelastic demand is unbounded as p -> 0); at least 1 tick. */
  priceFloor: number;
  /** S_j: units offered once the price reaches `saturation`. */
  supplyQty: number;
  /** r: no unit is offered below this price. */
  reservation: number;
  /** psat > r: supply ramps linearly from 0 at r to S_j here. */
  saturation: number;
}

/** Slider settings shared by all assets; per-asset curves follow from the attention share. */
export interface CurveSettings {
  /** U: attention units supplied per run, split by share (S_j = round(w_j U)). */
  units: number;
  /** Demand scale per unit of share: a_j = demandPerShare * w_j. */
  demandPerShare: number;
  demand: DemandShape;
  elasticity: number;
  priceCeiling: number;
  priceFloor: number;
  reservation: number;
  saturation: number;
}

export const DEFAULT_CURVE_SETTINGS: CurveSettings = {
  units: 10_000,
  demandPerShare: 20_000,
  demand: 'linear',
  elasticity: 1.5,
  priceCeiling: 200,
  priceFloor: 1,
  reservation: 20,
  saturation: 150,
};

/**
 * The curves of an asset with attention share w in [0, 1], supplying S_j = round(w U). Demand
 * grows with the share relative to `meanShare` m, the mean share of the traded assets:
 * a_j = demandPerShare w (w / m). With m = w (the default) demand is proportional to the share
 * like supply, so every asset would have the same p*; against the mean, a token with more
 * attention than the average asset draws more than proportional demand and trades dearer.
 */
export function curvesForShare(share: number, settings: CurveSettings = DEFAULT_CURVE_SETTINGS, meanShare = share): CurveParams {
  const { units, demandPerShare, ...shape } = settings;
  const relative = meanShare > 0 ? share / meanShare : 1;
  return { ...shape, demandScale: demandPerShare * share * relative, supplyQty: Math.round(share * units) };
}

/** Throws a RangeError naming the first parameter that makes the curves meaningless. */
export function checkCurveParams(params: CurveParams): void {
  const { demandScale, elasticity, priceCeiling, priceFloor, supplyQty, reservation, saturation } = params;
  const problems: [boolean, string][] = [
    [demandScale >= 0, 'demandScale must be >= 0'],
    [params.demand === 'linear' || elasticity > 0, 'elasticity must be > 0'],
    [priceFloor >= 1, 'priceFloor must be >= 1 tick'],
    [priceCeiling > priceFloor, 'priceCeiling must exceed priceFloor'],
    [supplyQty >= 0 && Number.isInteger(supplyQty), 'supplyQty must be a whole number >= 0'],
    [reservation >= 0, 'reservation must be >= 0'],
    [saturation > reservation, 'saturation must exceed reservation'],
  ];
  for (const [ok, message] of problems) if (!ok) throw new RangeError(message);
}

export function demandAt(params: CurveParams, price: number): number {
  if (price > params.priceCeiling) return 0;
  if (params.demand === 'linear') return params.demandScale * Math.max(0, 1 - price / params.priceCeiling);
  return params.demandScale * Math.pow(Math.max(price, params.priceFloor), -params.elasticity);
}

export function supplyAt(params: CurveParams, price: number): number {
  const ramp = (price - params.reservation) / (params.saturation - params.reservation);
  return params.supplyQty * Math.min(1, Math.max(0, ramp));
}

/** Excess demand d(p) - s(p): positive means buyers want more than sellers offer. */
export function excessDemand(params: CurveParams, price: number): number {
  return demandAt(params, price) - supplyAt(params, price);
}

export interface Equilibrium {
  /** p*: where demand meets supply, or the bound of [floor, ceiling] where the gap closes most. */
  price: number;
  /** q* = traded quantity at p*: min(d(p*), s(p*)). */
  quantity: number;
  method: 'closedForm' | 'bisection';
}

/**
 * p* with d(p*) = s(p*) on [priceFloor, priceCeiling]. Linear demand has a closed form on each
 * piece of the supply curve; isoelastic demand against the supply ramp does not, so it is
 * solved by bisection on the non-increasing excess demand. When demand and supply never meet
 * inside the range, p* is the bound nearest to meeting (floor: supply swamps demand
 * everywhere; ceiling: demand exceeds supply up to the ceiling).
 */
export function equilibrium(params: CurveParams): Equilibrium {
  checkCurveParams(params);
  const at = (price: number, method: Equilibrium['method']): Equilibrium => ({
    price,
    quantity: Math.min(demandAt(params, price), supplyAt(params, price)),
    method,
  });
  const { priceFloor: floor, priceCeiling: ceiling } = params;
  if (excessDemand(params, floor) <= 0) return at(floor, 'closedForm');
  if (excessDemand(params, ceiling) >= 0) return at(ceiling, 'closedForm');
  if (params.demand === 'linear') return at(linearEquilibrium(params), 'closedForm');
  let low = floor;
  let high = ceiling;
  for (let i = 0; i < 200 && high - low > 1e-12 * high; i += 1) {
    const middle = (low + high) / 2;
    if (excessDemand(params, middle) > 0) low = middle;
    else high = middle;
  }
  return at((low + high) / 2, 'bisection');
}

/**
 * Linear demand a (1 - p/pmax) against supply: on the ramp, a (1 - p/pmax) = S (p - r)/(psat - r);
 * past it, against saturated supply, a (1 - p/pmax) = S. Called only when excess demand changes
 * sign inside (floor, ceiling), which implies S > 0 and r < pmax: demand exceeds the (zero)
 * supply at r, so the crossing lies above r.
 */
function linearEquilibrium(params: CurveParams): number {
  const { demandScale: a, priceCeiling: pmax, supplyQty: s, reservation: r, saturation: psat } = params;
  const slope = s / (psat - r);
  const onRamp = (a + slope * r) / (a / pmax + slope);
  return onRamp <= psat ? onRamp : pmax * (1 - s / a);
}

/** Price of the marginal unit at quantity q: the inverse of the demand curve. */
export function inverseDemand(params: CurveParams, quantity: number): number {
  const { demandScale: a, priceCeiling: pmax } = params;
  if (params.demand === 'linear') return pmax * (1 - quantity / a);
  return Math.min(pmax, Math.pow(a / quantity, 1 / params.elasticity));
}

/** Cost of the marginal unit at quantity q in [0, S]: the inverse of the supply ramp. */
export function inverseSupply(params: CurveParams, quantity: number): number {
  const { supplyQty: s, reservation: r, saturation: psat } = params;
  return r + ((psat - r) * quantity) / s;
}

/**
 * Unit values for buyers and unit costs for sellers that reproduce the curves as step
 * schedules. Each lot stands for `lotSize` curve units (chosen so that neither side exceeds
 * `maxLots`); lot i is valued at the curve's marginal price at the middle of its quantity
 * range, rounded to the nearest whole tick (orders are placed in ticks). Buyers' lots run
 * down to the price floor, sellers' up to S_j. The agents' competitive equilibrium then lies
 * within about one lot's price step (plus a tick) of the curves' p*: more lots, closer.
 */
export interface InducedUnits {
  /** Buyers' lot values, highest first. */
  values: number[];
  /** Sellers' lot costs, lowest first. */
  costs: number[];
  lotSize: number;
}

export function induceUnits(params: CurveParams, maxLots = 200): InducedUnits {
  checkCurveParams(params);
  const demandUnits = demandAt(params, params.priceFloor);
  const lotSize = Math.max(1, Math.ceil(Math.max(demandUnits, params.supplyQty) / maxLots));
  const values: number[] = [];
  for (let i = 0; (i + 1) * lotSize <= demandUnits; i += 1) {
    values.push(Math.max(params.priceFloor, Math.round(inverseDemand(params, (i + 0.5) * lotSize))));
  }
  const costs: number[] = [];
  for (let i = 0; (i + 1) * lotSize <= params.supplyQty; i += 1) {
    costs.push(Math.max(params.priceFloor, Math.round(inverseSupply(params, (i + 0.5) * lotSize))));
  }
  return { values, costs, lotSize };
}
