/** Small DOM helpers shared by the renderers (no markup strings: elements, styles, textContent). */

/**
 * Sets only the styles and attributes that differ: rewriting an unchanged value still
 * invalidates style and layout, which the next measurement then pays for.
 */
export function updateStyle(node: HTMLElement | SVGElement, style: Partial<Record<'display' | 'left' | 'top' | 'width' | 'height', string>>): void {
  for (const [name, value] of Object.entries(style) as [keyof typeof style, string][]) {
    if (node.style[name] !== value) node.style[name] = value;
  }
}

export function updateAttributes(node: Element, attrs: Readonly<Record<string, string | number>>): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (node.getAttribute(name) !== String(value)) node.setAttribute(name, String(value));
  }
}

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  style: Partial<CSSStyleDeclaration> = {},
  parent?: HTMLElement,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node.style, style);
  parent?.appendChild(node);
  return node;
}

/** Present for screen readers, invisible on screen. */
export const VISUALLY_HIDDEN: Partial<CSSStyleDeclaration> = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
};

/**
 * Gives a canvas a CSS size and a backing store of whole device pixels for the current
 * devicePixelRatio (crisp on high-density screens); the backing is only reset when it changes.
 * Returns the 2D context scaled so that drawing happens in CSS pixels, and the ratio used.
 */
export function fitCanvas(canvas: HTMLCanvasElement, cssWidth: number, cssHeight: number): { context: CanvasRenderingContext2D; ratio: number } {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(cssWidth * ratio));
  const height = Math.max(1, Math.round(cssHeight * ratio));
  updateStyle(canvas, { width: `${cssWidth}px`, height: `${cssHeight}px` });
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('2D canvas is not available');
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, cssWidth, cssHeight);
  return { context, ratio };
}

/** Pointer position over an element, in its CSS pixels. */
export function pointerIn(target: Element, event: MouseEvent): { x: number; y: number } {
  const box = target.getBoundingClientRect();
  return { x: event.clientX - box.left, y: event.clientY - box.top };
}
