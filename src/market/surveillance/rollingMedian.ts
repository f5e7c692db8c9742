/**
 * Median of the latest `capacity` values pushed. The values are kept in arrival order and in
 * sorted order side by side; a push inserts and evicts by binary search, which is cheap for
 * the windows of about a hundred order sizes this is used for.
 */
export class RollingMedian {
  private readonly arrivals: number[] = [];
  private readonly sorted: number[] = [];

  constructor(private capacity: number) {}

  /** The lower of the two middle values for an even count; null while empty. */
  median(): number | null {
    return this.sorted.length === 0 ? null : this.sorted[(this.sorted.length - 1) >> 1];
  }

  push(value: number): void {
    this.arrivals.push(value);
    this.sorted.splice(this.lowerBound(value), 0, value);
    this.trim();
  }

  /** Keeps only the latest `capacity` values from now on. */
  resize(capacity: number): void {
    this.capacity = capacity;
    this.trim();
  }

  private trim(): void {
    while (this.arrivals.length > this.capacity) {
      this.sorted.splice(this.lowerBound(this.arrivals.shift() as number), 1);
    }
  }

  /** First index whose value is not below `value`. */
  private lowerBound(value: number): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
