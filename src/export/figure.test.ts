import { describe, expect, it } from 'vitest';
import { RAMP_HEX } from '../viz/colour';
import type { HeatmapFigure } from '../viz/figure';
import { heatmapSvg } from './figure';

const figure: HeatmapFigure = {
  matrix: { size: 3, values: Float32Array.from([1, 0, 0, 0.5, 0.5, 0, 0.2, 0.3, 0.5]) },
  rowLabels: ['<s>', 'a&b', '"q"'],
  colLabels: ['<s>', 'a&b', '"q"'],
  causal: true,
  title: 'tiny <model> — Layer 0, head 1',
  logScale: false,
};

/** Every tag closes in order (a small well-formedness check; the browser test renders the file). */
function expectBalanced(text: string): void {
  const stack: string[] = [];
  for (const [, closing, name, selfClosing] of text.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (closing) expect(stack.pop()).toBe(name);
    else stack.push(name);
  }
  expect(stack).toEqual([]);
}

describe('heatmapSvg', () => {
  it('writes a standalone, balanced document with every text escaped', () => {
    const text = heatmapSvg(figure);
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expectBalanced(text);
    expect(text).toContain('>tiny &lt;model&gt; — Layer 0, head 1</text>');
    expect(text).toContain('>&lt;s&gt;</text>');
    expect(text).toContain('>a&amp;b</text>');
    expect(text).toContain('>&quot;q&quot;</text>');
    expect(text).not.toMatch(/<s>|<model>/);
  });

  it('draws unmasked cells as rects, merging runs of one colour, over a hatched mask', () => {
    const text = heatmapSvg(figure);
    const cells = [...text.matchAll(/<rect x="(\d+)" y="(\d+)" width="(\d+)" height="1" fill="(#[0-9a-f]{6})"\/>/g)].map(
      ([, x, y, width, fill]) => [Number(x), Number(y), Number(width), fill],
    );
    expect(cells).toEqual([
      [0, 0, 1, RAMP_HEX[255]],
      [0, 1, 2, RAMP_HEX[128]],
      [0, 2, 1, RAMP_HEX[51]],
      [1, 2, 1, RAMP_HEX[76]],
      [2, 2, 1, RAMP_HEX[128]],
    ]);
    expect(text).toContain('fill="url(#figure-hatch)"');
    expect(text).toContain('>masked</text>');
  });

  it('embeds the cells as one image when asked, and drops the hatch when nothing is masked', () => {
    const text = heatmapSvg({ ...figure, causal: false }, () => 'data:image/png;base64,AAAA');
    expectBalanced(text);
    expect(text).toContain('<image transform="translate(104,24) scale(93)" width="3" height="3" href="data:image/png;base64,AAAA"');
    expect(text).not.toMatch(/<rect x="\d+" y="\d+" width="\d+" height="1"/);
    expect(text).not.toContain('url(#figure-hatch)');
  });
});
