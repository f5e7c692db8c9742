import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFloat32, truncateLabel } from './format';

describe('formatFloat32', () => {
  it('writes float32 values without float64 noise', () => {
    expect(formatFloat32(Math.fround(0.1))).toBe('0.1');
    expect(formatFloat32(Math.fround(1 / 3))).toBe('0.33333334');
    expect(formatFloat32(1)).toBe('1');
    expect(formatFloat32(0)).toBe('0');
    expect(formatFloat32(Math.fround(1.5e-7))).toBe('1.5e-7');
  });

  it('reads back as the same float32, never longer than the float64 text', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const text = formatFloat32(value);
        expect(Object.is(Math.fround(Number(text)), value) || (value === 0 && Number(text) === 0)).toBe(true);
        expect(text.length).toBeLessThanOrEqual(String(value).length);
      }),
    );
  });

  it('refuses non-finite weights', () => {
    expect(() => formatFloat32(Number.NaN)).toThrow(RangeError);
    expect(() => formatFloat32(Infinity)).toThrow(RangeError);
  });
});

describe('truncateLabel', () => {
  it('keeps short labels and cuts long ones with an ellipsis', () => {
    expect(truncateLabel('fox', 5)).toBe('fox');
    expect(truncateLabel('abcdef', 5)).toBe('abcd\u2026');
    expect(truncateLabel('\u{1F600}\u{1F600}\u{1F600}', 2)).toBe('\u{1F600}\u2026');
  });
});
