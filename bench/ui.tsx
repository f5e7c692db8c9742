/**
 * UI benchmark page: the real market panel over a live market with synthetic attention and
 * 10,000 resting orders. The Node driver (scripts/bench/ui.ts) drags the sliders with real mouse
 * input; this page times each slider input to the frame that shows it, and the agents'
 * throughput while the charts redraw every frame.
 */
import { createRoot } from 'react-dom/client';
import { LiveMarket } from '../src/market/live/liveMarket';
import { Rng } from '../src/market/rng';
import { useMarketStore } from '../src/store/marketStore';
import { MarketPanel } from '../src/ui/market/MarketPanel';
import { median, nextFrame } from './publish';
import '../src/ui/app.css';

export interface InputSample {
  slider: string;
  running: boolean;
  /** From the input event's timestamp (when the browser took the mouse move) to after the next paint. */
  eventToPaintMs: number;
  /** From the moment the page got the input event to after the next paint. */
  dispatchToPaintMs: number;
  /** The input handlers' own time (React, store, re-pricing). */
  handlerMs: number;
  /** Whether the supply and demand chart showed the market's p* after the paint. */
  chartCurrent: boolean;
}

export interface SimulationSample {
  durationMs: number;
  actions: number;
  actionsPerSecond: number;
  frameMedianMs: number;
  frameP95Ms: number;
  restingBefore: number;
  restingAfter: number;
}

export interface UiBench {
  ready: boolean;
  restingOrders(): number;
  /** Tops the books up to 10,000 resting orders. */
  fillBook(): void;
  start(): void;
  pause(): void;
  samples(): InputSample[];
  measureSimulation(durationMs: number): Promise<SimulationSample>;
}

declare global {
  interface Window {
    __uiBench?: UiBench;
  }
}

const TOKENS = 'the market prices every token by the attention that the other tokens of the sentence pay to it'.split(' ');
const RESTING_ORDERS = 10_000;

/** Shares that fall off like real attention: a few tokens take most of it. */
function syntheticShares(count: number, rng: Rng): Float64Array {
  const weights = Float64Array.from({ length: count }, () => Math.exp(2 * rng.next()) * rng.next());
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => w / total);
}

function restingOrders(market: LiveMarket): number {
  let count = 0;
  for (const asset of market.exchange.assets()) {
    for (const side of ['buy', 'sell'] as const) for (const level of market.exchange.book(asset)?.depth(side) ?? []) count += level.orders;
  }
  return count;
}

let depthOrders = 0;

/**
 * Tops the books up to RESTING_ORDERS resting orders with another trader's depth on every asset,
 * away from p* (bids below, asks above), so that each phase starts with the full book.
 */
function fillBook(market: LiveMarket, rng: Rng): void {
  const { assets, settings } = market.snapshot();
  const { priceFloor, priceCeiling } = settings.curves;
  for (let missing = RESTING_ORDERS - restingOrders(market); missing > 0; missing -= 1) {
    const i = depthOrders++;
    const asset = assets[i % assets.length];
    const centre = Math.round(asset.pStar);
    const side = i % 2 === 0 ? 'buy' : 'sell';
    const price = side === 'buy' ? rng.int(Math.ceil(priceFloor), centre - 15) : rng.int(centre + 15, Math.floor(priceCeiling));
    market.exchange.apply({ op: 'limit', id: `depth-${i}`, trader: 'depth', asset: asset.id, side, price, qty: rng.int(1, 5) });
  }
}

/** Resolves after the frame that follows now has been painted. */
function afterNextPaint(): Promise<number> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    }),
  );
}

async function main(): Promise<void> {
  const rng = new Rng(42);
  const market = new LiveMarket({ seed: 7 });
  createRoot(document.getElementById('root') as HTMLElement).render(<MarketPanel market={market} />);
  // The panel wires the market to the stores when it mounts (no run yet: no attention); the
  // synthetic attention comes after that.
  while (useMarketStore.getState().snapshot === null) await nextFrame();
  market.setAttention({ tokens: TOKENS, shares: syntheticShares(TOKENS.length, rng) });
  fillBook(market, rng);
  await nextFrame();
  await nextFrame();

  const samples: InputSample[] = [];
  let handlerStart = 0;
  let handlerEnd = 0;
  const chart = () => document.querySelector('[data-testid="supply-demand-chart"] canvas')?.getAttribute('aria-label') ?? '';
  // Capture on the slider runs before React's handler (on the root); bubbling to the document, after it.
  document.addEventListener('input', () => (handlerEnd = performance.now()));
  for (const slider of document.querySelectorAll<HTMLInputElement>('input[type="range"]')) {
    slider.addEventListener(
      'input',
      (event) => {
        handlerStart = performance.now();
        const running = market.snapshot().running;
        void afterNextPaint().then((painted) => {
          const pStar = market.snapshot().selected?.asset.pStar;
          samples.push({
            slider: slider.getAttribute('aria-label') ?? '',
            running,
            eventToPaintMs: painted - event.timeStamp,
            dispatchToPaintMs: painted - handlerStart,
            handlerMs: handlerEnd - handlerStart,
            chartCurrent: pStar !== undefined && chart().includes(`p* ${Math.round(pStar)} ticks`),
          });
        });
      },
      { capture: true },
    );
  }

  window.__uiBench = {
    ready: true,
    restingOrders: () => restingOrders(market),
    fillBook: () => fillBook(market, rng),
    start: () => market.start(),
    pause: () => market.pause(),
    samples: () => samples,
    async measureSimulation(durationMs) {
      const restingBefore = restingOrders(market);
      let actions = 0;
      const stop = market.exchange.subscribe((events) => {
        for (const event of events) if (event.type === 'accepted' && event.trader !== 'depth' && event.trader !== 'you') actions += 1;
      });
      const frames: number[] = [];
      const start = await nextFrame();
      let last = start;
      while (last - start < durationMs) {
        const now = await nextFrame();
        frames.push(now - last);
        last = now;
      }
      stop();
      frames.sort((a, b) => a - b);
      return {
        durationMs: last - start,
        actions,
        actionsPerSecond: (actions * 1000) / (last - start),
        frameMedianMs: median(frames),
        frameP95Ms: frames[Math.floor(frames.length * 0.95)],
        restingBefore,
        restingAfter: restingOrders(market),
      };
    },
  };
}

main().catch((error: unknown) => {
  window.__benchError = error instanceof Error ? (error.stack ?? error.message) : String(error);
});
