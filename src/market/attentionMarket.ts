import type { Clock } from './clock.ts';
import {
  type CurveParams,
  type CurveSettings,
  DEFAULT_CURVE_SETTINGS,
  type Equilibrium,
  type InducedUnits,
  curvesForShare,
  equilibrium,
  induceUnits,
} from './curves.ts';
import { Exchange } from './exchange.ts';
import type { QuoteBounds } from './agents/agent.ts';
import { type Participant, Simulation } from './simulation.ts';
import type { MarketEvent } from './types.ts';

export interface AttentionMarketOptions {
  clock?: Clock;
  seed?: number;
  settings?: CurveSettings;
  strategy?: 'zic' | 'zip';
  /** Induced lots per side and asset, hence agents per side (see curves.ts induceUnits). */
  lotsPerSide?: number;
  /** Agent steps per trading period. */
  periodSteps?: number;
  /**
   * Scale each asset's demand by its share relative to the mean share of the listed assets
   * (see curves.ts curvesForShare), so that p* differs between assets and moves when the
   * shares change; by default demand is proportional to the share and p* is the same for all.
   */
  demandRelativeToMean?: boolean;
}

/** One traded token: its share, curves, equilibrium, induced lots and agent simulation. */
export interface AssetState {
  asset: string;
  share: number;
  params: CurveParams;
  equilibrium: Equilibrium;
  units: InducedUnits;
  simulation: Simulation;
}

/**
 * The live attention market: an exchange whose assets are the top-K tokens, each with
 * parametric curves set from its attention share and a simulation of agents whose values are
 * induced from those curves. Changing shares or settings re-induces the values (prices then
 * move to the new p*); a token that leaves the top-K is delisted, which cancels its orders
 * with reason `delisted`. Everything else (depth, schedules, the trade tape, user orders as
 * trader "you") goes through `exchange` directly.
 */
export class AttentionMarket {
  readonly exchange: Exchange;
  private readonly states = new Map<string, AssetState>();
  /** Participants hosted per asset, kept here so that they survive a change of strategy. */
  private readonly participants = new Map<string, Participant[]>();
  private settings: CurveSettings;
  private strategy: 'zic' | 'zip';
  private lotsPerSide: number;
  private readonly periodSteps: number;
  private readonly demandRelativeToMean: boolean;
  /** Mean share of the listed assets, when demand is relative to it (else undefined: proportional). */
  private meanShare: number | undefined;
  private seed: number;

  constructor(options: AttentionMarketOptions = {}) {
    this.exchange = new Exchange({ clock: options.clock });
    this.settings = options.settings ?? DEFAULT_CURVE_SETTINGS;
    this.strategy = options.strategy ?? 'zip';
    this.lotsPerSide = options.lotsPerSide ?? 30;
    this.periodSteps = options.periodSteps ?? 300;
    this.seed = options.seed ?? 1;
    this.demandRelativeToMean = options.demandRelativeToMean ?? false;
  }

  assets(): AssetState[] {
    return [...this.states.values()];
  }

  asset(name: string): AssetState | undefined {
    return this.states.get(name);
  }

  /**
   * Makes the traded assets exactly the keys of `shares` (token -> attention share w_j):
   * departed tokens are delisted with `note`, new ones listed, and every asset's curves and
   * agent values follow its share. Returns the exchange events this caused.
   */
  setShares(shares: ReadonlyMap<string, number>, note = 'left the top-K'): MarketEvent[] {
    const events: MarketEvent[] = [];
    if (this.demandRelativeToMean) this.meanShare = [...shares.values()].reduce((sum, w) => sum + w, 0) / Math.max(1, shares.size);
    for (const [asset, state] of [...this.states]) {
      if (shares.has(asset)) continue;
      // Delist first, so that every order (agents' and the user's) goes with reason `delisted`.
      events.push(...this.exchange.apply({ op: 'delist', asset, note }));
      state.simulation.dispose();
      this.states.delete(asset);
      this.participants.delete(asset);
    }
    for (const [asset, share] of shares) {
      const state = this.states.get(asset);
      if (state === undefined) {
        events.push(...this.exchange.apply({ op: 'list', asset }));
        this.states.set(asset, this.create(asset, share));
      } else {
        state.share = share;
        this.reinduce(state);
      }
    }
    return events;
  }

  /** New slider values for all assets; agents' values are re-induced. */
  setSettings(settings: CurveSettings): void {
    this.settings = settings;
    for (const state of this.states.values()) this.reinduce(state);
  }

  /** More or fewer agents per side (lots per side); agents keep what they learned. */
  setLotsPerSide(lots: number): void {
    this.lotsPerSide = lots;
    for (const state of this.states.values()) this.reinduce(state);
  }

  /** Switches every asset's agents to ZI-C or ZIP: new agents, orders of the old ones withdrawn. */
  setStrategy(strategy: 'zic' | 'zip'): void {
    this.strategy = strategy;
    for (const state of this.states.values()) {
      state.simulation.dispose();
      state.simulation = this.simulate(state.asset, state.units);
      for (const participant of this.participants.get(state.asset) ?? []) state.simulation.addParticipant(participant);
    }
  }

  /**
   * Lets a participant (e.g. a manipulator) take turns in a listed asset's agent loop until it
   * is removed or the asset is delisted. Returns false when the asset is not listed.
   */
  addParticipant(asset: string, participant: Participant): boolean {
    const state = this.states.get(asset);
    if (state === undefined) return false;
    this.participants.set(asset, [...(this.participants.get(asset) ?? []), participant]);
    state.simulation.addParticipant(participant);
    return true;
  }

  /** Ends a participant's turns in an asset and withdraws its orders. */
  removeParticipant(asset: string, participant: Participant): void {
    const hosted = this.participants.get(asset) ?? [];
    if (!hosted.includes(participant)) return;
    this.participants.set(asset, hosted.filter((other) => other !== participant));
    this.states.get(asset)?.simulation.removeParticipant(participant);
  }

  /** Runs `steps` agent steps on every asset (the speed slider sets how many per frame). */
  step(steps: number): void {
    for (const state of this.states.values()) state.simulation.run(steps);
  }

  private create(asset: string, share: number): AssetState {
    const params = curvesForShare(share, this.settings, this.meanShare);
    const units = induceUnits(params, this.lotsPerSide);
    return { asset, share, params, equilibrium: equilibrium(params), units, simulation: this.simulate(asset, units) };
  }

  private reinduce(state: AssetState): void {
    state.params = curvesForShare(state.share, this.settings, this.meanShare);
    state.equilibrium = equilibrium(state.params);
    state.units = induceUnits(state.params, this.lotsPerSide);
    state.simulation.setUnits(state.units, this.quoteBounds());
  }

  /** Agents quote whole ticks between the price floor and ceiling of the settings. */
  private quoteBounds(): QuoteBounds {
    return { floor: Math.ceil(this.settings.priceFloor), ceiling: Math.floor(this.settings.priceCeiling) };
  }

  private simulate(asset: string, units: InducedUnits): Simulation {
    return new Simulation(this.exchange, {
      asset,
      strategy: this.strategy,
      units,
      bounds: this.quoteBounds(),
      seed: this.seed++,
      periodSteps: this.periodSteps,
    });
  }
}
