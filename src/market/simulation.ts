import type { Agent, QuoteBounds, Shout } from './agents/agent.ts';
import { ZicAgent } from './agents/zic.ts';
import { ZipAgent } from './agents/zip.ts';
import type { InducedUnits } from './curves.ts';
import type { Exchange } from './exchange.ts';
import {
  type CompetitiveEquilibrium,
  allocativeEfficiency,
  competitiveEquilibrium,
  smithsAlpha,
  volumeRatio,
} from './metrics.ts';
import { Rng } from './rng.ts';
import type { MarketEvent } from './types.ts';

export interface SimulationConfig {
  asset: string;
  strategy: 'zic' | 'zip';
  /**
   * Induced lot values and costs (see curves.ts induceUnits): one buyer agent per value and one
   * seller agent per cost, each trading its one lot per period, as in Cliff's (1997)
   * experiments. The number of lots (induceUnits' maxLots) sets the number of agents.
   */
  units: InducedUnits;
  bounds: QuoteBounds;
  seed: number;
  /** Agent steps per trading period; every period deals the lots afresh, as in Smith's experiments. */
  periodSteps: number;
  /** Prefix of agent names and order ids (default `${asset}:`), to keep them apart from other traders. */
  prefix?: string;
}

export interface PeriodStats {
  period: number;
  steps: number;
  /** Prices of all trades in the asset this period, in order (agents' and others'). */
  prices: number[];
  /** Lots traded in the asset this period. */
  volume: number;
  /** Surplus the agents realised: value - price for buyers, price - cost for sellers. */
  surplus: number;
  equilibrium: CompetitiveEquilibrium | null;
  efficiency: number | null;
  alpha: number | null;
  volumeRatio: number | null;
}

/** What a participant may use on its turn. */
export interface Turn {
  exchange: Exchange;
  asset: string;
  /** The simulation's generator: a participant's draws are part of the seeded run. */
  rng: Rng;
  bounds: QuoteBounds;
}

/**
 * A trader that takes turns in the simulation beside the induced-value agents without holding
 * a lot of its own (e.g. a manipulator, see agents/manipulators): on its turn it may place or
 * cancel any orders in the asset.
 */
export interface Participant {
  act(turn: Turn): void;
  /** Cancels its live orders; called when it leaves the simulation or the simulation ends. */
  withdraw(exchange: Exchange): void;
}

/**
 * A continuous double auction between ZI-C or ZIP agents on one asset of an exchange. Each
 * step one randomly chosen agent that has not traded its lot yet replaces its resting order
 * with a fresh quote. A ZIP agent learns a margin for its own lot: one margin per agent
 * applied to lots of very different values would undo the learning at every new unit. The
 * simulation listens to all of the exchange's events, so trades with other traders (the user)
 * count too. Participants added with `addParticipant` take turns too, chosen like one more
 * agent. Seeded: the same exchange state, config, participants and clock give the same run.
 */
export class Simulation {
  /** In order of creation; agents without a lot this period (after a re-induction) sit idle. */
  readonly agents: Agent[] = [];
  private readonly rng: Rng;
  private readonly prefix: string;
  private readonly byName = new Map<string, Agent>();
  /** The one resting order of each agent that has one. */
  private readonly orderOf = new Map<Agent, string>();
  private readonly participants: Participant[] = [];
  private readonly unsubscribe: () => void;
  private units: InducedUnits;
  private bounds: QuoteBounds;
  private nextOrder = 0;
  private period!: PeriodStats;
  private readonly history: PeriodStats[] = [];

  constructor(
    private readonly exchange: Exchange,
    private readonly config: SimulationConfig,
  ) {
    this.rng = new Rng(config.seed);
    this.prefix = config.prefix ?? `${config.asset}:`;
    this.units = config.units;
    this.bounds = config.bounds;
    this.unsubscribe = exchange.subscribe((events) => this.observe(events));
    this.startPeriod();
  }

  /** Statistics of the period under way. */
  currentPeriod(): PeriodStats {
    return this.period;
  }

  /** Finished periods, oldest first. */
  completedPeriods(): readonly PeriodStats[] {
    return this.history;
  }

  run(steps: number): void {
    for (let i = 0; i < steps; i += 1) this.step();
  }

  step(): void {
    if (this.period.steps >= this.config.periodSteps) this.startPeriod();
    this.period.steps += 1;
    const active = this.agents.filter((agent) => agent.limit !== null);
    if (active.length + this.participants.length === 0) return;
    // Without participants this draws exactly what picking among the active agents alone did.
    const agent = this.rng.pick<Agent | Participant>([...active, ...this.participants]);
    if ('act' in agent) {
      agent.act({ exchange: this.exchange, asset: this.config.asset, rng: this.rng, bounds: this.bounds });
      return;
    }
    this.withdraw(agent);
    const price = agent.quote(this.rng, this.bounds);
    const id = `${this.prefix}${this.nextOrder++}`;
    this.orderOf.set(agent, id);
    const { asset } = this.config;
    this.exchange.apply({ op: 'limit', id, trader: agent.name, asset, side: agent.side, price, qty: 1 });
  }

  /**
   * New values and costs, and optionally new quote bounds (after the curve parameters changed):
   * the current period ends and a new one starts with the new units. ZIP agents keep their
   * margins, so prices move from where they were towards the new equilibrium.
   */
  setUnits(units: InducedUnits, bounds: QuoteBounds = this.bounds): void {
    this.units = units;
    this.bounds = bounds;
    this.startPeriod();
  }

  /** Lets a participant take turns from the next step on. */
  addParticipant(participant: Participant): void {
    this.participants.push(participant);
  }

  /** Stops a participant's turns and withdraws its orders. */
  removeParticipant(participant: Participant): void {
    const index = this.participants.indexOf(participant);
    if (index < 0) return;
    this.participants.splice(index, 1);
    participant.withdraw(this.exchange);
  }

  /** Withdraws the agents' and participants' orders and stops listening to the exchange. */
  dispose(): void {
    for (const agent of this.agents) this.withdraw(agent);
    for (const participant of this.participants) participant.withdraw(this.exchange);
    this.unsubscribe();
  }

  /** Ends the period under way (if it had steps) and gives every agent its lot afresh. */
  startPeriod(): void {
    for (const agent of this.agents) this.withdraw(agent);
    if (this.period !== undefined && this.period.steps > 0) this.history.push(this.period);
    const { values, costs } = this.units;
    this.deal('buy', values);
    this.deal('sell', costs);
    const equilibrium = competitiveEquilibrium(values, costs);
    this.period = {
      period: this.history.length + 1,
      steps: 0,
      prices: [],
      volume: 0,
      surplus: 0,
      equilibrium,
      efficiency: equilibrium === null ? null : 0,
      alpha: null,
      volumeRatio: equilibrium === null ? null : 0,
    };
  }

  /** Lot k of a side goes to agent k of that side, created on first need. */
  private deal(side: 'buy' | 'sell', limits: readonly number[]): void {
    const agents = this.agents.filter((agent) => agent.side === side);
    for (let k = agents.length; k < limits.length; k += 1) {
      const name = `${this.prefix}${side === 'buy' ? 'b' : 's'}${k}`;
      const agent = this.config.strategy === 'zip' ? new ZipAgent(name, side, this.rng) : new ZicAgent(name, side);
      agents.push(agent);
      this.agents.push(agent);
      this.byName.set(name, agent);
    }
    agents.forEach((agent, k) => (agent.limit = k < limits.length ? limits[k] : null));
  }

  private withdraw(agent: Agent): void {
    const id = this.orderOf.get(agent);
    if (id === undefined) return;
    this.orderOf.delete(agent);
    if (this.exchange.order(id) !== undefined) this.exchange.apply({ op: 'cancel', id });
  }

  private observe(events: readonly MarketEvent[]): void {
    const shouts: Shout[] = [];
    const traded = new Set<string>();
    for (const event of events) {
      if (event.type !== 'trade' || event.asset !== this.config.asset) continue;
      traded.add(event.takerId);
      shouts.push({ side: event.takerSide, price: event.price, accepted: true });
      this.settle(event.buyer, event.price, event.makerId, event.takerId);
      this.settle(event.seller, event.sellerPrice ?? event.price, event.makerId, event.takerId);
      this.period.prices.push(event.price);
      this.period.volume += event.qty;
    }
    for (const event of events) {
      if (event.type === 'accepted' && event.asset === this.config.asset && event.price !== null && !traded.has(event.id)) {
        shouts.push({ side: event.side, price: event.price, accepted: false });
      }
    }
    for (const shout of shouts) for (const agent of this.agents) agent.observe(shout, this.rng);
    if (shouts.length > 0) this.updateMetrics();
  }

  /** An agent's lot traded: its surplus is counted and it is done for the period. */
  private settle(trader: string, price: number, makerId: string, takerId: string): void {
    const agent = this.byName.get(trader);
    const id = agent === undefined ? undefined : this.orderOf.get(agent);
    if (agent === undefined || (id !== makerId && id !== takerId)) return;
    this.orderOf.delete(agent);
    const limit = agent.limit as number;
    agent.limit = null;
    this.period.surplus += agent.side === 'buy' ? limit - price : price - limit;
  }

  private updateMetrics(): void {
    const period = this.period;
    if (period.equilibrium === null) return;
    period.efficiency = allocativeEfficiency(period.surplus, period.equilibrium.maxSurplus);
    period.alpha = smithsAlpha(period.prices, period.equilibrium.price);
    period.volumeRatio = volumeRatio(period.volume, period.equilibrium.quantity);
  }
}
