import { RAMP_HEX, rampColour, type ColourScale } from './colour';
import {
  cellMask,
  figureLayout,
  figureScale,
  figureStats,
  legendStops,
  legendTicks,
  tokenLabelItems,
  type CellMask,
  type FigureLayout,
  type FigureStats,
  type HeatmapFigure,
} from './figure';
import { HEATMAP_LAYOUT as L } from './layout';
import { svg, type SvgNode } from './svgTree';
import type { VizTheme } from './theme';

/** A figure with everything derived from it that drawing needs. */
export interface PreparedFigure {
  figure: HeatmapFigure;
  mask: CellMask;
  stats: FigureStats;
  scale: ColourScale;
  layout: FigureLayout;
}

export function prepareFigure(figure: HeatmapFigure, plotSide: number): PreparedFigure {
  const mask = cellMask(figure);
  const stats = figureStats(figure.matrix, mask);
  return {
    figure,
    mask,
    stats,
    scale: figureScale(stats, figure.logScale),
    layout: figureLayout(figure.matrix.size, plotSide, mask.any),
  };
}

const LEGEND_STOPS = 16;

/** The parts of a figure; the live view rebuilds only the parts whose text changed. */
export interface FigureParts {
  /** Definitions, background, masked hatch, cells, plot outline and token labels. */
  frame: SvgNode;
  title: SvgNode;
  legend: SvgNode;
}

/**
 * The figure as SVG parts: `cells` (when given) sit between the hatched mask and the labels; the
 * live view lays a canvas over the plot instead. Labels carry data-axis ("row" | "col") and
 * data-index so the live view can find them. Ids are prefixed with `idPrefix`.
 */
export function figureParts(prepared: PreparedFigure, theme: VizTheme, idPrefix: string, cells?: SvgNode): FigureParts {
  const { figure, layout, mask } = prepared;
  const { plot } = layout;
  const hatchId = `${idPrefix}-hatch`;
  const gradientId = `${idPrefix}-ramp`;
  const defs = svg('defs', {}, [
    svg('pattern', { id: hatchId, patternUnits: 'userSpaceOnUse', width: 6, height: 6, patternTransform: 'rotate(45)' }, [
      svg('rect', { width: 6, height: 6, fill: theme.mask }),
      svg('line', { x1: 1, y1: 0, x2: 1, y2: 6, stroke: theme.maskLine, 'stroke-width': 1.5 }),
    ]),
    svg(
      'linearGradient',
      { id: gradientId, x1: 0, y1: 1, x2: 0, y2: 0 },
      legendStops(LEGEND_STOPS).map((t) => svg('stop', { offset: round(t), 'stop-color': rampColour(t) })),
    ),
  ]);
  const plotArea = { x: plot.x, y: plot.y, width: plot.side, height: plot.side };
  const frame = svg('g', {}, [
    defs,
    svg('rect', { width: layout.width, height: layout.height, fill: theme.background }),
    ...(mask.any ? [svg('rect', { ...plotArea, fill: `url(#${hatchId})` })] : []),
    ...(cells ? [cells] : []),
    svg('rect', { ...plotArea, fill: 'none', stroke: theme.muted, 'stroke-width': 0.5 }),
    tokenLabels(prepared, 'row'),
    tokenLabels(prepared, 'col'),
  ]);
  return {
    frame,
    title: svg('text', { x: L.rightPad, y: L.titleHeight - 8, 'font-size': L.titleFontPx, 'font-weight': 600 }, figure.title),
    // An empty sentence has no weights to put a scale on.
    legend: figure.matrix.size > 0 ? legend(prepared, theme, gradientId, hatchId) : svg('g'),
  };
}

/** The root <svg> element of a figure, without children. */
export function figureRoot(layout: FigureLayout, theme: VizTheme, children: readonly SvgNode[] = []): SvgNode {
  return svg(
    'svg',
    {
      width: layout.width,
      height: layout.height,
      viewBox: `0 0 ${layout.width} ${layout.height}`,
      'font-family': theme.font,
      'font-size': L.fontPx,
      fill: theme.ink,
    },
    children,
  );
}

/** The whole figure as one SVG tree (see figureParts). */
export function figureSvg(prepared: PreparedFigure, theme: VizTheme, idPrefix: string, cells?: SvgNode): SvgNode {
  const { frame, title, legend } = figureParts(prepared, theme, idPrefix, cells);
  return figureRoot(prepared.layout, theme, [frame, title, legend]);
}

function tokenLabels(prepared: PreparedFigure, axis: 'row' | 'col'): SvgNode {
  const labels = axis === 'row' ? prepared.figure.rowLabels : prepared.figure.colLabels;
  const items = tokenLabelItems(prepared.layout, labels, axis).map((item) => {
    const place: Record<string, string | number> =
      axis === 'row'
        ? { x: round(item.x), y: round(item.y) }
        : { transform: `translate(${round(item.x)},${round(item.y)}) rotate(-90)` };
    return svg('text', { ...place, dy: '0.32em', 'text-anchor': 'end', 'data-axis': axis, 'data-index': item.index }, item.text);
  });
  return svg('g', { 'aria-label': axis === 'row' ? 'query tokens' : 'key tokens' }, items);
}

function legend(prepared: PreparedFigure, theme: VizTheme, gradientId: string, hatchId: string): SvgNode {
  const { legend: bar, maskKey } = prepared.layout;
  const tickX = bar.x + bar.width;
  const ticks = legendTicks(prepared.scale, prepared.layout).flatMap((tick) => [
    svg('line', { x1: tickX, x2: tickX + 4, y1: round(tick.y), y2: round(tick.y), stroke: theme.ink, 'stroke-width': 0.75 }),
    svg('text', { x: tickX + 6, y: round(tick.y), dy: '0.32em' }, tick.text),
  ]);
  const key = maskKey
    ? [
        svg('rect', { x: maskKey.x, y: maskKey.y, width: maskKey.size, height: maskKey.size, fill: `url(#${hatchId})`, stroke: theme.muted, 'stroke-width': 0.5 }),
        svg('text', { x: maskKey.x + maskKey.size + 4, y: maskKey.y + maskKey.size / 2, dy: '0.32em' }, 'masked'),
      ]
    : [];
  return svg('g', { 'aria-label': 'colour legend' }, [
    svg('text', { x: bar.x, y: bar.y - 6, fill: theme.muted }, prepared.figure.logScale ? 'weight (log)' : 'weight'),
    svg('rect', { ...bar, fill: `url(#${gradientId})`, stroke: theme.muted, 'stroke-width': 0.5 }),
    ...ticks,
    ...key,
  ]);
}

/** The cells as <rect>s (runs of one colour in a row merged), in cell units scaled onto the plot. */
export function cellRects(prepared: PreparedFigure): SvgNode {
  const { figure, mask, scale, layout } = prepared;
  const { size, values } = figure.matrix;
  const rects: SvgNode[] = [];
  for (let i = 0; i < size; i++) {
    if (mask.hidden[i]) continue;
    const end = mask.causal ? i + 1 : size;
    let j = 0;
    while (j < end) {
      if (mask.hidden[j]) {
        j++;
        continue;
      }
      const colour = scale.index(values[i * size + j]);
      let run = 1;
      while (j + run < end && !mask.hidden[j + run] && scale.index(values[i * size + j + run]) === colour) run++;
      rects.push(svg('rect', { x: j, y: i, width: run, height: 1, fill: RAMP_HEX[colour] }));
      j += run;
    }
  }
  return svg('g', { transform: plotTransform(layout), 'shape-rendering': 'crispEdges' }, rects);
}

/** The cells as one embedded image, one pixel per cell, scaled up without smoothing. */
export function cellImage(prepared: PreparedFigure, href: string): SvgNode {
  const { size } = prepared.figure.matrix;
  return svg('image', {
    transform: plotTransform(prepared.layout),
    width: size,
    height: size,
    href,
    preserveAspectRatio: 'none',
    // The attribute for SVG 1.1 editors, the style for browsers.
    'image-rendering': 'optimizeSpeed',
    style: 'image-rendering:pixelated',
  });
}

function plotTransform(layout: FigureLayout): string {
  return `translate(${layout.plot.x},${layout.plot.y}) scale(${round(layout.cell)})`;
}

/** Coordinates to 1/100 pixel: plenty for print, and keeps files small. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}
