/**
 * A small SVG element tree: figures are described once and then either written out as a
 * standalone document (exports, no DOM needed) or built as live DOM nodes (the on-screen view).
 */
export interface SvgNode {
  tag: string;
  attrs: Readonly<Record<string, string | number>>;
  children: readonly SvgNode[];
  /** Text content (set with textContent in the DOM, escaped in documents). */
  text?: string;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg(tag: string, attrs: Record<string, string | number> = {}, content: readonly SvgNode[] | string = []): SvgNode {
  return typeof content === 'string' ? { tag, attrs, children: [], text: content } : { tag, attrs, children: content };
}

/** Escapes text and attribute values; characters XML cannot hold become U+FFFD. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function svgToString(node: SvgNode): string {
  const attrs = Object.entries(node.attrs)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
  if (node.text !== undefined) return `<${node.tag}${attrs}>${escapeXml(node.text)}</${node.tag}>`;
  if (node.children.length === 0) return `<${node.tag}${attrs}/>`;
  return `<${node.tag}${attrs}>${node.children.map(svgToString).join('')}</${node.tag}>`;
}

/** A standalone SVG file: XML declaration and namespaces on the root element. */
export function svgDocument(root: SvgNode): string {
  const withNamespace = { ...root, attrs: { xmlns: SVG_NS, ...root.attrs } };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svgToString(withNamespace)}\n`;
}

export function svgToDom(node: SvgNode, doc: Document = document): SVGElement {
  const element = doc.createElementNS(SVG_NS, node.tag);
  for (const [name, value] of Object.entries(node.attrs)) element.setAttribute(name, String(value));
  if (node.text !== undefined) element.textContent = node.text;
  for (const child of node.children) element.appendChild(svgToDom(child, doc));
  return element;
}
