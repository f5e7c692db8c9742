/**
 * The last `capacity` items pushed: a bounded buffer for tapes and histories. Its views are
 * cached until the next push, so a snapshot that finds nothing new hands out the same arrays
 * (and whatever compares them by identity, a chart or a React component, skips its work).
 */
export class RingBuffer<T> {
  private readonly buffer: T[] = [];
  private start = 0;
  private oldestFirst: readonly T[] | null = null;
  private readonly newestFirst = new Map<number, readonly T[]>();

  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity > 0)) throw new RangeError('capacity must be a whole number > 0');
  }

  get length(): number {
    return this.buffer.length;
  }

  push(item: T): void {
    if (this.buffer.length < this.capacity) {
      this.buffer.push(item);
    } else {
      this.buffer[this.start] = item;
      this.start = (this.start + 1) % this.capacity;
    }
    this.oldestFirst = null;
    this.newestFirst.clear();
  }

  /** Every item, oldest first. */
  items(): readonly T[] {
    this.oldestFirst ??= this.slice(this.buffer.length);
    return this.oldestFirst;
  }

  /** The newest `count` items, newest first. */
  newest(count: number): readonly T[] {
    let view = this.newestFirst.get(count);
    if (view === undefined) {
      view = this.slice(count).reverse();
      this.newestFirst.set(count, view);
    }
    return view;
  }

  /** The newest `count` items, oldest first. */
  private slice(count: number): T[] {
    const n = Math.min(count, this.buffer.length);
    const result = new Array<T>(n);
    const first = this.buffer.length - n;
    for (let i = 0; i < n; i += 1) result[i] = this.buffer[(this.start + first + i) % this.buffer.length];
    return result;
  }
}
