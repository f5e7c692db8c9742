/**
 * The SVG export with arbitrary token labels and titles (markup, entities, control characters,
 * lone surrogates): the document stays well-formed XML, no label can open a tag or an entity,
 * and every label and the title read back exactly, with only the characters XML cannot hold
 * replaced by U+FFFD.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileText } from '../security/hostileInput.ts';
import type { HeatmapFigure } from '../viz/figure';
import { truncateLabel } from '../viz/format';
import { HEATMAP_LAYOUT } from '../viz/layout';
import { heatmapSvg } from './figure';

/** The Char production of XML 1.0. */
function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

/** What XML can carry of a text: each character it cannot hold becomes U+FFFD. */
const storable = (text: string) => Array.from(text, (char) => (isXmlChar(char.codePointAt(0) as number) ? char : '\uFFFD')).join('');

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescape = (text: string) => text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name]);

/** Character data and attribute values: no markup characters except as one of the five entities. */
const CHARACTER_DATA = /^(?:[^<>&"]|&(?:amp|lt|gt|quot|apos);)*$/;
const TAG = /<(\/?)([a-zA-Z]+)((?:\s+[a-zA-Z][\w:.-]*="[^"]*")*)\s*(\/?)>/y;

interface TextElement {
  attrs: Record<string, string>;
  text: string;
}

/**
 * Walks the document tag by tag (after the XML declaration): tags balance, attribute values and
 * text between tags are proper character data, every character is an XML character. Returns the
 * <text> elements with their unescaped content.
 */
function readSvg(document: string): TextElement[] {
  expect(Array.from(document).find((char) => !isXmlChar(char.codePointAt(0) as number))).toBeUndefined();
  const declaration = '<?xml version="1.0" encoding="UTF-8"?>\n';
  expect(document.startsWith(declaration)).toBe(true);
  const body = document.slice(declaration.length).trimEnd();
  const stack: string[] = [];
  const texts: TextElement[] = [];
  let open: TextElement | null = null;
  let position = 0;
  while (position < body.length) {
    const next = body.indexOf('<', position);
    const data = body.slice(position, next < 0 ? body.length : next);
    expect(data).toMatch(CHARACTER_DATA);
    if (open !== null) open.text += unescape(data);
    if (next < 0) break;
    TAG.lastIndex = next;
    const tag = TAG.exec(body);
    if (tag === null) throw new Error(`not a tag at ${next}: ${body.slice(next, next + 40)}`);
    const [whole, closing, name, attrText, selfClosing] = tag;
    const attrs = Object.fromEntries(
      [...attrText.matchAll(/([a-zA-Z][\w:.-]*)="([^"]*)"/g)].map(([, key, value]) => {
        expect(value).toMatch(CHARACTER_DATA);
        return [key, unescape(value)];
      }),
    );
    if (closing) {
      expect(stack.pop()).toBe(name);
      if (name === 'text' && open !== null) texts.push(open);
      open = null;
    } else if (!selfClosing) {
      stack.push(name);
      if (name === 'text') open = { attrs, text: '' };
    }
    position = next + whole.length;
  }
  expect(stack).toEqual([]);
  return texts;
}

const figure: fc.Arbitrary<HeatmapFigure> = fc.integer({ min: 1, max: 6 }).chain((size) =>
  fc.record({
    matrix: fc.constant({ size, values: Float32Array.from({ length: size * size }, (_, i) => ((i * 7) % 11) / 11) }),
    rowLabels: fc.array(hostileText(), { minLength: size, maxLength: size }),
    colLabels: fc.array(hostileText(), { minLength: size, maxLength: size }),
    causal: fc.boolean(),
    title: hostileText(),
    logScale: fc.boolean(),
  }),
);

describe('SVG export under arbitrary labels', () => {
  it('stays well-formed and carries every label and the title as text', () => {
    fc.assert(
      fc.property(figure, (input) => {
        const texts = readSvg(heatmapSvg(input));
        expect(texts.some((element) => element.text === storable(input.title))).toBe(true);
        for (const [axis, labels] of [['row', input.rowLabels], ['col', input.colLabels]] as const) {
          labels.forEach((label, index) => {
            const shown = texts.find((element) => element.attrs['data-axis'] === axis && element.attrs['data-index'] === String(index));
            expect(shown?.text).toBe(storable(truncateLabel(label, HEATMAP_LAYOUT.labelChars)));
          });
        }
      }),
      { numRuns: 300 },
    );
  });
});
