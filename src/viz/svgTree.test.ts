import { describe, expect, it } from 'vitest';
import { escapeXml, svg, svgDocument, svgToString } from './svgTree';

describe('svg tree', () => {
  it('escapes markup in text and attributes', () => {
    const node = svg('g', { 'aria-label': 'a "b" <c>' }, [svg('text', { x: 1 }, '</text><script>alert(1)</script> & \'q\'')]);
    expect(svgToString(node)).toBe(
      '<g aria-label="a &quot;b&quot; &lt;c&gt;"><text x="1">&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &apos;q&apos;</text></g>',
    );
  });

  it('replaces characters XML cannot hold', () => {
    expect(escapeXml('a\u0000b\u0007c\uD800d\t\n\u{1F600}')).toBe('a\uFFFDb\uFFFDc\uFFFDd\t\n\u{1F600}');
  });

  it('writes a standalone document with the SVG namespace', () => {
    const text = svgDocument(svg('svg', { width: 2, height: 3 }, [svg('rect', { width: 1, height: 1 })]));
    expect(text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="2" height="3"><rect width="1" height="1"/></svg>\n',
    );
  });
});
