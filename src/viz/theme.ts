/** Fonts and colours of the renderers; on screen they follow the page's CSS custom properties. */
export interface VizTheme {
  font: string;
  ink: string;
  muted: string;
  accent: string;
  background: string;
  /** Masked cells (causal upper triangle, hidden tokens): a grey hatch, unlike any ramp colour. */
  mask: string;
  maskLine: string;
}

/** The theme of exported figures (white paper, dark ink), and the fallback for unset properties. */
export const FIGURE_THEME: VizTheme = {
  font: "'DejaVu Sans', Arial, Helvetica, sans-serif",
  ink: '#1d1d1f',
  muted: '#5f6368',
  accent: '#3b5bdb',
  background: '#ffffff',
  mask: '#e6e6e6',
  maskLine: '#8f8f8f',
};

/** Reads --ink, --muted, --accent, --panel, --viz-mask, --viz-mask-line and the font of `element`. */
export function readTheme(element: Element): VizTheme {
  const style = getComputedStyle(element);
  const property = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    font: style.fontFamily || FIGURE_THEME.font,
    ink: property('--ink', FIGURE_THEME.ink),
    muted: property('--muted', FIGURE_THEME.muted),
    accent: property('--accent', FIGURE_THEME.accent),
    background: property('--panel', FIGURE_THEME.background),
    mask: property('--viz-mask', FIGURE_THEME.mask),
    maskLine: property('--viz-mask-line', FIGURE_THEME.maskLine),
  };
}
