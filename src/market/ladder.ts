import { Rng } from './rng.ts';
import type { SelfTradeMode, Side } from './types.ts';
import type { OrderBook } from './orderBook.ts';

/**
 * An order while the engine holds it. Resting orders are linked into their price level's FIFO
 * queue through `prev`/`next`, so removing one from anywhere in the queue is O(1).
 */
export class OrderNode {
  prev: OrderNode | null = null;
  next: OrderNode | null = null;
  level: Level | null = null;
  /** True from the moment the order rests until it is filled or cancelled. */
  live = false;

  constructor(
    readonly book: OrderBook,
    readonly id: string,
    readonly trader: string,
    readonly side: Side,
    /** Market orders never rest; their `price` is the bound they may trade up (or down) to. */
    readonly isMarket: boolean,
    public price: number,
    /** Open (unfilled, uncancelled) quantity. */
    public qty: number,
    readonly postOnly: boolean,
    readonly stp: SelfTradeMode,
    public time: number,
    public rank: number,
  ) {}
}

/**
 * All resting orders at one price on one side, in arrival order, plus the level's links in
 * the skip list that keeps levels sorted best first.
 */
export class Level {
  qty = 0;
  count = 0;
  head: OrderNode | null = null;
  tail: OrderNode | null = null;
  /** forward[i]: the next worse level among those of height > i. */
  readonly forward: (Level | null)[];

  constructor(
    readonly price: number,
    /** Sort key: ascending key = descending priority (price for asks, -price for bids). */
    readonly key: number,
    height: number,
  ) {
    this.forward = new Array<Level | null>(height).fill(null);
  }

  append(node: OrderNode): void {
    node.level = this;
    node.prev = this.tail;
    node.next = null;
    if (this.tail === null) this.head = node;
    else this.tail.next = node;
    this.tail = node;
    this.qty += node.qty;
    this.count += 1;
  }

  unlink(node: OrderNode): void {
    if (node.prev === null) this.head = node.next;
    else node.prev.next = node.next;
    if (node.next === null) this.tail = node.prev;
    else node.next.prev = node.prev;
    node.prev = null;
    node.next = null;
    node.level = null;
    this.qty -= node.qty;
    this.count -= 1;
  }
}

const MAX_HEIGHT = 16;
/** Chance that a level also appears one layer up; 1/4 gives about 1.33 links per level. */
const PROMOTE = 0.25;

/**
 * One side of a book: non-empty price levels sorted best first, in a skip list (expected
 * O(log levels) insertion and removal, O(1) best level and in-order walking) with a map from
 * price to level for O(1) lookup. The list's coin flips come from a fixed-seed generator, so
 * the structure, like everything else in the engine, is reproducible.
 */
export class Ladder {
  private readonly header = new Level(Number.NaN, Number.NEGATIVE_INFINITY, MAX_HEIGHT);
  private readonly predecessors = new Array<Level>(MAX_HEIGHT);
  private readonly byPrice = new Map<number, Level>();
  private readonly coins = new Rng(0x1ad);
  private height = 1;

  /** `direction` 1 sorts ascending prices first (asks), -1 descending (bids). */
  constructor(private readonly direction: 1 | -1) {}

  get levelCount(): number {
    return this.byPrice.size;
  }

  best(): Level | null {
    return this.header.forward[0];
  }

  at(price: number): Level | undefined {
    return this.byPrice.get(price);
  }

  /** The level at `price`, created (and linked in sorted position) when it does not exist. */
  levelAt(price: number): Level {
    const existing = this.byPrice.get(price);
    if (existing !== undefined) return existing;
    const key = this.direction * price;
    this.findPredecessors(key);
    let height = 1;
    while (height < MAX_HEIGHT && this.coins.next() < PROMOTE) height += 1;
    for (; this.height < height; this.height += 1) this.predecessors[this.height] = this.header;
    const level = new Level(price, key, height);
    for (let i = 0; i < height; i += 1) {
      const before = this.predecessors[i];
      level.forward[i] = before.forward[i];
      before.forward[i] = level;
    }
    this.byPrice.set(price, level);
    return level;
  }

  /** Unlinks an (empty) level. */
  remove(level: Level): void {
    this.findPredecessors(level.key);
    for (let i = 0; i < level.forward.length; i += 1) {
      this.predecessors[i].forward[i] = level.forward[i];
    }
    while (this.height > 1 && this.header.forward[this.height - 1] === null) this.height -= 1;
    this.byPrice.delete(level.price);
  }

  private findPredecessors(key: number): void {
    let node = this.header;
    for (let i = this.height - 1; i >= 0; i -= 1) {
      let next = node.forward[i];
      while (next !== null && next.key < key) {
        node = next;
        next = node.forward[i];
      }
      this.predecessors[i] = node;
    }
  }
}
