import { z } from 'zod';

/**
 * Surveillance thresholds. Times are in the exchange clock's unit (milliseconds in the live
 * market, whose default speed gives each asset about 50 agent actions per second), sizes in
 * lots, distances in ticks. The defaults are documented beside each field; every field can be
 * changed while the surveillance runs (see Surveillance.configure) and applies to every later
 * check.
 */
const count = z.number().finite().min(0);
const configSchema = z.object({
  spoofing: z.object({
    /** Large: at least this many times the typical order size (default 5). */
    sizeMultiple: count,
    /** ...and at least this many times the quantity at the same-side touch before it (default 2). */
    touchDepthMultiple: count,
    /** Near the touch: at most this many ticks behind the same-side best price (default 2). */
    maxTicksFromTouch: count,
    /** Cancelled within this time of being placed (default 5,000 ms). */
    tauMs: count,
    /** Unfilled: at most this share of the order traded before it was pulled (default 0). */
    maxFilledFraction: z.number().min(0).max(1),
  }),
  layering: z.object({
    /** Orders of the pull lie at this many different prices at least (default 3). */
    minLevels: z.number().int().min(2),
    /** The first order is pulled within this time of the opposite fill (default 5,000 ms). */
    afterFillMs: count,
    /** "Together": the last order is pulled within this time of the first (default 1,000 ms). */
    pullSpanMs: count,
  }),
  washTrading: z.object({
    /** A round trip's second leg comes within this time of the first (default 60,000 ms). */
    roundTripWindowMs: count,
  }),
  /** Typical order size: the median quantity of this many latest orders in the asset (default 100). */
  typicalWindow: z.number().int().min(1),
  /**
   * Beneficial owner of each trader id (default: none; a trader not listed is its own owner).
   * Trades between two ids of one owner are wash trades, and spoofing and layering are judged
   * per owner, so a manipulator cannot hide behind a second account.
   */
  owners: z.record(z.string(), z.string()),
});

export type SurveillanceConfig = z.infer<typeof configSchema>;

/** Changes to some thresholds; `owners`, when given, replaces the whole mapping. */
export interface SurveillanceConfigPatch {
  spoofing?: Partial<SurveillanceConfig['spoofing']>;
  layering?: Partial<SurveillanceConfig['layering']>;
  washTrading?: Partial<SurveillanceConfig['washTrading']>;
  typicalWindow?: number;
  owners?: Record<string, string>;
}

export const DEFAULT_SURVEILLANCE_CONFIG: SurveillanceConfig = {
  spoofing: { sizeMultiple: 5, touchDepthMultiple: 2, maxTicksFromTouch: 2, tauMs: 5_000, maxFilledFraction: 0 },
  layering: { minLevels: 3, afterFillMs: 5_000, pullSpanMs: 1_000 },
  washTrading: { roundTripWindowMs: 60_000 },
  typicalWindow: 100,
  owners: {},
};

/** `base` with `patch` applied; throws a RangeError naming the first invalid field. */
export function patchConfig(base: SurveillanceConfig, patch: SurveillanceConfigPatch): SurveillanceConfig {
  const merged = {
    spoofing: { ...base.spoofing, ...patch.spoofing },
    layering: { ...base.layering, ...patch.layering },
    washTrading: { ...base.washTrading, ...patch.washTrading },
    typicalWindow: patch.typicalWindow ?? base.typicalWindow,
    owners: patch.owners ?? base.owners,
  };
  const result = configSchema.safeParse(merged);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new RangeError(`surveillance config ${issue.path.join('.')}: ${issue.message}`);
}
