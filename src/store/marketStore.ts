import { create } from 'zustand';
import { DEFAULT_LIVE_SETTINGS, type LiveMarket } from '../market/live/liveMarket';
import type { LiveSettings, MarketSnapshot } from '../market/live/snapshot';
import { useAppStore } from './appStore';
import { selectAttentionView, type AttentionView } from './attentionView';

export type TokenColouring = 'share' | 'lastPrice';

export interface MarketState {
  /** The live market as last published (at most once per frame). */
  snapshot: MarketSnapshot | null;
  /** What the sliders say; the live market follows. */
  settings: LiveSettings;
  /** The price at which the supply and demand chart shows the shortage or surplus. */
  yourPrice: number;
  /** What the token strip's colours show. */
  tokenColouring: TokenColouring;
}

export const useMarketStore = create<MarketState>()(() => ({
  snapshot: null,
  settings: DEFAULT_LIVE_SETTINGS,
  yourPrice: 100,
  tokenColouring: 'share',
}));

let lastPrices: ReadonlyMap<number, number> = new Map();

/**
 * Last trade price of each listed token by position. The same map comes back while the prices
 * stay the same, so components using it re-render only when a price moves.
 */
export function selectLastPrices(state: MarketState): ReadonlyMap<number, number> {
  const next = new Map<number, number>();
  for (const asset of state.snapshot?.assets ?? []) if (asset.lastPrice !== null) next.set(asset.position, asset.lastPrice);
  const same = next.size === lastPrices.size && [...next].every(([position, price]) => lastPrices.get(position) === price);
  if (!same) lastPrices = next;
  return lastPrices;
}

/**
 * Wires a live market to the stores: each new attention view (run, aggregation, hidden tokens)
 * becomes its assets, the token picked in a view selects that token's asset, the sliders'
 * settings drive it, and its snapshots land in the market store. Returns the unwiring.
 * A restored market (a session imported or reloaded) already holds its attention and settings:
 * it follows views only from the next model run on, since the output shown now (or none, while
 * the model loads) belongs to another text.
 */
export function connectLiveMarket(market: LiveMarket, options: { restored?: boolean } = {}): () => void {
  let view: AttentionView | null | undefined;
  let heldOutput = options.restored === true ? useAppStore.getState().output : undefined;
  const followAttention = () => {
    const state = useAppStore.getState();
    if (heldOutput !== undefined) {
      if (state.output === heldOutput || state.output === null) return;
      heldOutput = undefined;
    }
    const next = selectAttentionView(state);
    if (next === view) return;
    view = next;
    market.setAttention(next === null ? null : { tokens: next.tokens, shares: next.shares, hidden: next.hidden });
    if (state.selectedToken !== null) market.selectPosition(state.selectedToken);
  };
  if (options.restored === true) useMarketStore.setState({ snapshot: market.snapshot() });
  else market.setSettings(useMarketStore.getState().settings);
  followAttention();
  const unsubscribers = [
    market.subscribe((snapshot) => useMarketStore.setState({ snapshot })),
    useAppStore.subscribe((state, previous) => {
      followAttention();
      if (state.selectedToken !== previous.selectedToken && state.selectedToken !== null) market.selectPosition(state.selectedToken);
    }),
    useMarketStore.subscribe((state, previous) => {
      if (state.settings !== previous.settings) market.setSettings(state.settings);
    }),
  ];
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}

/** The user's price kept inside the current price floor and ceiling. */
export function selectYourPrice(state: MarketState): number {
  const { priceFloor, priceCeiling } = state.settings.curves;
  return Math.min(Math.max(state.yourPrice, Math.ceil(priceFloor)), Math.floor(priceCeiling));
}
