import { interpolateViridis, rgb, scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3';
import { RAMP_STEPS } from './layout';

/** Viridis: perceptually uniform, readable with the common colour-vision deficiencies and in greyscale. */
export const rampColour = interpolateViridis;

/** The ramp as hex strings, one per lookup step. */
export const RAMP_HEX: readonly string[] = Array.from({ length: RAMP_STEPS }, (_, k) => rgb(rampColour((k + 0.5) / RAMP_STEPS)).formatHex());

/** A CSS colour as one opaque ImageData pixel (byte order R, G, B, A whatever the platform's endianness). */
export function packRgba(colour: string): number {
  const { r, g, b } = rgb(colour);
  return new Uint32Array(new Uint8ClampedArray([r, g, b, 255]).buffer)[0];
}

/** The ramp as packed ImageData pixels. */
export const RAMP_RGBA: Uint32Array = Uint32Array.from(RAMP_HEX, packRgba);

/** A log scale spans this many decades below the largest value; smaller weights get the lowest colour. */
const LOG_DECADES = 3;

export interface ColourScale {
  readonly log: boolean;
  /** Values mapped to the two ends of the ramp. */
  readonly domain: readonly [number, number];
  /** Where a value falls on the ramp, 0..1 (clamped). */
  position(value: number): number;
  /** Index into RAMP_RGBA / RAMP_HEX. */
  index(value: number): number;
  /** Writes the ramp pixels of values[from..to) into `out` from `at` (the cell-painting loop). */
  paint(values: ArrayLike<number>, from: number, to: number, out: Uint32Array, at: number): void;
  /** The D3 scale from values to `range`, for legend axes. */
  axis(range: readonly [number, number]): ScaleContinuousNumeric<number, number>;
}

/**
 * Colour scale from 0 (linear) or from max / 10^3 (log, but never below the smallest positive
 * value) up to `max`. A max of 0 (nothing to show) falls back to 1.
 */
export function colourScale(max: number, log: boolean, minPositive = 0): ColourScale {
  const hi = max > 0 ? max : 1;
  const lo = log ? Math.min(hi, Math.max(hi * 10 ** -LOG_DECADES, minPositive)) : 0;
  const origin = log ? Math.log(lo) : 0;
  const span = (log ? Math.log(hi) : hi) - origin;
  const steps = RAMP_STEPS / span;
  return {
    log,
    domain: [lo, hi],
    position: (value) => {
      if (value >= hi) return 1;
      if (!(value > lo)) return 0; // NaN too
      return ((log ? Math.log(value) : value) - origin) / span;
    },
    index: (value) => rampIndex(value, lo, hi, origin, steps, log),
    paint: (values, from, to, out, at) => {
      for (let c = from; c < to; c++) out[at + c - from] = RAMP_RGBA[rampIndex(values[c], lo, hi, origin, steps, log)];
    },
    axis: (range) => (log ? scaleLog() : scaleLinear()).domain([lo, hi]).range(range).clamp(true),
  };
}

/** A top-level function of plain numbers, so that V8 inlines it into the painting loops. */
function rampIndex(value: number, lo: number, hi: number, origin: number, steps: number, log: boolean): number {
  if (value >= hi) return RAMP_STEPS - 1;
  if (!(value > lo)) return 0;
  return Math.min(RAMP_STEPS - 1, Math.floor(((log ? Math.log(value) : value) - origin) * steps));
}

/** Background and readable text colour of a token chip coloured by its attention share. */
export function shareColours(share: number, maxShare: number): { background: string; text: string } {
  const background = RAMP_HEX[colourScale(maxShare, false).index(share)];
  return { background, text: relativeLuminance(background) > 0.179 ? '#000000' : '#ffffff' };
}

/** WCAG relative luminance; 0.179 is where black and white text have equal contrast. */
function relativeLuminance(hex: string): number {
  const { r, g, b } = rgb(hex);
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}
