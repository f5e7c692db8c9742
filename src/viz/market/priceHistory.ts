/**
 * Trade prices of one asset, oldest to newest, against the p* in force at each trade (a step
 * line, so a slider move or a re-run shows as a jump the prices then follow).
 */
import type { PricePoint } from '../../market/live/snapshot';
import { clipToPlot, drawFrame, drawTag, formatPrice, formatQuantity } from './axes';
import type { ChartSpec } from './chart';

export interface PriceHistoryData {
  token: string;
  /** Oldest first. */
  points: readonly PricePoint[];
  /** The asset's p* now. */
  pStar: number;
}

export const PRICE_HISTORY_CHART: ChartSpec<PriceHistoryData> = {
  name: 'Price history chart',
  height: 240,
  draw(context, size, data, theme) {
    const { points } = data;
    let low = data.pStar;
    let high = data.pStar;
    for (const point of points) {
      low = Math.min(low, point.price, point.pStar);
      high = Math.max(high, point.price, point.pStar);
    }
    const pad = Math.max(2, (high - low) * 0.1);
    const plot = drawFrame(
      context,
      size,
      {
        title: `Price history — ${data.token}`,
        xDomain: [0, Math.max(10, points.length)],
        yDomain: [Math.max(0, low - pad), high + pad],
        xLabel: points.length === 0 ? 'no trades yet' : `the last ${formatQuantity(points.length)} trades`,
        yLabel: 'price (ticks)',
        xFormat: formatQuantity,
        yFormat: formatPrice,
      },
      theme,
    );
    clipToPlot(context, plot);
    // p* as it was at each trade, continued to the right edge at its current value.
    context.strokeStyle = theme.ink;
    context.setLineDash([4, 3]);
    context.beginPath();
    context.moveTo(plot.x(0), plot.y(points[0]?.pStar ?? data.pStar));
    points.forEach((point, i) => {
      context.lineTo(plot.x(i), plot.y(point.pStar));
      context.lineTo(plot.x(i + 1), plot.y(point.pStar));
    });
    context.lineTo(plot.x(Math.max(10, points.length)), plot.y(data.pStar));
    context.stroke();
    context.setLineDash([]);

    context.strokeStyle = theme.accent;
    context.lineWidth = 1.5;
    context.beginPath();
    points.forEach((point, i) => (i === 0 ? context.moveTo(plot.x(i + 0.5), plot.y(point.price)) : context.lineTo(plot.x(i + 0.5), plot.y(point.price))));
    context.stroke();
    if (points.length <= 200) {
      context.fillStyle = theme.accent;
      points.forEach((point, i) => context.fillRect(plot.x(i + 0.5) - 1.5, plot.y(point.price) - 1.5, 3, 3));
    }
    context.restore();
    drawTag(context, `p* ${formatPrice(data.pStar)}`, plot.right, plot.y(data.pStar) - 10, theme.ink, theme, 'right');
  },
  describe(data) {
    const last = data.points.at(-1);
    return last === undefined
      ? `${data.token}: no trades yet; p* ${formatPrice(data.pStar)}`
      : `${data.token}: ${data.points.length} trades, last at ${last.price}; p* ${formatPrice(data.pStar)}`;
  },
};
