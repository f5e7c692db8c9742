import { describe, expect, it } from 'vitest';
import type { Alert } from './alerts.ts';
import type { SurveillanceConfigPatch } from './config.ts';
import { type Step, play, testMarket } from './testMarket.ts';

interface Scenario {
  /** Prices of the layered offers (2 lots each), placed at time 0 behind the honest offer at 110. */
  prices?: number[];
  /** When a seller takes the layerer's 1-lot bid at 101; null: never. */
  fillAt?: number | null;
  /** When each layer is pulled (by index into `prices`); a layer without a time stays. */
  pullTimes?: number[];
  config?: SurveillanceConfigPatch;
}

/** The layerer bids 1 lot at 101, offers layers behind the touch, buys its lot and pulls the layers. */
function layering({ prices = [111, 112, 113], fillAt = 1_000, pullTimes = [1_500, 1_500, 1_500], config = {} }: Scenario = {}) {
  const market = testMarket(config);
  market.place('mm1', 'buy', 100, 1);
  market.place('mm2', 'sell', 110, 1);
  const genuine = market.place('layerer', 'buy', 101, 1).id;
  const layers = prices.map((price) => market.place('layerer', 'sell', price, 2).id);
  const steps: Step[] = pullTimes.map((time, i) => ({ time, run: () => market.cancel(layers[i]) }));
  if (fillAt !== null) steps.push({ time: fillAt, run: () => market.place('seller', 'sell', 101, 1).events });
  const events = play(market, steps);
  return { ...market, genuine, layers, events, alerts: market.surveillance.alerts() };
}

describe('layering', () => {
  it('flags offers at three prices pulled together after the trader bought, with the evidence', () => {
    const { alerts, events, layers, genuine } = layering();
    const fill = events.find((event) => event.type === 'trade')!;
    const cancels = events.filter((event) => event.type === 'cancelled');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toEqual({
      id: 'layering-1',
      kind: 'layering',
      asset: 'cat',
      owners: ['layerer'],
      traders: ['layerer'],
      seq: cancels[2].seq,
      time: 1_500,
      summary: 'layerer pulled 3 offers at 3 prices within 0 ms, 500 ms after buying 1 lot.',
      side: 'sell',
      orders: [111, 112, 113].map((price, i) => ({
        id: layers[i],
        trader: 'layerer',
        side: 'sell',
        price,
        qty: 2,
        placedSeq: expect.any(Number),
        placedTime: 0,
        filledQty: 0,
        cancelledQty: 2,
        cancelledSeq: cancels[i].seq,
        cancelledTime: 1_500,
      })),
      levels: 3,
      fills: [
        {
          seq: fill.seq,
          time: 1_000,
          price: 101,
          qty: 1,
          buyer: 'layerer',
          seller: 'seller',
          buyOrderId: genuine,
          sellOrderId: expect.any(String),
        },
      ],
    } satisfies Alert);
    expect(JSON.parse(JSON.stringify(alerts))).toEqual(alerts);
  });

  it('needs the minimum number of different prices: two prices are not layering', () => {
    expect(layering({ prices: [111, 111, 112] }).alerts).toHaveLength(0);
    const four = { prices: [111, 112, 113, 114], pullTimes: [1_500, 1_500, 1_500, 1_500] };
    expect(layering({ ...four, config: { layering: { minLevels: 4 } } }).alerts).toHaveLength(1);
    expect(layering({ config: { layering: { minLevels: 4 } } }).alerts).toHaveLength(0);
  });

  it('needs the first pull within the window after the fill: 5,000 ms is flagged, 5,001 is not', () => {
    expect(layering({ pullTimes: [6_000, 6_000, 6_000] }).alerts).toHaveLength(1);
    expect(layering({ pullTimes: [6_001, 6_001, 6_001] }).alerts).toHaveLength(0);
  });

  it('needs the pulls together: the last within 1,000 ms of the first is flagged, 1,001 is not', () => {
    expect(layering({ pullTimes: [1_500, 2_000, 2_500] }).alerts).toHaveLength(1);
    expect(layering({ pullTimes: [1_500, 2_000, 2_501] }).alerts).toHaveLength(0);
    expect(layering({ pullTimes: [1_500, 2_000, 2_501], config: { layering: { pullSpanMs: 1_001 } } }).alerts).toHaveLength(1);
  });

  it('needs an opposite fill while the orders rested', () => {
    expect(layering({ fillAt: null }).alerts).toHaveLength(0);
    // Offers placed after the fill were not resting at it.
    const market = testMarket();
    market.place('layerer', 'buy', 101, 1);
    market.place('seller', 'sell', 101, 1);
    const late = [111, 112, 113].map((price) => market.place('layerer', 'sell', price, 2).id);
    for (const id of late) market.cancel(id);
    expect(market.surveillance.alerts()).toHaveLength(0);
  });

  it('judges a pull under way against the fills before it', () => {
    const market = testMarket();
    market.place('layerer', 'buy', 101, 1);
    const layers = [111, 112, 113].map((price) => market.place('layerer', 'sell', price, 2).id);
    market.place('seller', 'sell', 101, 1);
    market.clock.set(100);
    market.cancel(layers[0]);
    market.cancel(layers[1]);
    market.place('layerer', 'buy', 101, 1);
    market.place('seller', 'sell', 101, 1); // a second fill while the layers are being pulled
    market.cancel(layers[2]);
    expect(market.surveillance.alerts()).toMatchObject([{ kind: 'layering', levels: 3, fills: [{ time: 0 }] }]);
  });

  it('raises the alert once the time runs out when some orders stay, or on flush', () => {
    const pending = () => layering({ prices: [111, 112, 113, 114], pullTimes: [1_500, 1_500, 1_500] });
    const expired = pending();
    expect(expired.alerts).toHaveLength(0);
    expired.clock.set(2_500);
    expired.place('mm3', 'buy', 99, 1);
    expect(expired.surveillance.alerts()).toHaveLength(0);
    expired.clock.set(2_501);
    const { events } = expired.place('mm4', 'buy', 99, 1);
    const last = expired.events.filter((event) => event.type === 'cancelled').at(-1)!;
    expect(expired.surveillance.alerts()).toMatchObject([{ kind: 'layering', levels: 3, seq: last.seq, time: 1_500 }]);
    expect(expired.surveillance.alerts()[0].seq).toBeLessThan(events[0].seq);
    const flushed = pending();
    expect(flushed.surveillance.flush()).toMatchObject([{ kind: 'layering', levels: 3 }]);
    expect(flushed.surveillance.flush()).toEqual([]);
  });

  it('counts a mass cancel as pulling all layers at once and reports to subscribers', () => {
    const market = testMarket();
    const heard: Alert[] = [];
    market.surveillance.subscribe((alerts) => heard.push(...alerts));
    market.place('layerer', 'buy', 101, 1);
    for (const price of [111, 112, 113]) market.place('layerer', 'sell', price, 2);
    market.place('seller', 'sell', 101, 1);
    market.exchange.apply({ op: 'cancelAll', asset: 'cat', trader: 'layerer' });
    expect(heard).toMatchObject([{ kind: 'layering', levels: 3, orders: [{ price: 111 }, { price: 112 }, { price: 113 }] }]);
  });
});
