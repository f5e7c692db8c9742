/**
 * `npm run bench:ui`: the live market panel in Debian's Chromium (software rendering) with 10,000
 * resting orders across the assets. Real mouse drags over the sliders (Playwright input, so the
 * browser delivers them as it would a user's) are timed from input to the next painted frame,
 * paused and with the agents running flat out; then the agents' throughput while the charts
 * redraw every frame. The page is a production build (React's development build is several
 * times slower and is not what users run). Prints a markdown table and saves it under bench-results/.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { build, preview } from 'vite';
import type { InputSample, SimulationSample, UiBench } from '../../bench/ui';
import { median } from '../../bench/publish';
import { formatMs, markdownTable } from './browser';
import { chromiumLaunchOptions } from '../chromium';

const SLIDERS = ['Reservation price', 'Demand scale', 'Price ceiling', 'Demand elasticity', 'Your price'];
/** Mouse moves per slider and direction, a few pixels apart, each one new value. */
const MOVES = 30;
const SIMULATION_MS = 5_000;
const TARGET_MS = 16;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

type Bench = Window & { __uiBench?: UiBench; __benchError?: string };

async function dragSliders(page: Page): Promise<void> {
  for (const name of SLIDERS) {
    const slider = page.getByRole('slider', { name, exact: true });
    if (await slider.isDisabled()) await page.getByLabel('Demand curve').selectOption('isoelastic');
    const box = (await slider.boundingBox())!;
    const y = box.y + box.height / 2;
    const at = (fraction: number) => box.x + box.width * fraction;
    await page.mouse.move(at(0.2), y);
    await page.mouse.down();
    for (let i = 1; i <= MOVES; i += 1) await page.mouse.move(at(0.2 + (0.6 * i) / MOVES), y);
    for (let i = MOVES - 1; i >= 0; i -= 1) await page.mouse.move(at(0.2 + (0.6 * i) / MOVES), y);
    await page.mouse.up();
  }
  await page.getByLabel('Demand curve').selectOption('linear');
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

function latencyRow(label: string, samples: readonly InputSample[]): string[] {
  const dispatch = samples.map((s) => s.dispatchToPaintMs);
  const event = samples.map((s) => s.eventToPaintMs);
  const handler = samples.map((s) => s.handlerMs);
  const stale = samples.filter((s) => !s.chartCurrent).length;
  return [
    label,
    String(samples.length),
    `${formatMs(median(dispatch))} / ${formatMs(percentile(dispatch, 0.95))}`,
    `${formatMs(median(event))} / ${formatMs(percentile(event, 0.95))}`,
    `${formatMs(median(handler))} / ${formatMs(percentile(handler, 0.95))}`,
    stale === 0 ? 'yes' : `no (${stale} stale)`,
    median(dispatch) <= TARGET_MS ? 'met' : 'MISSED',
  ];
}

/** Builds bench/ui.html for production into a temporary folder and serves it on a free port. */
async function servePage(): Promise<{ url: string; close: () => Promise<void> }> {
  const outDir = await mkdtemp(join(tmpdir(), 'bench-ui-'));
  const config = { root: ROOT, logLevel: 'warn' as const, publicDir: false as const };
  await build({ ...config, build: { outDir, emptyOutDir: true, rollupOptions: { input: join(ROOT, 'bench/ui.html') } } });
  const server = await preview({ ...config, build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: true } });
  const address = server.httpServer.address();
  if (address === null || typeof address === 'string') throw new Error('the preview server has no port');
  return {
    url: `http://127.0.0.1:${address.port}/bench/ui.html`,
    async close() {
      await server.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const served = await servePage();
  const browser = await chromium.launch(chromiumLaunchOptions('cpu'));
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (error) => process.stderr.write(`[page] ${error.message}\n`));
    await page.goto(served.url);
    await page.waitForFunction(() => (window as Bench).__uiBench?.ready === true || (window as Bench).__benchError !== undefined, undefined, { timeout: 120_000 });
    const error = await page.evaluate(() => (window as Bench).__benchError);
    if (error !== undefined) throw new Error(error);
    const resting = await page.evaluate(() => (window as Bench).__uiBench!.restingOrders());

    await dragSliders(page);
    await page.evaluate(() => (window as Bench).__uiBench!.fillBook());
    // The top speed: as many agent actions as the frame budget allows.
    const speed = (await page.getByRole('slider', { name: 'Simulation speed', exact: true }).boundingBox())!;
    await page.mouse.click(speed.x + speed.width - 1, speed.y + speed.height / 2);
    await page.evaluate(() => (window as Bench).__uiBench!.start());
    await dragSliders(page);
    await page.evaluate(() => (window as Bench).__uiBench!.fillBook());
    const simulation: SimulationSample = await page.evaluate((ms) => (window as Bench).__uiBench!.measureSimulation(ms), SIMULATION_MS);
    await page.evaluate(() => (window as Bench).__uiBench!.pause());
    const samples: InputSample[] = await page.evaluate(() => (window as Bench).__uiBench!.samples());
    const userAgent = await page.evaluate(() => navigator.userAgent);

    const latencyHeader = ['slider input', 'inputs', 'dispatch -> painted, median / p95 ms', 'event -> painted, median / p95 ms', 'handler ms', 'chart shows new p*', `target <= ${TARGET_MS} ms`];
    const latencyRows = [
      latencyRow(`agents paused, ${resting.toLocaleString('en')} resting orders`, samples.filter((s) => !s.running)),
      latencyRow('agents running at the top speed, book refilled to 10,000', samples.filter((s) => s.running)),
    ];
    const simulationHeader = ['agents running while drawing', 'actions', 'actions/s', 'frame interval median / p95 ms', 'resting orders (all traders) before / after'];
    const simulationRows = [
      [
        `${(simulation.durationMs / 1000).toFixed(1)} s at the top speed setting`,
        simulation.actions.toLocaleString('en'),
        Math.round(simulation.actionsPerSecond).toLocaleString('en'),
        `${formatMs(simulation.frameMedianMs)} / ${formatMs(simulation.frameP95Ms)}`,
        `${simulation.restingBefore.toLocaleString('en')} / ${simulation.restingAfter.toLocaleString('en')}`,
      ],
    ];
    const load = loadavg().map((value) => value.toFixed(1)).join(', ');
    const report = [
      `Live market UI (${userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? 'Chromium'}, --disable-gpu, devicePixelRatio 1, production build): sliders ${SLIDERS.join(', ')}, dragged with the mouse.`,
      `Machine: ${cpus().length} CPUs, load average ${load} (1, 5, 15 min) when the runs ended.`,
      'dispatch -> painted: from the page receiving the input event to after the frame that shows it; event -> painted adds the wait between the mouse move and its dispatch (input is aligned to frames).',
      '',
      markdownTable(latencyHeader, latencyRows),
      '',
      markdownTable(simulationHeader, simulationRows),
    ].join('\n');
    console.log(report);
    await mkdir('bench-results', { recursive: true });
    await writeFile('bench-results/ui.md', `${report}\n`);
    await writeFile('bench-results/ui.json', `${JSON.stringify({ resting, samples, simulation }, null, 2)}\n`);
  } finally {
    await browser.close();
    await served.close();
  }
}

await main();
