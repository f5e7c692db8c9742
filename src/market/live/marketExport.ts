/** The market as data files: "Export market JSON" and "Export trades CSV". */
import { csvField } from '../../export/csv.ts';
import { type CurveParams, demandAt, supplyAt } from '../curves.ts';
import type { DepthLevel } from '../types.ts';
import type { Alert } from '../surveillance/alerts.ts';
import type { LiveSettings, MarketMetrics, MarketSnapshot, Mechanism, TapeTrade } from './snapshot.ts';

export interface CurveSample {
  price: number;
  demand: number;
  supply: number;
}

export interface MarketExport {
  mechanism: Mechanism;
  settings: LiveSettings;
  /** Listed assets by share, largest first. */
  assets: { id: string; token: string; position: number; share: number; supply: number; pStar: number; qStar: number; lastPrice: number | null }[];
  /** The selected asset, which the rest describes (null when nothing is listed). */
  selectedAsset: string | null;
  params: CurveParams | null;
  /** Curve units per lot of the book. */
  lotSize: number | null;
  /** d(p) and s(p) at every whole tick from the price floor to the ceiling. */
  curveSamples: CurveSample[];
  pStar: number | null;
  qStar: number | null;
  /** Price levels (lots), best first. */
  book: { bids: DepthLevel[]; asks: DepthLevel[] };
  /** Every trade on the tape (the tape keeps the latest few thousand), oldest first. */
  trades: TapeTrade[];
  metrics: MarketMetrics | null;
  /** Every surveillance alert raised so far, oldest first, with its evidence. */
  alerts: Alert[];
}

/** The parametric curves sampled at each whole tick of [priceFloor, priceCeiling]. */
export function curveSamples(params: CurveParams): CurveSample[] {
  const samples: CurveSample[] = [];
  for (let price = Math.ceil(params.priceFloor); price <= params.priceCeiling; price += 1) {
    samples.push({ price, demand: demandAt(params, price), supply: supplyAt(params, price) });
  }
  return samples;
}

export function marketExport(snapshot: MarketSnapshot, trades: readonly TapeTrade[]): MarketExport {
  const selected = snapshot.selected;
  const levels = (side: 'bids' | 'asks') => selected?.[side].map(({ price, qty, orders }) => ({ price, qty, orders })) ?? [];
  return {
    mechanism: snapshot.mechanism,
    settings: snapshot.settings,
    assets: snapshot.assets.map(({ id, token, position, share, supply, pStar, qStar, lastPrice }) => ({
      id,
      token,
      position,
      share,
      supply,
      pStar,
      qStar,
      lastPrice,
    })),
    selectedAsset: selected?.asset.id ?? null,
    params: selected?.params ?? null,
    lotSize: selected?.lotSize ?? null,
    curveSamples: selected === null ? [] : curveSamples(selected.params),
    pStar: selected?.asset.pStar ?? null,
    qStar: selected?.asset.qStar ?? null,
    book: { bids: levels('bids'), asks: levels('asks') },
    trades: [...trades],
    metrics: selected?.metrics ?? null,
    alerts: [...snapshot.alerts],
  };
}

const TRADE_COLUMNS = ['seq', 'time', 'asset', 'token', 'price', 'qty', 'buyer', 'seller', 'takerSide'] as const;

/** One line per trade, oldest first; times as ISO 8601; CRLF line ends (RFC 4180). */
export function tradesCsv(trades: readonly TapeTrade[]): string {
  const lines = [TRADE_COLUMNS.join(',')];
  for (const trade of trades) {
    lines.push(
      TRADE_COLUMNS.map((column) => (column === 'time' ? new Date(trade.time).toISOString() : csvField(String(trade[column])))).join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
