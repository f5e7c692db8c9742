/**
 * What the live market publishes for drawing: a compact, plain-data picture of the market at one
 * frame, and the pure helpers that shape parts of it.
 */
import type { CurveParams, CurveSettings } from '../curves.ts';
import { type SlotAuctionResult, gspAuction, secondPriceAuction, vcgAuction } from '../slotAuctions.ts';
import type { Alert } from '../surveillance/alerts.ts';
import type { SurveillanceConfig } from '../surveillance/config.ts';
import type { AuctionEvent, DepthLevel, RestingOrder, Side } from '../types.ts';
import type { AttentionAsset } from './assets.ts';

export type Mechanism = 'continuous' | 'call' | 'slot';
export type Strategy = 'zic' | 'zip';

/** Everything the sliders set. */
export interface LiveSettings {
  curves: CurveSettings;
  /** K: how many of the most-attended tokens are traded. */
  topK: number;
  /** Agents per asset, buyers and sellers together, at most (the side with more units gets half). */
  agents: number;
  strategy: Strategy;
  /** Agent actions per second, over all assets together. */
  speed: number;
}

export interface AssetSummary extends AttentionAsset {
  /** Equilibrium of the asset's parametric curves (real-valued ticks and units). */
  pStar: number;
  qStar: number;
  lastPrice: number | null;
  bestBid: number | null;
  bestAsk: number | null;
  /** Lots traded since the asset was listed. */
  volume: number;
}

/** A price level with the cumulative lots of it and every better level, and the user's lots in it. */
export interface BookLevel extends DepthLevel {
  cumulative: number;
  own: number;
}

export interface TapeTrade {
  seq: number;
  time: number;
  asset: string;
  token: string;
  price: number;
  qty: number;
  buyer: string;
  seller: string;
  takerSide: Side;
  /** The user bought or sold. */
  mine: boolean;
}

export interface PricePoint {
  seq: number;
  time: number;
  price: number;
  qty: number;
  /** The asset's p* when the trade happened. */
  pStar: number;
}

export interface MarketMetrics {
  lastPrice: number | null;
  spread: number | null;
  /** Lots traded since listing. */
  volume: number;
  /** Trading period of the agents (lots are dealt afresh every period). */
  period: number;
  periodVolume: number;
  /** Period volume over the agents' equilibrium quantity. */
  volumeRatio: number | null;
  /** Agents' realised surplus over the maximum this period. */
  efficiency: number | null;
  /** Smith's alpha of this period's trade prices around p*, in percent. */
  alpha: number | null;
  /** (bid lots - ask lots) / (bid lots + ask lots) over the best five levels of each side. */
  imbalance: number;
  buyers: number;
  sellers: number;
}

export interface SelectedMarket {
  asset: AssetSummary;
  params: CurveParams;
  /** Curve units per lot: book quantities times this are comparable with the curves. */
  lotSize: number;
  /** Every price level, best first. */
  bids: BookLevel[];
  asks: BookLevel[];
  spread: number | null;
  /** This asset's trades, oldest first (bounded). */
  history: readonly PricePoint[];
  metrics: MarketMetrics;
  /** The last call auction on this asset. */
  auction: AuctionEvent | null;
}

export interface UserOrder extends RestingOrder {
  token: string;
}

export interface Notice {
  seq: number;
  time: number;
  text: string;
}

export interface SlotComparison {
  /** Bid per attention unit of each asset: its last trade price, else its p* in whole ticks. */
  bids: { asset: string; token: string; bid: number; quality: number }[];
  /** Attention units of each position, largest first. */
  slotUnits: number[];
  secondPrice: SlotAuctionResult;
  gsp: SlotAuctionResult;
  vcg: SlotAuctionResult;
}

export interface MarketSnapshot {
  /** Increases with every published snapshot. */
  version: number;
  time: number;
  running: boolean;
  mechanism: Mechanism;
  settings: LiveSettings;
  /** Agent actions per second over the last second (measured). */
  actionsPerSecond: number;
  /** Listed assets by attention share, largest first. */
  assets: AssetSummary[];
  selected: SelectedMarket | null;
  /** Latest trades, newest first. */
  tape: readonly TapeTrade[];
  /** The user's resting orders, oldest first. */
  userOrders: readonly UserOrder[];
  /** Newest first. */
  notices: readonly Notice[];
  slots: SlotComparison | null;
  /** Every surveillance alert raised so far, oldest first. */
  alerts: readonly Alert[];
  surveillance: SurveillanceConfig;
  /** The asset each manipulative participant trades in, or null while it is off. */
  manipulators: Record<ManipulatorKind, string | null>;
}

export type ManipulatorKind = 'spoofer' | 'layerer' | 'washTrader';

/** Depth levels with cumulative lots and the user's lots at each price. */
export function bookLevels(levels: readonly DepthLevel[], ownLots: ReadonlyMap<number, number>): BookLevel[] {
  let cumulative = 0;
  return levels.map((level) => ({ ...level, cumulative: (cumulative += level.qty), own: ownLots.get(level.price) ?? 0 }));
}

/**
 * The top-K attention positions sold like ad slots, under the three rules side by side. Each
 * asset bids its market value per attention unit; quality is its attention share relative to
 * the largest (rankings and prices per unit do not depend on that scale, and the top asset
 * then receives its slot's units in full).
 */
export function compareSlotAuctions(assets: readonly AssetSummary[]): SlotComparison | null {
  if (assets.length === 0) return null;
  const top = Math.max(...assets.map((asset) => asset.share));
  const bids = assets.map((asset) => ({
    asset: asset.id,
    token: asset.token,
    bid: asset.lastPrice ?? Math.round(asset.pStar),
    quality: asset.share / top,
  }));
  const bidders = bids.map(({ asset, bid, quality }) => ({ id: asset, bid, quality }));
  const slotUnits = assets.map((asset) => asset.supply).sort((a, b) => b - a);
  return {
    bids,
    slotUnits,
    secondPrice: secondPriceAuction(bidders),
    gsp: gspAuction(bidders, slotUnits),
    vcg: vcgAuction(bidders, slotUnits),
  };
}
