/** Helpers for benchmark pages: publishing results to the Node harness and timing draws. */

declare global {
  interface Window {
    __benchResults?: unknown;
    __benchError?: string;
  }
}

/** Runs the benchmark and publishes its result (or error) where scripts/bench/browser.ts waits for it. */
export function publish(run: () => Promise<unknown>): void {
  run().then(
    (results) => {
      window.__benchResults = results;
    },
    (error: unknown) => {
      window.__benchError = error instanceof Error ? (error.stack ?? error.message) : String(error);
    },
  );
}

export function nextFrame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(resolve));
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface Timing {
  runs: number;
  /** Median of: the draw call plus forcing its work through (canvas raster, SVG style and layout). */
  drawMs: number;
  /** Median of: from the start of a frame, through the draw, to the next animation frame (paint included). */
  frameMs: number;
}

export interface DrawTiming {
  /** Draws run number `run` (negative numbers are untimed warm-up runs). */
  draw: (run: number) => void;
  /** Forces the browser to finish the work the draw queued (canvas raster, SVG style and layout). */
  settle: () => void;
  /** Untimed preparation before each run (e.g. removing what the last run drew). */
  reset?: () => void;
  runs: number;
  warmup?: number;
}

/** Times a draw `runs` times after untimed warm-up runs; each run starts at a frame boundary. */
export async function timeDraw({ draw, settle, reset, runs, warmup = 1 }: DrawTiming): Promise<Timing> {
  const drawTimes: number[] = [];
  const frameTimes: number[] = [];
  for (let run = -warmup; run < runs; run++) {
    reset?.();
    await nextFrame();
    const start = performance.now();
    draw(run);
    settle();
    const drawn = performance.now();
    await nextFrame();
    const framed = performance.now();
    if (run >= 0) {
      drawTimes.push(drawn - start);
      frameTimes.push(framed - start);
    }
  }
  return { runs, drawMs: median(drawTimes), frameMs: median(frameTimes) };
}
