/** The last `capacity` items pushed, oldest first: a bounded buffer for tapes and histories. */
export class RingBuffer<T> {
  private readonly items: T[] = [];
  private start = 0;

  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity > 0)) throw new RangeError('capacity must be a whole number > 0');
  }

  get length(): number {
    return this.items.length;
  }

  push(item: T): void {
    if (this.items.length < this.capacity) {
      this.items.push(item);
    } else {
      this.items[this.start] = item;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  /** The newest `count` items (all by default), oldest first. */
  latest(count = this.items.length): T[] {
    const n = Math.min(count, this.items.length);
    const result = new Array<T>(n);
    const first = this.items.length - n;
    for (let i = 0; i < n; i += 1) result[i] = this.items[(this.start + first + i) % this.items.length];
    return result;
  }
}
