import { hiddenMask } from '../attention/hide';
import type { SquareMatrix } from '../attention/types';
import { colourScale, type ColourScale } from './colour';
import { formatFloat32, truncateLabel } from './format';
import { HEATMAP_LAYOUT as L } from './layout';

/** What a heatmap shows; the same description drives the live view and the exported figures. */
export interface HeatmapData {
  matrix: SquareMatrix;
  /** Query tokens, one per row. */
  rowLabels: readonly string[];
  /** Key tokens, one per column. */
  colLabels: readonly string[];
  /** Draw the upper triangle (keys after the query) as masked. */
  causal: boolean;
  /** Token positions whose rows and columns are drawn as masked. */
  hidden?: ReadonlySet<number>;
  title: string;
}

export interface HeatmapFigure extends HeatmapData {
  logScale: boolean;
}

/** Which cells are masked: above the diagonal of a causal matrix, or in a hidden row or column. */
export interface CellMask {
  readonly causal: boolean;
  readonly hidden: Uint8Array;
  readonly any: boolean;
}

export function cellMask(data: HeatmapData): CellMask {
  if (data.rowLabels.length !== data.matrix.size || data.colLabels.length !== data.matrix.size) {
    throw new RangeError(`a ${data.matrix.size}-token matrix needs ${data.matrix.size} row and column labels`);
  }
  const hidden = hiddenMask(data.matrix.size, data.hidden);
  return { causal: data.causal, hidden, any: (data.causal && data.matrix.size > 1) || hidden.includes(1) };
}

export function isMaskedCell(mask: CellMask, row: number, col: number): boolean {
  return (mask.causal && col > row) || mask.hidden[row] === 1 || mask.hidden[col] === 1;
}

/** The largest unmasked weight (and where it is) and the smallest positive one. */
export interface FigureStats {
  max: number;
  /** Cell index of the largest weight, -1 when every cell is masked. */
  argmax: number;
  minPositive: number;
}

export function figureStats(matrix: SquareMatrix, mask: CellMask): FigureStats {
  const { size, values } = matrix;
  const stats: FigureStats = { max: 0, argmax: -1, minPositive: Infinity };
  for (let i = 0; i < size; i++) {
    if (mask.hidden[i]) continue;
    const end = mask.causal ? i + 1 : size;
    for (let j = 0; j < end; j++) {
      if (mask.hidden[j]) continue;
      const c = i * size + j;
      const value = values[c];
      if (stats.argmax < 0 || value > stats.max) {
        stats.max = value;
        stats.argmax = c;
      }
      if (value > 0 && value < stats.minPositive) stats.minPositive = value;
    }
  }
  return stats;
}

/** The colour scale of a figure: from 0 (or, on a log scale, a floor) up to its largest unmasked weight. */
export function figureScale(stats: FigureStats, logScale: boolean): ColourScale {
  return colourScale(stats.max, logScale, Number.isFinite(stats.minPositive) ? stats.minPositive : 0);
}

export interface FigureLayout {
  width: number;
  height: number;
  plot: { x: number; y: number; side: number };
  /** Size of one cell. */
  cell: number;
  /** Every labelStep-th token gets an axis label. */
  labelStep: number;
  legend: { x: number; y: number; width: number; height: number };
  /** The "masked" key under the legend, when anything is masked. */
  maskKey: { x: number; y: number; size: number } | null;
}

/** Positions of everything in a heatmap figure whose plot is `side` pixels square. */
export function figureLayout(count: number, side: number, masked: boolean): FigureLayout {
  const plot = { x: L.yLabelWidth, y: L.titleHeight, side };
  const cell = count > 0 ? side / count : side;
  const legend = { x: plot.x + side + L.legendGap, y: plot.y, width: L.legendWidth, height: side };
  return {
    width: legend.x + L.legendWidth + L.legendAxisWidth + L.rightPad,
    height: plot.y + side + L.xLabelHeight,
    plot,
    cell,
    labelStep: Math.max(1, Math.ceil(L.minLabelSpacing / cell)),
    legend,
    maskKey: masked ? { x: legend.x, y: plot.y + side + L.labelGap + 2, size: L.maskSwatch } : null,
  };
}

/** The plot side that fits a container `width` pixels wide. */
export function plotSideToFit(width: number, count: number): number {
  const fixed = L.yLabelWidth + L.legendGap + L.legendWidth + L.legendAxisWidth + L.rightPad;
  return snapToCells(Math.min(L.maxPlot, Math.max(L.minPlot, width - fixed)), count);
}

/** The plot side of an exported figure: whole-pixel cells, about exportCellPx each, within bounds. */
export function exportPlotSide(count: number): number {
  const target = Math.min(L.exportMaxPlot, Math.max(L.exportMinPlot, count * L.exportCellPx));
  return count * Math.max(1, Math.floor(target / Math.max(1, count)));
}

function snapToCells(side: number, count: number): number {
  const cell = side / Math.max(1, count);
  return cell >= L.snapCellPx ? Math.floor(cell) * count : Math.floor(side);
}

export interface LabelItem {
  /** Token position. */
  index: number;
  text: string;
  /** Anchor point: the label ends here (row labels read left to right, column labels bottom to top). */
  x: number;
  y: number;
}

/** The token labels on one axis, thinned out to every `labelStep`-th token. */
export function tokenLabelItems(layout: FigureLayout, labels: readonly string[], axis: 'row' | 'col'): LabelItem[] {
  const { plot, cell, labelStep } = layout;
  const items: LabelItem[] = [];
  for (let index = 0; index < labels.length; index += labelStep) {
    const centre = (index + 0.5) * cell;
    const text = truncateLabel(labels[index], L.labelChars);
    items.push(
      axis === 'row'
        ? { index, text, x: plot.x - L.labelGap, y: plot.y + centre }
        : { index, text, x: plot.x + centre, y: plot.y + plot.side + L.labelGap },
    );
  }
  return items;
}

export interface TickItem {
  value: number;
  /** Vertical position on the legend bar (high values at the top). */
  y: number;
  text: string;
}

/** Labelled ticks of the colour legend, as D3 places and formats them. */
export function legendTicks(scale: ColourScale, layout: FigureLayout): TickItem[] {
  const { y, height } = layout.legend;
  const axis = scale.axis([y + height, y]);
  // Plain decimals on log scales too (D3's default there is SI, where "1m" means 0.001).
  const format = scale.log ? axis.tickFormat(L.legendTicks, '~g') : axis.tickFormat(L.legendTicks);
  return axis
    .ticks(L.legendTicks)
    .map((value) => ({ value, y: axis(value), text: format(value) }))
    .filter((tick) => tick.text !== '');
}

/** Colour stops of the legend bar, bottom (0) to top (1). */
export function legendStops(count: number): number[] {
  return Array.from({ length: count }, (_, k) => k / (count - 1));
}

/** A sentence describing the figure for screen readers. */
export function describeFigure(figure: HeatmapFigure, stats: FigureStats): string {
  const size = figure.matrix.size;
  const tokens = size === 1 ? 'token' : 'tokens';
  const parts = [
    `${figure.title}.`,
    `Attention heatmap of ${size} query ${tokens} (rows) by ${size} key ${tokens} (columns)${figure.logScale ? ', log colour scale' : ''}.`,
  ];
  if (figure.causal) parts.push('Keys after each query are masked (causal model).');
  if (stats.argmax >= 0) {
    const row = Math.floor(stats.argmax / size);
    const col = stats.argmax % size;
    parts.push(
      `Strongest weight ${formatFloat32(stats.max)}: "${figure.rowLabels[row]}" attends to "${figure.colLabels[col]}".`,
    );
  }
  return parts.join(' ');
}
