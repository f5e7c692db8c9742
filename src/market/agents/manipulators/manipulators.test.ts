import { describe, expect, it } from 'vitest';
import { AttentionMarket } from '../../attentionMarket.ts';
import { ManualClock } from '../../clock.ts';
import { curvesForShare, induceUnits } from '../../curves.ts';
import { Exchange } from '../../exchange.ts';
import { record } from '../../journal.ts';
import { type Participant, Simulation } from '../../simulation.ts';
import type { Alert } from '../../surveillance/alerts.ts';
import { DEFAULT_SURVEILLANCE_CONFIG, type SurveillanceConfigPatch } from '../../surveillance/config.ts';
import { Surveillance } from '../../surveillance/surveillance.ts';
import type { AcceptedEvent, CancelledEvent, MarketEvent, TradeEvent } from '../../types.ts';
import { layerer, spoofer } from './decoyTrader.ts';
import { WashTrader } from './washTrader.ts';

const UNITS = induceUnits(curvesForShare(0.2), 30);
/** 50 agent steps a second: the live market's pace per asset at its default speed. */
const MS_PER_STEP = 20;
const STEPS = 5_000;

/** A ZIP market in 'cat' with one participant, under surveillance; all events and inputs kept. */
function planted(participant: Participant, seed: number, config: SurveillanceConfigPatch = {}) {
  const clock = new ManualClock();
  const exchange = new Exchange({ clock, assets: ['cat'] });
  const snapshot = exchange.snapshot();
  const journal = record(exchange);
  const events: MarketEvent[] = [];
  exchange.subscribe((batch) => events.push(...batch));
  const surveillance = new Surveillance(config);
  surveillance.attach(exchange);
  const simulation = new Simulation(exchange, { asset: 'cat', strategy: 'zip', units: UNITS, bounds: { floor: 1, ceiling: 200 }, seed, periodSteps: 500 });
  simulation.addParticipant(participant);
  for (let step = 0; step < STEPS; step += 1) {
    simulation.step();
    clock.advance(MS_PER_STEP);
  }
  surveillance.flush();
  return { alerts: surveillance.alerts(), events, snapshot, journal: journal.entries };
}

function byType<T extends MarketEvent['type']>(events: readonly MarketEvent[], type: T) {
  return events.filter((event): event is Extract<MarketEvent, { type: T }> => event.type === type);
}

/** Trades in which `trader` was on `side`. */
function tradesOf(events: readonly MarketEvent[], trader: string, side: 'buy' | 'sell'): TradeEvent[] {
  return byType(events, 'trade').filter((trade) => (side === 'buy' ? trade.buyer : trade.seller) === trader);
}

function kinds(alerts: readonly Alert[]): string[] {
  return [...new Set(alerts.map((alert) => (alert.kind === 'washTrade' ? `${alert.kind}:${alert.pattern}` : alert.kind)))];
}

const SEEDS = [1, 2, 3];

describe('manipulators under surveillance', () => {
  it('a spoofer is flagged exactly for the decoys that fit the rule, with the evidence from the tape', () => {
    const tau = DEFAULT_SURVEILLANCE_CONFIG.spoofing.tauMs;
    for (const seed of SEEDS) {
      const { alerts, events } = planted(spoofer(), seed);
      const accepted = new Map(byType(events, 'accepted').map((event): [string, AcceptedEvent] => [event.id, event]));
      const cancelled = new Map(byType(events, 'cancelled').map((event): [string, CancelledEvent] => [event.id, event]));
      const filled = new Set(byType(events, 'trade').flatMap((trade) => [trade.makerId, trade.takerId]));
      // Independently of the detector: the 20-lot decoys cancelled untouched within tau while
      // the spoofer traded on the other side.
      const spoofs = [...accepted.values()].filter((order) => {
        const cancel = cancelled.get(order.id);
        if (order.trader !== 'spoofer' || order.qty !== 20 || cancel === undefined || filled.has(order.id)) return false;
        const opposite = tradesOf(events, 'spoofer', order.side === 'buy' ? 'sell' : 'buy');
        return cancel.time - order.time <= tau && opposite.some((trade) => trade.seq > order.seq && trade.seq < cancel.seq);
      });
      expect(spoofs.length).toBeGreaterThan(3);
      expect(kinds(alerts)).toEqual(['spoofing']);
      expect(alerts.map((alert) => alert.kind === 'spoofing' && alert.order.id)).toEqual(spoofs.map((order) => order.id));
      for (const alert of alerts) {
        if (alert.kind !== 'spoofing') continue;
        const placed = accepted.get(alert.order.id) as AcceptedEvent;
        const cancel = cancelled.get(alert.order.id) as CancelledEvent;
        expect(alert).toMatchObject({ owners: ['spoofer'], traders: ['spoofer'], seq: cancel.seq, time: cancel.time });
        expect(alert.order).toMatchObject({ side: placed.side, price: placed.price, qty: 20, placedSeq: placed.seq, placedTime: placed.time });
        const opposite = tradesOf(events, 'spoofer', placed.side === 'buy' ? 'sell' : 'buy');
        const during = opposite.filter((trade) => trade.seq > placed.seq && trade.seq < cancel.seq);
        expect(alert.fills.map((fill) => fill.seq)).toEqual(during.map((trade) => trade.seq));
        expect(alert.ticksFromTouch).toBe(1);
      }
    }
  });

  it('a layerer is flagged for layers pulled after its fills, with the evidence from the tape', () => {
    const { afterFillMs, pullSpanMs, minLevels } = DEFAULT_SURVEILLANCE_CONFIG.layering;
    for (const seed of SEEDS) {
      const { alerts, events } = planted(layerer(), seed);
      expect(alerts.length).toBeGreaterThan(3);
      expect(kinds(alerts)).toEqual(['layering']);
      const accepted = new Map(byType(events, 'accepted').map((event): [string, AcceptedEvent] => [event.id, event]));
      for (const alert of alerts) {
        if (alert.kind !== 'layering') continue;
        expect(alert).toMatchObject({ owners: ['layerer'], traders: ['layerer'] });
        expect(new Set(alert.orders.map((order) => order.price)).size).toBe(alert.levels);
        expect(alert.levels).toBeGreaterThanOrEqual(minLevels);
        const firstPull = alert.orders[0];
        const lastFill = alert.fills[alert.fills.length - 1];
        expect(firstPull.cancelledTime - lastFill.time).toBeLessThanOrEqual(afterFillMs);
        expect(alert.orders.at(-1)!.cancelledTime - firstPull.cancelledTime).toBeLessThanOrEqual(pullSpanMs);
        for (const order of alert.orders) {
          const placed = accepted.get(order.id) as AcceptedEvent;
          expect(placed).toMatchObject({ trader: 'layerer', side: alert.side, price: order.price, qty: 2, seq: order.placedSeq });
          expect(placed.seq).toBeLessThan(alert.fills[0].seq); // resting when the layerer traded
        }
        const opposite = tradesOf(events, 'layerer', alert.side === 'buy' ? 'sell' : 'buy');
        for (const fill of alert.fills) expect(opposite.map((trade) => trade.seq)).toContain(fill.seq);
      }
    }
  });

  it('a wash trader is flagged on every wash trade when its accounts are mapped, by round trips when not', () => {
    for (const seed of SEEDS) {
      const mapped = new WashTrader();
      const owned = planted(mapped, seed, { owners: mapped.owners() });
      const washTrades = byType(owned.events, 'trade').filter((trade) => trade.buyer.startsWith('wash-') && trade.seller.startsWith('wash-'));
      expect(washTrades.length).toBeGreaterThan(10);
      expect(kinds(owned.alerts)).toEqual(['washTrade:sameOwner']);
      expect(owned.alerts.map((alert) => alert.seq)).toEqual(washTrades.map((trade) => trade.seq));
      expect(owned.alerts.every((alert) => alert.owners[0] === 'wash')).toBe(true);

      // The same run without the owner mapping: the accounts' alternating trades pair up.
      const unmapped = planted(new WashTrader(), seed);
      expect(kinds(unmapped.alerts)).toEqual(['washTrade:roundTrip']);
      expect(unmapped.alerts.length).toBe(Math.floor(washTrades.length / 2));
      for (const alert of unmapped.alerts) {
        if (alert.kind !== 'washTrade') continue;
        const [out, back] = alert.trades;
        expect([out.seller, out.buyer]).toEqual([back.buyer, back.seller]);
        expect(back.time - out.time).toBeLessThanOrEqual(DEFAULT_SURVEILLANCE_CONFIG.washTrading.roundTripWindowMs);
      }
    }
  });

  it('replaying the journal of a session gives the same alerts', () => {
    const wash = new WashTrader();
    const owners = wash.owners();
    for (const participant of [spoofer(), layerer(), wash]) {
      const live = planted(participant, 4, { owners });
      const clock = new ManualClock();
      const exchange = Exchange.fromSnapshot(live.snapshot, clock);
      const surveillance = new Surveillance({ owners });
      surveillance.attach(exchange);
      for (const entry of live.journal) {
        clock.set(entry.time);
        exchange.apply(entry.input);
      }
      surveillance.flush();
      expect(live.alerts.length).toBeGreaterThan(0);
      expect(surveillance.alerts()).toEqual(live.alerts);
    }
  });
});

describe('manipulators in the attention market', () => {
  it('take turns in an asset until removed, across a change of strategy, and leave no orders behind', () => {
    const clock = new ManualClock();
    const market = new AttentionMarket({ clock, seed: 3 });
    const surveillance = new Surveillance();
    surveillance.attach(market.exchange);
    market.setShares(new Map([['cat', 0.3], ['sat', 0.2]]));
    const spoofing = spoofer();
    expect(market.addParticipant('dog', spoofing)).toBe(false);
    expect(market.addParticipant('cat', spoofing)).toBe(true);
    const run = (steps: number) => {
      for (let step = 0; step < steps; step += 1) {
        market.step(1);
        clock.advance(40);
      }
    };
    run(3_000);
    const before = surveillance.alerts().length;
    expect(before).toBeGreaterThan(0);
    expect(surveillance.alerts().every((alert) => alert.asset === 'cat' && alert.kind === 'spoofing')).toBe(true);
    market.setStrategy('zic');
    run(3_000);
    expect(surveillance.alerts().length).toBeGreaterThan(before);
    const book = market.exchange.book('cat')!;
    const spoofersOrders = () => [...book.orders('buy'), ...book.orders('sell')].filter((order) => order.trader === 'spoofer');
    for (let step = 0; step < 1_000 && spoofersOrders().length === 0; step += 1) run(1);
    expect(spoofersOrders().length).toBeGreaterThan(0);
    market.removeParticipant('cat', spoofing);
    expect(spoofersOrders()).toEqual([]);
    const after = surveillance.alerts().length;
    run(1_000);
    expect(surveillance.alerts().length).toBe(after);
  });
});
