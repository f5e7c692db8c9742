/** The frame every market chart shares: title, plot area, linear axes with ticks and a grid. */
import { format, scaleLinear, type ScaleLinear } from 'd3';
import type { MarketTheme, Size } from './chart';

export const CHART_FONT_PX = 11;
const MARGIN = { top: 26, right: 14, bottom: 36, left: 56 };

export interface Plot {
  left: number;
  top: number;
  right: number;
  bottom: number;
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
}

export const formatQuantity = format(',.0f');

/** Whole-tick labels for prices: the book only knows integer ticks. */
export const formatPrice = (price: number) => String(Math.round(price));

export interface FrameSpec {
  title: string;
  xDomain: [number, number];
  yDomain: [number, number];
  xLabel: string;
  yLabel: string;
  xFormat: (value: number) => string;
  yFormat: (value: number) => string;
}

export function chartFont(theme: MarketTheme, px = CHART_FONT_PX, weight = ''): string {
  return `${weight} ${px}px ${theme.font}`.trim();
}

/** Draws title, grid, axes and labels; returns the plot area with its scales. */
export function drawFrame(context: CanvasRenderingContext2D, size: Size, spec: FrameSpec, theme: MarketTheme): Plot {
  const left = MARGIN.left;
  const top = MARGIN.top;
  const right = Math.max(left + 10, size.width - MARGIN.right);
  const bottom = Math.max(top + 10, size.height - MARGIN.bottom);
  const x = scaleLinear().domain(spec.xDomain).range([left, right]);
  const y = scaleLinear().domain(spec.yDomain).range([bottom, top]);
  const xTicks = x.ticks(Math.max(2, Math.floor((right - left) / 80)));
  const yTicks = y.ticks(Math.max(2, Math.floor((bottom - top) / 40)));

  context.save();
  context.lineWidth = 1;
  context.strokeStyle = theme.grid;
  context.beginPath();
  for (const tick of xTicks) line(context, crisp(x(tick)), top, crisp(x(tick)), bottom);
  for (const tick of yTicks) line(context, left, crisp(y(tick)), right, crisp(y(tick)));
  context.stroke();

  context.strokeStyle = theme.muted;
  context.beginPath();
  line(context, left, crisp(bottom), right, crisp(bottom));
  line(context, crisp(left), top, crisp(left), bottom);
  context.stroke();

  context.fillStyle = theme.muted;
  context.font = chartFont(theme);
  context.textAlign = 'center';
  context.textBaseline = 'top';
  for (const tick of xTicks) context.fillText(spec.xFormat(tick), x(tick), bottom + 4);
  context.fillText(spec.xLabel, (left + right) / 2, bottom + 20);
  context.textAlign = 'right';
  context.textBaseline = 'middle';
  for (const tick of yTicks) context.fillText(spec.yFormat(tick), left - 5, y(tick));
  context.save();
  context.translate(12, (top + bottom) / 2);
  context.rotate(-Math.PI / 2);
  context.textAlign = 'center';
  context.fillText(spec.yLabel, 0, 0);
  context.restore();

  context.fillStyle = theme.ink;
  context.font = chartFont(theme, 13, '600');
  context.textAlign = 'left';
  context.textBaseline = 'top';
  context.fillText(spec.title, left, 6);
  context.restore();
  return { left, top, right, bottom, x, y };
}

/** Restricts drawing to the plot area until `context.restore()`. */
export function clipToPlot(context: CanvasRenderingContext2D, plot: Plot): void {
  context.save();
  context.beginPath();
  context.rect(plot.left, plot.top, plot.right - plot.left, plot.bottom - plot.top);
  context.clip();
}

/** A legend row at the top right: a line sample and a label per entry. */
export function drawLegend(
  context: CanvasRenderingContext2D,
  plot: Plot,
  entries: readonly { label: string; colour: string; dash?: number[] }[],
  theme: MarketTheme,
): void {
  context.save();
  context.font = chartFont(theme);
  context.textBaseline = 'middle';
  context.textAlign = 'left';
  let x = plot.right;
  const y = 13;
  for (const entry of [...entries].reverse()) {
    const width = context.measureText(entry.label).width;
    x -= width;
    context.fillStyle = theme.muted;
    context.fillText(entry.label, x, y);
    x -= 22;
    context.strokeStyle = entry.colour;
    context.lineWidth = 2;
    context.setLineDash(entry.dash ?? []);
    context.beginPath();
    line(context, x, y, x + 18, y);
    context.stroke();
    x -= 12;
  }
  context.restore();
}

/** A label with a background box so that it stays readable over lines. */
export function drawTag(context: CanvasRenderingContext2D, text: string, x: number, y: number, colour: string, theme: MarketTheme, align: CanvasTextAlign = 'left'): void {
  context.save();
  context.font = chartFont(theme, CHART_FONT_PX, '600');
  const width = context.measureText(text).width + 8;
  const left = align === 'left' ? x : align === 'right' ? x - width : x - width / 2;
  context.fillStyle = theme.background;
  context.globalAlpha = 0.85;
  context.fillRect(left, y - 8, width, 16);
  context.globalAlpha = 1;
  context.fillStyle = colour;
  context.textAlign = 'left';
  context.textBaseline = 'middle';
  context.fillText(text, left + 4, y);
  context.restore();
}

export function line(context: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number): void {
  context.moveTo(x0, y0);
  context.lineTo(x1, y1);
}

/** Half-pixel offset so that 1-pixel lines fall on whole device pixels. */
function crisp(value: number): number {
  return Math.round(value) + 0.5;
}
