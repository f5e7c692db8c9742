/** The market's three charts: what each draws from the store, its export button and file name. */
import { type MarketState, selectYourPrice } from '../../store/marketStore';
import { DEPTH_CHART, type DepthData } from '../../viz/market/depth';
import { PRICE_HISTORY_CHART, type PriceHistoryData } from '../../viz/market/priceHistory';
import { SUPPLY_DEMAND_CHART, type SupplyDemandData } from '../../viz/market/supplyDemand';
import type { MarketChartProps } from './MarketChart';

function supplyDemand(state: MarketState): SupplyDemandData | null {
  const selected = state.snapshot?.selected;
  if (!selected) return null;
  const { asset, params, lotSize, bids, asks } = selected;
  return { token: asset.token, params, pStar: asset.pStar, qStar: asset.qStar, lotSize, bids, asks, yourPrice: selectYourPrice(state) };
}

function depth(state: MarketState): DepthData | null {
  const selected = state.snapshot?.selected;
  if (!selected) return null;
  const { asset, params, bids, asks } = selected;
  return { token: asset.token, bids, asks, pStar: asset.pStar, priceFloor: params.priceFloor, priceCeiling: params.priceCeiling };
}

function priceHistory(state: MarketState): PriceHistoryData | null {
  const selected = state.snapshot?.selected;
  if (!selected) return null;
  return { token: selected.asset.token, points: selected.history, pStar: selected.asset.pStar };
}

const fileParts = (chart: string) => (state: MarketState) => ['market', state.snapshot?.selected?.asset.token ?? '', chart];

export const SUPPLY_DEMAND_PANEL: MarketChartProps<SupplyDemandData> = {
  spec: SUPPLY_DEMAND_CHART,
  select: supplyDemand,
  exportLabel: 'Export supply and demand PNG',
  fileParts: fileParts('supply-demand'),
  testId: 'supply-demand-chart',
};

export const DEPTH_PANEL: MarketChartProps<DepthData> = {
  spec: DEPTH_CHART,
  select: depth,
  exportLabel: 'Export depth PNG',
  fileParts: fileParts('depth'),
  testId: 'depth-chart',
};

export const PRICE_HISTORY_PANEL: MarketChartProps<PriceHistoryData> = {
  spec: PRICE_HISTORY_CHART,
  select: priceHistory,
  exportLabel: 'Export price history PNG',
  fileParts: fileParts('price-history'),
  testId: 'price-history-chart',
};
