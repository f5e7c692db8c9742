import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { Exchange } from '../exchange.ts';
import type { Alert } from './alerts.ts';
import { Surveillance } from './surveillance.ts';

describe('surveillance', () => {
  it('returns the alerts of each input, tells subscribers until they leave, and keeps them all', () => {
    const exchange = new Exchange({ clock: new ManualClock(), assets: ['cat'] });
    const surveillance = new Surveillance({ owners: { a: 'boss', b: 'boss' } });
    const returned: Alert[][] = [];
    exchange.subscribe((events, entry) => returned.push(surveillance.observe(events, entry)));
    const heard: Alert[] = [];
    const leave = surveillance.subscribe((alerts) => heard.push(...alerts));
    const washTrade = (n: number) => {
      exchange.apply({ op: 'limit', id: `a${n}`, trader: 'a', asset: 'cat', side: 'sell', price: 100, qty: 1 });
      exchange.apply({ op: 'limit', id: `b${n}`, trader: 'b', asset: 'cat', side: 'buy', price: 100, qty: 1 });
    };
    washTrade(1);
    leave();
    washTrade(2);
    expect(returned.map((alerts) => alerts.map((alert) => alert.id))).toEqual([[], ['washTrade-1'], [], ['washTrade-2']]);
    expect(heard.map((alert) => alert.id)).toEqual(['washTrade-1']);
    expect(surveillance.alerts().map((alert) => alert.id)).toEqual(['washTrade-1', 'washTrade-2']);
    expect(surveillance.actions).toBe(4);
  });

  it('starts from the touches of the books it is attached to', () => {
    const clock = new ManualClock();
    const exchange = new Exchange({ clock, assets: ['cat'] });
    exchange.apply({ op: 'limit', id: 'b1', trader: 'mm', asset: 'cat', side: 'buy', price: 100, qty: 1 });
    exchange.apply({ op: 'limit', id: 's1', trader: 'mm', asset: 'cat', side: 'sell', price: 110, qty: 1 });
    const surveillance = new Surveillance({ spoofing: { maxTicksFromTouch: 4 } });
    surveillance.attach(exchange);
    const spoofFrom = (price: number, n: number) => {
      exchange.apply({ op: 'limit', id: `g${n}`, trader: 'spoofer', asset: 'cat', side: 'sell', price: 109, qty: 1 });
      exchange.apply({ op: 'limit', id: `x${n}`, trader: 'spoofer', asset: 'cat', side: 'buy', price, qty: 10 });
      exchange.apply({ op: 'limit', id: `t${n}`, trader: 'buyer', asset: 'cat', side: 'buy', price: 109, qty: 1 });
      exchange.apply({ op: 'cancel', id: `x${n}` });
    };
    // The bid at 100 was there before: a bid at 95 is 5 ticks behind it, not at an empty side's touch.
    spoofFrom(95, 1);
    expect(surveillance.alerts()).toEqual([]);
    spoofFrom(96, 2);
    expect(surveillance.alerts()).toMatchObject([{ kind: 'spoofing', ticksFromTouch: 4, touchDepth: 1 }]);
  });

  it('forgets a delisted asset and follows it afresh when it is listed again', () => {
    const exchange = new Exchange({ clock: new ManualClock(), assets: ['cat'] });
    const surveillance = new Surveillance();
    surveillance.attach(exchange);
    for (const price of [100, 99, 98]) exchange.apply({ op: 'limit', id: `big${price}`, trader: 'mm', asset: 'cat', side: 'buy', price, qty: 50 });
    exchange.apply({ op: 'delist', asset: 'cat' });
    exchange.apply({ op: 'list', asset: 'cat' });
    exchange.apply({ op: 'limit', id: 'g', trader: 'spoofer', asset: 'cat', side: 'sell', price: 109, qty: 1 });
    exchange.apply({ op: 'limit', id: 'x', trader: 'spoofer', asset: 'cat', side: 'buy', price: 50, qty: 10 });
    exchange.apply({ op: 'limit', id: 't', trader: 'buyer', asset: 'cat', side: 'buy', price: 109, qty: 1 });
    exchange.apply({ op: 'cancel', id: 'x' });
    // Judged by the new book alone: typical order 1 lot (not 50), an empty bid side.
    expect(surveillance.alerts()).toMatchObject([{ kind: 'spoofing', ticksFromTouch: 0, touchDepth: 0, typicalQty: 1 }]);
  });
});
