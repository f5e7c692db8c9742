/** Where the engine reads time from; injected so that replays are exact. */
export interface Clock {
  now(): number;
}

/** A clock that only moves when told to: for tests, replays and simulations. */
export class ManualClock implements Clock {
  constructor(private time = 0) {}

  now(): number {
    return this.time;
  }

  set(time: number): void {
    this.time = time;
  }

  advance(delta: number): void {
    this.time += delta;
  }
}

/** Wall-clock milliseconds, for live use. */
export const systemClock: Clock = { now: () => Date.now() };
