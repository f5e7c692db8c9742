/**
 * Supply and demand of one asset, price up and quantity across (Marshall's way): the parametric
 * curves d(p) and s(p), the book's step schedules D(p) and S(p) in the same units, the
 * equilibrium (p*, q*), and the shortage or surplus at the user's price shaded between the curves.
 */
import { type CurveParams, demandAt, supplyAt } from '../../market/curves';
import { priceGap } from '../../market/live/priceGap';
import type { DepthLevel } from '../../market/types';
import { clipToPlot, drawFrame, drawLegend, drawTag, formatPrice, formatQuantity, line, type Plot } from './axes';
import type { ChartSpec, MarketTheme } from './chart';

export interface SupplyDemandData {
  token: string;
  params: CurveParams;
  pStar: number;
  qStar: number;
  /** Curve units per lot of the book. */
  lotSize: number;
  /** Book levels, best first. */
  bids: readonly DepthLevel[];
  asks: readonly DepthLevel[];
  /** The price the user looks at, or null. */
  yourPrice: number | null;
}

/** Curve samples per chart: plenty for a smooth line at any width, cheap to evaluate. */
const CURVE_POINTS = 240;
const BOOK_DASH = [5, 3];

export const SUPPLY_DEMAND_CHART: ChartSpec<SupplyDemandData> = {
  name: 'Supply and demand chart',
  height: 320,
  draw(context, size, data, theme) {
    const { params } = data;
    const quantityMax = Math.max(1, demandAt(params, params.priceFloor), params.supplyQty) * 1.08;
    const plot = drawFrame(
      context,
      size,
      {
        title: `Supply and demand — ${data.token}`,
        xDomain: [0, quantityMax],
        yDomain: [0, params.priceCeiling],
        xLabel: `quantity (attention units; 1 lot = ${formatQuantity(data.lotSize)})`,
        yLabel: 'price (ticks)',
        xFormat: formatQuantity,
        yFormat: formatPrice,
      },
      theme,
    );
    clipToPlot(context, plot);
    if (data.yourPrice !== null) drawGap(context, plot, data, theme);
    drawBookSteps(context, plot, data.bids, data.lotSize, -1, theme.buy);
    drawBookSteps(context, plot, data.asks, data.lotSize, 1, theme.sell);
    drawCurve(context, plot, params, (p) => demandAt(params, p), theme.buy);
    drawCurve(context, plot, params, (p) => supplyAt(params, p), theme.sell);
    drawEquilibrium(context, plot, data, theme);
    context.restore();
    drawLegend(
      context,
      plot,
      [
        { label: 'd(p)', colour: theme.buy },
        { label: 's(p)', colour: theme.sell },
        { label: 'book D(p)', colour: theme.buy, dash: BOOK_DASH },
        { label: 'book S(p)', colour: theme.sell, dash: BOOK_DASH },
      ],
      theme,
    );
  },
  describe(data) {
    const gap = data.yourPrice === null ? null : priceGap(data.params, data.yourPrice);
    const gapText = gap === null || gap.kind === 'balanced' ? '' : `; at ${data.yourPrice} a ${gap.kind} of ${formatQuantity(gap.amount)} units`;
    return `${data.token}: p* ${formatPrice(data.pStar)} ticks, q* ${formatQuantity(data.qStar)} units${gapText}`;
  },
};

function drawCurve(context: CanvasRenderingContext2D, plot: Plot, params: CurveParams, quantityAt: (price: number) => number, colour: string): void {
  const low = params.priceFloor;
  const high = params.priceCeiling;
  context.save();
  context.strokeStyle = colour;
  context.lineWidth = 2;
  context.beginPath();
  for (let i = 0; i <= CURVE_POINTS; i += 1) {
    const price = low + ((high - low) * i) / CURVE_POINTS;
    const x = plot.x(quantityAt(price));
    const y = plot.y(price);
    if (i === 0) context.moveTo(x, y);
    else context.lineTo(x, y);
  }
  context.stroke();
  context.restore();
}

/**
 * The book's cumulative schedule as steps: bids (direction -1) from the best price down,
 * asks (+1) from the best price up, each level adding its lots at its price.
 */
function drawBookSteps(context: CanvasRenderingContext2D, plot: Plot, levels: readonly DepthLevel[], lotSize: number, direction: 1 | -1, colour: string): void {
  if (levels.length === 0) return;
  // Past the last level the schedule stays flat to the edge of the chart.
  const end = plot.y.domain()[direction === 1 ? 1 : 0];
  context.save();
  context.strokeStyle = colour;
  context.globalAlpha = 0.75;
  context.lineWidth = 1.5;
  context.setLineDash(BOOK_DASH);
  context.beginPath();
  let cumulative = 0;
  context.moveTo(plot.x(0), plot.y(levels[0].price));
  for (let i = 0; i < levels.length; i += 1) {
    cumulative += levels[i].qty * lotSize;
    const x = plot.x(cumulative);
    context.lineTo(x, plot.y(levels[i].price));
    context.lineTo(x, plot.y(i + 1 < levels.length ? levels[i + 1].price : end));
  }
  context.stroke();
  context.restore();
}

function drawEquilibrium(context: CanvasRenderingContext2D, plot: Plot, data: SupplyDemandData, theme: MarketTheme): void {
  const x = plot.x(data.qStar);
  const y = plot.y(data.pStar);
  context.save();
  context.strokeStyle = theme.ink;
  context.setLineDash([2, 3]);
  context.beginPath();
  line(context, plot.left, y, x, y);
  line(context, x, y, x, plot.bottom);
  context.stroke();
  context.setLineDash([]);
  context.fillStyle = theme.ink;
  context.beginPath();
  context.arc(x, y, 4.5, 0, 2 * Math.PI);
  context.fill();
  const label = `p* ${formatPrice(data.pStar)}, q* ${formatQuantity(data.qStar)}`;
  drawTag(context, label, x + 8, y - 12, theme.ink, theme, x > (plot.left + plot.right) / 2 ? 'right' : 'left');
  context.restore();
}

/** At the user's price: a band between s(p) and d(p), orange for a shortage and blue for a surplus. */
function drawGap(context: CanvasRenderingContext2D, plot: Plot, data: SupplyDemandData, theme: MarketTheme): void {
  const price = data.yourPrice as number;
  const gap = priceGap(data.params, price);
  const y = plot.y(price);
  context.save();
  context.strokeStyle = theme.accent;
  context.setLineDash([6, 4]);
  context.beginPath();
  line(context, plot.left, y, plot.right, y);
  context.stroke();
  if (gap.kind !== 'balanced') {
    const colour = gap.kind === 'shortage' ? theme.shortage : theme.surplus;
    const from = plot.x(Math.min(gap.demand, gap.supply));
    const to = plot.x(Math.max(gap.demand, gap.supply));
    context.fillStyle = colour;
    context.fillRect(from, y - 7, to - from, 14);
    drawTag(context, `${gap.kind} ${formatQuantity(gap.amount)}`, (from + to) / 2, y + 16, theme.ink, theme, 'center');
  }
  drawTag(context, `your price ${formatPrice(price)}`, plot.right, y - 12, theme.accent, theme, 'right');
  context.restore();
}
