import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { colourScale, packRgba, RAMP_HEX, RAMP_RGBA, shareColours } from './colour';
import { RAMP_STEPS } from './layout';

describe('colourScale', () => {
  it('maps 0..max linearly onto the ramp', () => {
    const scale = colourScale(0.5, false);
    expect(scale.domain).toEqual([0, 0.5]);
    expect(scale.position(0)).toBe(0);
    expect(scale.position(0.125)).toBe(0.25);
    expect(scale.position(0.5)).toBe(1);
    expect(scale.position(2)).toBe(1);
    expect(scale.position(Number.NaN)).toBe(0);
    expect(scale.index(0.5)).toBe(RAMP_STEPS - 1);
    expect(scale.index(0.25)).toBe(RAMP_STEPS / 2);
  });

  it('spans three decades on a log scale, floored at the smallest positive value', () => {
    expect(colourScale(0.8, true).domain).toEqual([0.8e-3, 0.8]);
    expect(colourScale(0.8, true, 0.01).domain).toEqual([0.01, 0.8]);
    const scale = colourScale(1, true);
    expect(scale.position(0)).toBe(0);
    expect(scale.position(1e-5)).toBe(0);
    expect(scale.position(0.01)).toBeCloseTo(1 / 3, 12);
    expect(scale.position(0.1)).toBeCloseTo(2 / 3, 12);
  });

  it('falls back to 0..1 when there is nothing to show', () => {
    expect(colourScale(0, false).domain).toEqual([0, 1]);
    expect(colourScale(0.3, true, 0.3).position(0.3)).toBe(1);
  });

  it('places values where its D3 axis scale does', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-4, max: 1, noNaN: true }),
        fc.boolean(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (max, log, fraction) => {
          const scale = colourScale(max, log);
          const value = scale.domain[0] + fraction * (max - scale.domain[0]);
          expect(scale.position(value)).toBeCloseTo(scale.axis([0, 1])(value), 9);
        },
      ),
    );
  });
});

describe('ramp', () => {
  it('packs pixels in ImageData byte order', () => {
    const bytes = new Uint8ClampedArray(new Uint32Array([packRgba('#102030')]).buffer);
    expect(Array.from(bytes)).toEqual([0x10, 0x20, 0x30, 255]);
    expect(RAMP_RGBA).toHaveLength(RAMP_STEPS);
    expect(RAMP_RGBA[0]).toBe(packRgba(RAMP_HEX[0]));
  });

  it('runs from dark to light (viridis)', () => {
    expect(RAMP_HEX[0]).toMatch(/^#4[0-9a-f]0[0-9a-f]5[0-9a-f]$/);
    expect(RAMP_HEX[RAMP_STEPS - 1]).toMatch(/^#f[0-9a-f]e[0-9a-f]2[0-9a-f]$/);
  });
});

describe('shareColours', () => {
  it('puts white text on dark chips and black text on light ones', () => {
    expect(shareColours(0, 0.4)).toEqual({ background: RAMP_HEX[0], text: '#ffffff' });
    expect(shareColours(0.4, 0.4)).toEqual({ background: RAMP_HEX[RAMP_STEPS - 1], text: '#000000' });
  });
});
