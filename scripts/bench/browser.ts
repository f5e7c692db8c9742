/**
 * Runs benchmark pages in Debian's Chromium: starts Vite's dev server on a free 127.0.0.1 port,
 * opens a page under it and waits for the page to publish `window.__benchResults` (or
 * `window.__benchError`). Benchmarks share one session; browsers start on first use per mode.
 */
import { createServer as createNetServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { createServer, type ViteDevServer } from 'vite';
import { chromiumLaunchOptions, type BrowserMode } from '../chromium';

export type { BrowserMode };

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface PageRunOptions {
  mode?: BrowserMode;
  /** Query parameters for the page. */
  params?: Record<string, string | number>;
  deviceScaleFactor?: number;
  timeoutMs?: number;
}

export interface BenchSession {
  readonly baseUrl: string;
  /** Opens `path` (e.g. "/bench/draw.html") and resolves with what the page published. */
  runPage<T>(path: string, options?: PageRunOptions): Promise<T>;
  close(): Promise<void>;
}

export async function startBenchSession(): Promise<BenchSession> {
  const port = await freePort();
  const server: ViteDevServer = await createServer({
    root: ROOT,
    logLevel: 'warn',
    clearScreen: false,
    // No watching or hot reload: an edit during a run must not reload a page mid-measurement.
    server: { host: '127.0.0.1', port, strictPort: true, hmr: false, watch: null },
  });
  await server.listen();
  const baseUrl = `http://127.0.0.1:${port}`;
  const browsers = new Map<BrowserMode, Promise<Browser>>();
  const browserFor = (mode: BrowserMode) => {
    let browser = browsers.get(mode);
    if (!browser) {
      browser = chromium.launch(chromiumLaunchOptions(mode));
      browsers.set(mode, browser);
    }
    return browser;
  };

  return {
    baseUrl,
    async runPage<T>(path: string, options: PageRunOptions = {}): Promise<T> {
      const browser = await browserFor(options.mode ?? 'cpu');
      const context = await browser.newContext({ deviceScaleFactor: options.deviceScaleFactor ?? 1, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      page.on('console', (message) => process.stderr.write(`[page] ${message.text()}\n`));
      const failure = new Promise<never>((_, reject) => page.on('pageerror', (error) => reject(error)));
      try {
        const url = new URL(path, baseUrl);
        for (const [name, value] of Object.entries(options.params ?? {})) url.searchParams.set(name, String(value));
        await page.goto(url.href);
        const done = page.waitForFunction(() => '__benchResults' in window || '__benchError' in window, undefined, {
          timeout: options.timeoutMs ?? 600_000,
          polling: 250,
        });
        await Promise.race([done, failure]);
        const outcome = await page.evaluate(() => {
          const published = window as unknown as { __benchResults?: unknown; __benchError?: string };
          return { results: published.__benchResults, error: published.__benchError };
        });
        if (outcome.error !== undefined) throw new Error(`${path}: ${outcome.error}`);
        return outcome.results as T;
      } finally {
        await context.close();
      }
    },
    async close() {
      for (const browser of browsers.values()) await (await browser).close();
      await server.close();
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/** A GitHub-flavoured markdown table with columns padded to line up in a terminal. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, c) => Math.max(3, title.length, ...rows.map((row) => row[c]?.length ?? 0)));
  const line = (cells: readonly string[]) => `| ${widths.map((width, c) => (cells[c] ?? '').padEnd(width)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** Milliseconds for tables: three significant figures, at least one decimal below 100. */
export function formatMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}
