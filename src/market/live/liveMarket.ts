/**
 * The live attention market behind the app: the attention market (exchange, curves, agents)
 * driven frame by frame, the user's orders, bounded tape and price histories, and a compact
 * snapshot published at most once per frame. Framework-free: the host passes a frame
 * scheduler and a clock, so the same class runs under requestAnimationFrame and in tests.
 *
 * Everything that changes the books goes through the exchange, whose inputs can be journaled;
 * agents draw from generators seeded from `seed` in listing order, so a session is reproducible
 * from the journal, the seed and the sequence of calls made here.
 */
import { AttentionMarket, type AssetState } from '../attentionMarket.ts';
import { ManualClock } from '../clock.ts';
import { type CurveSettings, DEFAULT_CURVE_SETTINGS } from '../curves.ts';
import type { Exchange } from '../exchange.ts';
import { type ExchangeSnapshot, type JournalEntry, record } from '../journal.ts';
import { layerer, spoofer } from '../agents/manipulators/decoyTrader.ts';
import { WashTrader } from '../agents/manipulators/washTrader.ts';
import { orderImbalance, smithsAlpha } from '../metrics.ts';
import type { Participant } from '../simulation.ts';
import type { Alert } from '../surveillance/alerts.ts';
import type { SurveillanceConfigPatch } from '../surveillance/config.ts';
import { Surveillance } from '../surveillance/surveillance.ts';
import type { AuctionEvent, CancelReason, MarketEvent, TradeEvent } from '../types.ts';
import { type AttentionAsset, type AttentionInput, attentionAssets, departedAssets } from './assets.ts';
import { type FieldProblem, type OrderForm, amountProblem, readOrderForm } from './orderForm.ts';
import { RingBuffer } from './ringBuffer.ts';
import {
  type AssetSummary,
  type LiveSettings,
  type ManipulatorKind,
  type MarketMetrics,
  type MarketSnapshot,
  type Mechanism,
  type Notice,
  type PricePoint,
  type SelectedMarket,
  type TapeTrade,
  type UserOrder,
  bookLevels,
  compareSlotAuctions,
} from './snapshot.ts';

/** The user's trader name on the exchange. */
export const USER = 'you';

export const DEFAULT_LIVE_SETTINGS: LiveSettings = {
  curves: DEFAULT_CURVE_SETTINGS,
  topK: 8,
  agents: 60,
  strategy: 'zip',
  speed: 400,
};

/** Calls a function once before the next repaint; returns a function that cancels the call. */
export interface FrameScheduler {
  request(callback: () => void): () => void;
}

export const animationFrameScheduler: FrameScheduler = {
  request(callback) {
    const handle = requestAnimationFrame(() => callback());
    return () => cancelAnimationFrame(handle);
  },
};

export interface LiveMarketOptions {
  scheduler?: FrameScheduler;
  /** Milliseconds: event times on the exchange, simulation speed and the per-frame budget. */
  now?: () => number;
  seed?: number;
  settings?: LiveSettings;
  /** Agent steps per trading period and asset. */
  periodSteps?: number;
  tapeSize?: number;
  historySize?: number;
  /**
   * Keep the exchange's journal (see exchangeRecord). Off by default: it grows by megabytes a
   * minute while the commands, which rebuild it, grow by kilobytes.
   */
  journal?: boolean;
}

/**
 * One call that changed the market, with the clock reading it ran at; plain JSON. Re-running a
 * market's commands on a new market with the same seed rebuilds it exactly: books, agents'
 * learning, tape, histories, metrics and alerts (see `LiveMarket.restore`).
 */
export type LiveCommand =
  | { op: 'attention'; time: number; attention: RecordedAttention | null }
  | { op: 'settings'; time: number; settings: LiveSettings }
  | { op: 'select'; time: number; asset: string }
  | { op: 'mechanism'; time: number; mechanism: Mechanism }
  | { op: 'clear'; time: number }
  | { op: 'step'; time: number }
  | { op: 'agents'; time: number; actions: number }
  | { op: 'order'; time: number; form: OrderForm }
  | { op: 'cancel'; time: number; id: string }
  | { op: 'modify'; time: number; id: string; price: string; qty: string }
  | { op: 'manipulator'; time: number; kind: ManipulatorKind; on: boolean }
  | { op: 'surveillance'; time: number; patch: SurveillanceConfigPatch };

/** Attention as plain JSON: shares as numbers (float32 values kept exactly), hidden positions as a list. */
export interface RecordedAttention {
  tokens: string[];
  shares: number[];
  hidden: number[];
}

/** What a market is rebuilt from: its seed and every command since it was made. */
export interface LiveMarketRecord {
  seed: number;
  commands: LiveCommand[];
}

export type OrderResult = { ok: true; id: string; events: MarketEvent[] } | { ok: false; problems: FieldProblem[] };

const PERIOD_STEPS = 500;
const TAPE_SIZE = 5_000;
const HISTORY_SIZE = 1_000;
const TAPE_SHOWN = 40;
const NOTICES_KEPT = 12;
/** Agent work per frame stops after this many milliseconds, so that drawing keeps its share. */
const FRAME_BUDGET_MS = 8;
/**
 * While the market is being re-priced (a slider dragged, a new run) and for a moment after, the
 * new curves and charts come first: agents get a smaller share of each frame.
 */
const REPRICE_BUDGET_MS = 2;
const REPRICE_QUIET_MS = 250;
/** After a stall (hidden tab, debugger) the simulation resumes instead of catching up. */
const MAX_CATCH_UP_MS = 250;

const CANCEL_REASONS: Record<Exclude<CancelReason, 'user' | 'delisted'>, string> = {
  iocRemainder: 'the unfilled rest of an immediate-or-cancel order',
  fokUnfilled: 'a fill-or-kill order that could not fill completely',
  marketRemainder: 'no more orders to trade the rest of the market order with',
  selfTrade: 'it would have traded with your own order (self-trade prevention)',
  massCancel: 'all orders of the asset were cancelled',
  tradeReduction: 'McAfee trade reduction in the call auction',
};

/** The manipulative participants the user can plant in an asset, to watch surveillance catch them. */
const MANIPULATORS: Record<ManipulatorKind, () => Participant> = {
  spoofer: () => spoofer(),
  layerer: () => layerer(),
  washTrader: () => new WashTrader(),
};

function defaultNow(): number {
  return performance.timeOrigin + performance.now();
}

export class LiveMarket {
  readonly exchange: Exchange;
  /** Watches every input to the exchange for spoofing, layering and wash trading. */
  readonly surveillance = new Surveillance();
  private readonly market: AttentionMarket;
  private readonly clock = new ManualClock();
  private readonly scheduler: FrameScheduler;
  private now: () => number;
  private readonly seed: number;
  private readonly commands: LiveCommand[] = [];
  /** The exchange as it was made, and every input applied to it since. */
  private readonly origin: ExchangeSnapshot;
  private readonly journal: readonly JournalEntry[] | null;
  private readonly commandListeners = new Set<(command: LiveCommand) => void>();
  private settings: LiveSettings;
  private attention: AttentionInput | null = null;
  private assets: AttentionAsset[] = [];
  private states: AssetState[] = [];
  private selectedId: string | null = null;
  private mechanism: Mechanism = 'continuous';
  private running = false;
  private readonly tape: RingBuffer<TapeTrade>;
  private readonly historySize: number;
  private readonly histories = new Map<string, RingBuffer<PricePoint>>();
  private readonly volumes = new Map<string, number>();
  private readonly auctions = new Map<string, AuctionEvent>();
  private readonly userOrderIds = new Set<string>();
  private shownOrders: readonly UserOrder[] = [];
  private readonly notices = new RingBuffer<Notice>(NOTICES_KEPT);
  /** A copy of the surveillance's alerts, replaced when one is raised, so that snapshots can compare by reference. */
  private alertList: readonly Alert[] = [];
  private readonly manipulators = new Map<ManipulatorKind, { asset: string; participant: Participant }>();
  private readonly listeners = new Set<(snapshot: MarketSnapshot) => void>();
  private nextUserOrder = 1;
  private cursor = 0;
  private cancelFrame: (() => void) | null = null;
  private dirty = true;
  /** When curves or assets last changed. */
  private repricedAt = Number.NEGATIVE_INFINITY;
  private version = 0;
  private lastRun: number | null = null;
  private owedActions = 0;
  /** Actions done per frame over the last second, for the measured rate. */
  private readonly frames: { time: number; actions: number }[] = [];

  constructor(options: LiveMarketOptions = {}) {
    this.scheduler = options.scheduler ?? animationFrameScheduler;
    this.now = options.now ?? defaultNow;
    this.seed = options.seed ?? 1;
    this.settings = options.settings ?? DEFAULT_LIVE_SETTINGS;
    this.tape = new RingBuffer(options.tapeSize ?? TAPE_SIZE);
    this.historySize = options.historySize ?? HISTORY_SIZE;
    this.market = new AttentionMarket({
      clock: this.clock,
      seed: this.seed,
      settings: this.settings.curves,
      strategy: this.settings.strategy,
      lotsPerSide: lotsPerSide(this.settings.agents),
      periodSteps: options.periodSteps ?? PERIOD_STEPS,
      demandRelativeToMean: true,
    });
    this.exchange = this.market.exchange;
    this.origin = this.exchange.snapshot();
    this.journal = options.journal === true ? record(this.exchange).entries : null;
    this.exchange.subscribe((events) => this.observe(events));
    this.surveillance.attach(this.exchange);
    this.surveillance.subscribe(() => {
      this.alertList = [...this.surveillance.alerts()];
      this.dirty = true;
    });
  }

  // ---- inputs ----

  /**
   * The attention of a new run (or null when there is none): the top-K tokens become the
   * assets, each asset's curves follow its share, and tokens that left are delisted, which
   * cancels their orders with a notice for each of the user's.
   */
  setAttention(attention: AttentionInput | null): void {
    const recorded = attention === null ? null : { tokens: [...attention.tokens], shares: Array.from(attention.shares), hidden: [...(attention.hidden ?? [])] };
    this.log({ op: 'attention', time: this.touch(), attention: recorded });
    this.list(attention);
  }

  private list(attention: AttentionInput | null): void {
    this.attention = attention;
    const { topK, curves } = this.settings;
    const next = attention === null ? [] : attentionAssets(attention, topK, curves.units);
    // A new view of the same run (another head previewed, say) must not restart the agents' period.
    if (sameAssets(this.assets, next)) return;
    const leaving = departedAssets(this.assets, next);
    const why = attention === null ? 'the text has no attention to trade' : `it left the top ${topK} by attention`;
    const events = this.market.setShares(new Map(next.map((asset) => [asset.id, asset.share])), why);
    for (const asset of leaving) {
      const cancelled = events.filter((e) => e.type === 'cancelled' && e.asset === asset.id).length;
      this.notify(`‘${asset.token}’ (#${asset.position}) was delisted: ${why}; ${cancelled} resting order${cancelled === 1 ? '' : 's'} cancelled.`);
      this.histories.delete(asset.id);
      this.volumes.delete(asset.id);
      this.auctions.delete(asset.id);
    }
    for (const [kind, planted] of this.manipulators) {
      if (leaving.some((asset) => asset.id === planted.asset)) this.manipulators.delete(kind);
    }
    this.assets = next;
    this.states = this.market.assets();
    for (const asset of next) if (!this.histories.has(asset.id)) this.histories.set(asset.id, new RingBuffer(this.historySize));
    if (!next.some((asset) => asset.id === this.selectedId)) this.selectedId = next[0]?.id ?? null;
    this.syncPhases();
    this.repricedAt = this.clock.now();
    this.changed();
  }

  setSettings(settings: LiveSettings): void {
    this.log({ op: 'settings', time: this.touch(), settings });
    const previous = this.settings;
    this.settings = settings;
    if (settings.strategy !== previous.strategy) this.market.setStrategy(settings.strategy);
    if (settings.agents !== previous.agents) this.market.setLotsPerSide(lotsPerSide(settings.agents));
    // Compared by value: settings read back from a saved session are equal copies.
    if (!sameCurves(settings.curves, previous.curves)) this.market.setSettings(settings.curves);
    // K and U decide which tokens are listed and what they supply.
    if (settings.topK !== previous.topK || settings.curves.units !== previous.curves.units) this.list(this.attention);
    this.states = this.market.assets();
    this.repricedAt = this.clock.now();
    this.changed();
  }

  select(assetId: string): void {
    if (assetId === this.selectedId || !this.assets.some((asset) => asset.id === assetId)) return;
    this.log({ op: 'select', time: this.clock.now(), asset: assetId });
    this.selectedId = assetId;
    this.changed();
  }

  /** Selects the asset of the token at `position` (a token picked in a view), when that token is listed. */
  selectPosition(position: number): void {
    const asset = this.assets.find((candidate) => candidate.position === position);
    if (asset !== undefined) this.select(asset.id);
  }

  /** Continuous trading, a call market cleared on demand, or slot auctions beside continuous trading. */
  setMechanism(mechanism: Mechanism): void {
    if (mechanism === this.mechanism) return;
    this.log({ op: 'mechanism', time: this.touch(), mechanism });
    this.mechanism = mechanism;
    this.syncPhases();
    this.changed();
  }

  /** Call auction on every asset now; the books then go on collecting orders for the next one. */
  clearNow(): AuctionEvent[] {
    this.log({ op: 'clear', time: this.touch() });
    const results: AuctionEvent[] = [];
    for (const asset of this.assets) {
      for (const event of this.exchange.apply({ op: 'auction', asset: asset.id })) {
        if (event.type === 'auction') results.push(event);
      }
    }
    this.syncPhases();
    this.changed();
    return results;
  }

  /**
   * Plants a manipulative participant in the selected asset (moving it there when it trades in
   * another) or takes it out, withdrawing its orders. The wash trader's accounts are registered
   * with surveillance as one owner, as a regulator's account records would.
   */
  setManipulator(kind: ManipulatorKind, on: boolean): void {
    this.log({ op: 'manipulator', time: this.touch(), kind, on });
    const planted = this.manipulators.get(kind);
    if (planted !== undefined) {
      this.market.removeParticipant(planted.asset, planted.participant);
      this.manipulators.delete(kind);
    }
    if (on && this.selectedId !== null) {
      const participant = MANIPULATORS[kind]();
      if (participant instanceof WashTrader) this.surveillance.configure({ owners: { ...this.surveillance.config.owners, ...participant.owners() } });
      if (this.market.addParticipant(this.selectedId, participant)) this.manipulators.set(kind, { asset: this.selectedId, participant });
    }
    this.changed();
  }

  /** New surveillance thresholds for later checks; throws a RangeError naming an invalid one. */
  configureSurveillance(patch: SurveillanceConfigPatch): void {
    this.surveillance.configure(patch);
    this.log({ op: 'surveillance', time: this.clock.now(), patch });
    this.changed();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.lastRun = null;
    this.changed();
  }

  pause(): void {
    if (!this.running) return;
    this.running = false;
    this.changed();
  }

  /** One agent action on every asset. */
  step(): void {
    this.log({ op: 'step', time: this.touch() });
    for (let i = 0; i < this.states.length; i += 1) this.act();
    this.changed();
  }

  // ---- the user's orders ----

  placeOrder(form: OrderForm): OrderResult {
    const read = readOrderForm(form, new Set(this.assets.map((asset) => asset.id)));
    if ('problems' in read) return { ok: false, problems: read.problems };
    this.log({ op: 'order', time: this.touch(), form });
    const id = `${USER}-${this.nextUserOrder++}`;
    const events = this.exchange.apply({ ...read.draft, id, trader: USER });
    this.userOrderIds.add(id);
    this.changed();
    const rejected = events.find((event) => event.type === 'rejected');
    if (rejected?.type === 'rejected') {
      const field = rejected.field === 'price' || rejected.field === 'qty' || rejected.field === 'tif' ? rejected.field : null;
      return { ok: false, problems: [{ field, message: `Refused by the exchange: ${rejected.detail}` }] };
    }
    return { ok: true, id, events };
  }

  cancelOrder(id: string): MarketEvent[] {
    this.log({ op: 'cancel', time: this.touch(), id });
    const events = this.exchange.apply({ op: 'cancel', id });
    this.changed();
    return events;
  }

  /** New price and quantity (as typed) for a resting order of the user; problems are per field. */
  modifyOrder(id: string, price: string, qty: string): FieldProblem[] {
    const problems: FieldProblem[] = [];
    for (const [field, text] of [['price', price], ['qty', qty]] as const) {
      const message = amountProblem(field, text);
      if (message !== null) problems.push({ field, message });
    }
    if (problems.length > 0) return problems;
    this.log({ op: 'modify', time: this.touch(), id, price, qty });
    const rejected = this.exchange.apply({ op: 'modify', id, price: Number(price), qty: Number(qty) }).find((event) => event.type === 'rejected');
    this.changed();
    return rejected?.type === 'rejected' ? [{ field: null, message: `Refused by the exchange: ${rejected.detail}` }] : [];
  }

  // ---- record and restore ----

  /**
   * A market rebuilt from a record, paused, exactly as the recorded one was after its last
   * command; its own record goes on from there.
   */
  static restore(record: LiveMarketRecord, options: Omit<LiveMarketOptions, 'seed'> = {}): LiveMarket {
    let time = 0;
    const market = new LiveMarket({ ...options, seed: record.seed, now: () => time });
    for (const command of record.commands) {
      time = command.time;
      market.run(command);
    }
    market.now = options.now ?? defaultNow;
    return market;
  }

  /** The seed and every command so far (the live array: copy it to keep it). */
  recording(): LiveMarketRecord {
    return { seed: this.seed, commands: this.commands };
  }

  /**
   * The exchange's snapshot when the market was made and its journal since (the live array);
   * null unless the market was made with `journal: true`.
   */
  exchangeRecord(): { snapshot: ExchangeSnapshot; journal: readonly JournalEntry[] } | null {
    return this.journal === null ? null : { snapshot: this.origin, journal: this.journal };
  }

  /** Calls `listener` with each command as it is recorded; returns the unsubscription. */
  onCommand(listener: (command: LiveCommand) => void): () => void {
    this.commandListeners.add(listener);
    return () => this.commandListeners.delete(listener);
  }

  private run(command: LiveCommand): void {
    switch (command.op) {
      case 'attention':
        return this.setAttention(command.attention === null ? null : { ...command.attention, hidden: new Set(command.attention.hidden) });
      case 'settings':
        return this.setSettings(command.settings);
      case 'select':
        return this.select(command.asset);
      case 'mechanism':
        return this.setMechanism(command.mechanism);
      case 'clear':
        this.clearNow();
        return;
      case 'step':
        return this.step();
      case 'agents':
        return this.runActions(command.actions);
      case 'order':
        this.placeOrder(command.form);
        return;
      case 'cancel':
        this.cancelOrder(command.id);
        return;
      case 'modify':
        this.modifyOrder(command.id, command.price, command.qty);
        return;
      case 'manipulator':
        return this.setManipulator(command.kind, command.on);
      case 'surveillance':
        return this.configureSurveillance(command.patch);
    }
  }

  private log(command: LiveCommand): void {
    this.commands.push(command);
    for (const listener of this.commandListeners) listener(command);
  }

  /** A frame's agent actions, as recorded. */
  private runActions(actions: number): void {
    this.log({ op: 'agents', time: this.touch(), actions });
    for (let i = 0; i < actions; i += 1) this.act();
    this.dirty = true;
  }

  // ---- output ----

  subscribe(listener: (snapshot: MarketSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every trade still on the tape (bounded), oldest first. */
  trades(): readonly TapeTrade[] {
    return this.tape.items();
  }

  /** The market as it is now. */
  snapshot(): MarketSnapshot {
    const assets = this.assets.map((asset) => this.summary(asset));
    const selected = assets.find((asset) => asset.id === this.selectedId) ?? null;
    return {
      version: this.version,
      time: this.clock.now(),
      running: this.running,
      mechanism: this.mechanism,
      settings: this.settings,
      actionsPerSecond: this.actionsPerSecond(),
      assets,
      selected: selected === null ? null : this.detail(selected),
      tape: this.tape.newest(TAPE_SHOWN),
      userOrders: this.userOrders(),
      notices: this.notices.newest(NOTICES_KEPT),
      slots: this.mechanism === 'slot' ? compareSlotAuctions(assets) : null,
      alerts: this.alertList,
      surveillance: this.surveillance.config,
      manipulators: {
        spoofer: this.manipulators.get('spoofer')?.asset ?? null,
        layerer: this.manipulators.get('layerer')?.asset ?? null,
        washTrader: this.manipulators.get('washTrader')?.asset ?? null,
      },
    };
  }

  // ---- frame loop ----

  private changed(): void {
    this.dirty = true;
    this.requestFrame();
  }

  private requestFrame(): void {
    if (this.cancelFrame === null) this.cancelFrame = this.scheduler.request(() => this.frame());
  }

  private frame(): void {
    this.cancelFrame = null;
    if (this.running) this.runAgents(this.now() - this.repricedAt < REPRICE_QUIET_MS ? REPRICE_BUDGET_MS : FRAME_BUDGET_MS);
    if (this.dirty) {
      this.dirty = false;
      this.version += 1;
      const snapshot = this.snapshot();
      for (const listener of this.listeners) listener(snapshot);
    }
    if (this.running) this.requestFrame();
  }

  /** The actions the speed setting owes since the last frame, within the frame's budget. */
  private runAgents(budgetMs: number): void {
    const start = this.touch();
    const elapsed = this.lastRun === null ? 0 : Math.min(MAX_CATCH_UP_MS, start - this.lastRun);
    this.lastRun = start;
    // What could not be done in time is dropped rather than owed: the speed is a ceiling.
    this.owedActions = Math.min(this.owedActions + (this.settings.speed * elapsed) / 1000, this.settings.speed);
    let done = 0;
    while (this.owedActions >= 1 && this.states.length > 0) {
      this.act();
      this.owedActions -= 1;
      done += 1;
      if (done % 32 === 0 && this.now() - start > budgetMs) {
        this.owedActions = Math.min(this.owedActions, 1);
        break;
      }
    }
    if (done > 0) this.log({ op: 'agents', time: start, actions: done });
    this.frames.push({ time: start, actions: done });
    while (this.frames.length > 0 && this.frames[0].time < start - 1000) this.frames.shift();
    if (done > 0) this.dirty = true;
  }

  private actionsPerSecond(): number {
    if (!this.running || this.frames.length < 2) return 0;
    const span = this.frames[this.frames.length - 1].time - this.frames[0].time;
    const actions = this.frames.slice(1).reduce((sum, frame) => sum + frame.actions, 0);
    return span > 0 ? (actions * 1000) / span : 0;
  }

  /** One agent action, on the assets in turn. */
  private act(): void {
    if (this.states.length === 0) return;
    this.cursor = (this.cursor + 1) % this.states.length;
    this.states[this.cursor].simulation.step();
  }

  /** Sets the exchange clock to now (all events of one call share a time) and returns it. */
  private touch(): number {
    const now = this.now();
    this.clock.set(now);
    return now;
  }

  /** Books collect orders for the next auction in the call mechanism and trade continuously otherwise. */
  private syncPhases(): void {
    const phase = this.mechanism === 'call' ? 'call' : 'continuous';
    for (const asset of this.exchange.assets()) {
      if (this.exchange.book(asset)?.phase !== phase) this.exchange.apply({ op: 'phase', asset, phase });
    }
  }

  // ---- events ----

  private observe(events: readonly MarketEvent[]): void {
    const delisting = events.find((event) => event.type === 'delisted');
    for (const event of events) {
      if (event.type === 'trade') this.record(event);
      else if (event.type === 'auction') this.auctions.set(event.asset, event);
      else if (event.type === 'cancelled' && event.trader === USER && event.reason !== 'user') {
        const reason = event.reason === 'delisted' ? (delisting?.type === 'delisted' ? (delisting.note ?? 'delisted') : 'delisted') : CANCEL_REASONS[event.reason];
        const token = this.assets.find((asset) => asset.id === event.asset)?.token ?? event.asset;
        const price = event.price === null ? 'at market' : `at ${event.price}`;
        this.notify(`Your order ${event.id} (${event.side} ${event.qty} ${price} on ‘${token}’) was cancelled: ${reason}.`);
      }
    }
  }

  private record(trade: TradeEvent): void {
    const asset = this.assets.find((candidate) => candidate.id === trade.asset);
    const pStar = this.market.asset(trade.asset)?.equilibrium.price ?? Number.NaN;
    this.tape.push({
      seq: trade.seq,
      time: trade.time,
      asset: trade.asset,
      token: asset?.token ?? trade.asset,
      price: trade.price,
      qty: trade.qty,
      buyer: trade.buyer,
      seller: trade.seller,
      takerSide: trade.takerSide,
      mine: trade.buyer === USER || trade.seller === USER,
    });
    this.histories.get(trade.asset)?.push({ seq: trade.seq, time: trade.time, price: trade.price, qty: trade.qty, pStar });
    this.volumes.set(trade.asset, (this.volumes.get(trade.asset) ?? 0) + trade.qty);
  }

  private notify(text: string): void {
    this.notices.push({ seq: this.exchange.seq, time: this.clock.now(), text });
  }

  // ---- snapshot parts ----

  private summary(asset: AttentionAsset): AssetSummary {
    const state = this.market.asset(asset.id) as AssetState;
    const book = this.exchange.book(asset.id);
    return {
      ...asset,
      pStar: state.equilibrium.price,
      qStar: state.equilibrium.quantity,
      lastPrice: book?.lastTradePrice ?? null,
      bestBid: book?.bestBid()?.price ?? null,
      bestAsk: book?.bestAsk()?.price ?? null,
      volume: this.volumes.get(asset.id) ?? 0,
    };
  }

  private detail(asset: AssetSummary): SelectedMarket {
    const state = this.market.asset(asset.id) as AssetState;
    const book = this.exchange.book(asset.id);
    const own = { buy: new Map<number, number>(), sell: new Map<number, number>() };
    for (const order of this.userOrders()) {
      if (order.asset === asset.id) own[order.side].set(order.price, (own[order.side].get(order.price) ?? 0) + order.qty);
    }
    const history = this.histories.get(asset.id)?.items() ?? [];
    return {
      asset,
      params: state.params,
      lotSize: state.units.lotSize,
      bids: bookLevels(book?.depth('buy') ?? [], own.buy),
      asks: bookLevels(book?.depth('sell') ?? [], own.sell),
      spread: book?.spread() ?? null,
      history,
      metrics: this.metrics(asset, state),
      auction: this.auctions.get(asset.id) ?? null,
    };
  }

  private metrics(asset: AssetSummary, state: AssetState): MarketMetrics {
    const book = this.exchange.book(asset.id);
    const period = state.simulation.currentPeriod();
    return {
      lastPrice: asset.lastPrice,
      spread: book?.spread() ?? null,
      volume: asset.volume,
      period: period.period,
      periodVolume: period.volume,
      volumeRatio: period.volumeRatio,
      efficiency: period.efficiency,
      alpha: smithsAlpha(period.prices, asset.pStar),
      imbalance: book === undefined ? 0 : orderImbalance(book),
      buyers: state.units.values.length,
      sellers: state.units.costs.length,
    };
  }

  /**
   * The user's live orders; ids of orders that have gone (filled, cancelled) are forgotten. The
   * previous list comes back while nothing in it changed.
   */
  private userOrders(): readonly UserOrder[] {
    const orders: UserOrder[] = [];
    for (const id of this.userOrderIds) {
      const order = this.exchange.order(id);
      if (order === undefined) {
        this.userOrderIds.delete(id);
        continue;
      }
      const token = this.assets.find((asset) => asset.id === order.asset)?.token ?? order.asset;
      orders.push({ ...order, token });
    }
    const shown = this.shownOrders;
    const same = orders.length === shown.length && orders.every((o, i) => o.id === shown[i].id && o.price === shown[i].price && o.qty === shown[i].qty && o.rank === shown[i].rank);
    if (!same) this.shownOrders = orders;
    return this.shownOrders;
  }
}

/** The side with more curve units gets this many lots, hence agents (see induceUnits). */
function lotsPerSide(agents: number): number {
  return Math.max(1, Math.ceil(agents / 2));
}

function sameCurves(a: CurveSettings, b: CurveSettings): boolean {
  return (Object.keys(a) as (keyof CurveSettings)[]).every((key) => a[key] === b[key]);
}

function sameAssets(a: readonly AttentionAsset[], b: readonly AttentionAsset[]): boolean {
  return a.length === b.length && a.every((asset, i) => asset.id === b[i].id && asset.share === b[i].share && asset.supply === b[i].supply);
}
