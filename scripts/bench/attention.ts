/**
 * `npm run bench:attention`: attention benchmarks in Debian's Chromium, printed as markdown and
 * saved under bench-results/. Sections are independent; each gets the shared browser session.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { startBenchSession, type BenchSession } from './browser';
import { drawTable, runDrawBenchmark } from './draw';
import { runInferenceBench } from './inference';

/** Pixel ratios the drawing benchmark runs at: a plain screen and a high-density one. */
const DRAW_PIXEL_RATIOS = [1, 2];

/** Every benchmark section as markdown, in report order; inference sections go after drawing. */
async function attentionSections(session: BenchSession): Promise<{ markdown: string[]; raw: Record<string, unknown> }> {
  const markdown: string[] = [];
  const raw: Record<string, unknown> = {};
  for (const ratio of DRAW_PIXEL_RATIOS) {
    const results = await runDrawBenchmark(session, ratio);
    raw[`draw@${ratio}x`] = results;
    markdown.push(drawTable(results));
  }
  const inference = await runInferenceBench(session, { runs: Number(process.env.RUNS ?? 15) });
  raw.inference = inference;
  markdown.push(inference);
  return { markdown, raw };
}

async function main(): Promise<void> {
  const session = await startBenchSession();
  try {
    const { markdown, raw } = await attentionSections(session);
    const report = markdown.join('\n\n');
    console.log(report);
    await mkdir('bench-results', { recursive: true });
    await writeFile('bench-results/attention.md', `${report}\n`);
    await writeFile('bench-results/attention.json', `${JSON.stringify(raw, null, 2)}\n`);
  } finally {
    await session.close();
  }
}

await main();
