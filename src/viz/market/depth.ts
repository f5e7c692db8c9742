/**
 * Depth chart of one book: cumulative lots against price, bids stepping down to the left of
 * the best bid and asks up to the right of the best ask, with p* marked.
 */
import type { BookLevel } from '../../market/live/snapshot';
import { clipToPlot, drawFrame, drawTag, formatPrice, formatQuantity, line, type Plot } from './axes';
import type { ChartSpec } from './chart';

export interface DepthData {
  token: string;
  /** Best first, with cumulative lots. */
  bids: readonly BookLevel[];
  asks: readonly BookLevel[];
  pStar: number;
  priceFloor: number;
  priceCeiling: number;
}

export const DEPTH_CHART: ChartSpec<DepthData> = {
  name: 'Depth chart',
  height: 240,
  draw(context, size, data, theme) {
    const low = Math.min(data.priceFloor, data.bids.at(-1)?.price ?? Number.POSITIVE_INFINITY);
    const high = Math.max(data.priceCeiling, data.asks.at(-1)?.price ?? Number.NEGATIVE_INFINITY);
    // At least ten lots tall, so that an empty or thin book still gets whole-lot ticks.
    const deepest = Math.max(10, data.bids.at(-1)?.cumulative ?? 0, data.asks.at(-1)?.cumulative ?? 0);
    const plot = drawFrame(
      context,
      size,
      {
        title: `Depth — ${data.token}`,
        xDomain: [low, high],
        yDomain: [0, deepest * 1.1],
        xLabel: 'price (ticks)',
        yLabel: 'cumulative lots',
        xFormat: formatPrice,
        yFormat: formatQuantity,
      },
      theme,
    );
    clipToPlot(context, plot);
    drawSide(context, plot, data.bids, low, theme.buy);
    drawSide(context, plot, data.asks, high, theme.sell);
    const x = plot.x(data.pStar);
    context.strokeStyle = theme.ink;
    context.setLineDash([2, 3]);
    context.beginPath();
    line(context, x, plot.top, x, plot.bottom);
    context.stroke();
    drawTag(context, `p* ${formatPrice(data.pStar)}`, x + 4, plot.top + 10, theme.ink, theme);
    context.restore();
  },
  describe(data) {
    const side = (levels: readonly BookLevel[], name: string) =>
      levels.length === 0 ? `no ${name}` : `${formatQuantity(levels.at(-1)!.cumulative)} lots of ${name} from ${levels[0].price}`;
    return `${data.token}: ${side(data.bids, 'bids')}, ${side(data.asks, 'asks')}; p* ${formatPrice(data.pStar)}`;
  },
};

/** A filled step area from the best level outwards to `edge` (the low end for bids, the high end for asks). */
function drawSide(context: CanvasRenderingContext2D, plot: Plot, levels: readonly BookLevel[], edge: number, colour: string): void {
  if (levels.length === 0) return;
  context.save();
  context.beginPath();
  context.moveTo(plot.x(levels[0].price), plot.y(0));
  for (let i = 0; i < levels.length; i += 1) {
    const y = plot.y(levels[i].cumulative);
    context.lineTo(plot.x(levels[i].price), y);
    context.lineTo(plot.x(i + 1 < levels.length ? levels[i + 1].price : edge), y);
  }
  context.lineTo(plot.x(edge), plot.y(0));
  context.closePath();
  context.fillStyle = colour;
  context.globalAlpha = 0.18;
  context.fill();
  context.globalAlpha = 1;
  context.strokeStyle = colour;
  context.lineWidth = 1.5;
  context.stroke();
  context.restore();
}
