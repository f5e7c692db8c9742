/**
 * For the surveillance tests: a one-asset exchange on a manual clock, watched by a
 * surveillance, with short-hands for the orders that scenarios are built from.
 */
import { ManualClock } from '../clock.ts';
import { Exchange } from '../exchange.ts';
import type { LimitAction, MarketEvent, Side } from '../types.ts';
import type { SurveillanceConfigPatch } from './config.ts';
import { Surveillance } from './surveillance.ts';

export const ASSET = 'cat';

export function testMarket(config: SurveillanceConfigPatch = {}) {
  const clock = new ManualClock();
  const exchange = new Exchange({ clock, assets: [ASSET] });
  const surveillance = new Surveillance(config);
  surveillance.attach(exchange);
  let orders = 0;
  /** Places a GTC limit order at the current time; returns its id and events. */
  const place = (trader: string, side: Side, price: number, qty: number, extra: Partial<LimitAction> = {}) => {
    const id = `${trader}-${++orders}`;
    const events = exchange.apply({ op: 'limit', id, trader, asset: ASSET, side, price, qty, ...extra });
    return { id, events };
  };
  const cancel = (id: string): MarketEvent[] => exchange.apply({ op: 'cancel', id });
  return { clock, exchange, surveillance, place, cancel };
}

export type TestMarket = ReturnType<typeof testMarket>;

/** Something to do at a time. */
export interface Step {
  time: number;
  run: () => MarketEvent[];
}

/** Runs the steps in time order (steps at equal times in the order given); returns their events. */
export function play(market: TestMarket, steps: readonly Step[]): MarketEvent[] {
  const events: MarketEvent[] = [];
  for (const step of [...steps].sort((a, b) => a.time - b.time)) {
    market.clock.set(step.time);
    events.push(...step.run());
  }
  return events;
}
