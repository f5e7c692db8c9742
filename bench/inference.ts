/**
 * Inference benchmark page: the attention matrices of both layers for the same token ids, from our
 * ONNX model on onnxruntime-web (set up as the app's inference worker sets it up) and from the
 * original TensorFlow.js graph model asked for its attention Softmax nodes (WASM and CPU backends).
 * Each timed run includes making the input tensors and reading the attention back into JS.
 *
 * Engines take turns: every round runs each engine once, in a shuffled order, each after a short
 * idle pause. Load from other processes then falls on all engines alike, and no engine pays for
 * the previous one's worker threads still spinning.
 *
 * Query: ?backends=ours-wasm,ours-wasm-whole,ours-webgpu,tfjs-wasm,tfjs-cpu&lengths=8,32,128&runs=15
 * Results are published on window.__benchResults for scripts/bench/inference.ts.
 */
import * as ort from 'onnxruntime-web/webgpu';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import { modelInfoSchema } from '../src/model/onnx/model-info';
import { pruneToOutputs } from '../src/model/onnx/prune';
import { appOutputNames, sessionOptions, wasmThreadCount } from '../src/model/onnx/session-options';
import { tokenizerFromJson } from '../src/model/tokenizers';
import { median, publish } from './publish';

export interface InferenceRow {
  engine: string;
  tokens: number;
  medianMs: number;
  /** The fastest run: what the engine does when nothing else wants the CPU. */
  fastestMs: number;
  runs: number;
}

interface Engine {
  readonly name: string;
  /** Untimed set-up before each run. */
  activate(): Promise<void>;
  run(ids: readonly number[]): Promise<void>;
}

const params = new URLSearchParams(location.search);
const engineIds = (params.get('backends') ?? 'ours-wasm,tfjs-wasm,tfjs-cpu').split(',');
const lengths = (params.get('lengths') ?? '8,32,128').split(',').map(Number);
const runs = Number(params.get('runs') ?? 15);
const WARMUP_ROUNDS = 5;
/** Long enough for a finished run's thread pool to stop spinning before the next engine starts. */
const PAUSE_MS = 20;
const OUR_MODEL = '/models/use-lite/';
/** The original TF.js model, staged by scripts/bench/inference.ts. */
const USE_DIST = '/node_modules/.cache/use-lite-tfjs/';

const SENTENCE =
  'Attention is a scarce resource: every token competes for the weight that other tokens give it, and the model spends its attention on the words that matter most for meaning. ';

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

async function tokenIds(count: number): Promise<number[]> {
  const tokenizer = tokenizerFromJson(await fetchJson(`${OUR_MODEL}tokenizer.json`));
  const ids = tokenizer.encode(SENTENCE.repeat(Math.ceil(count / 20) + 1)).ids;
  return ids.slice(0, count);
}

/** Our model as the app runs it; `pruned: false` builds the session from the whole graph, to show what pruning buys. */
async function ourEngine(backend: 'wasm' | 'webgpu', pruned = true): Promise<Engine> {
  ort.env.wasm.numThreads = wasmThreadCount(navigator.hardwareConcurrency);
  const info = modelInfoSchema.parse(await fetchJson(`${OUR_MODEL}model-info.json`));
  const bytes = new Uint8Array(await (await fetch(`${OUR_MODEL}model.onnx`)).arrayBuffer());
  // As the app's worker builds it: from the graph pruned to the outputs the app reads.
  const outputs = appOutputNames(info);
  const session = await ort.InferenceSession.create(pruned ? pruneToOutputs(bytes, outputs) : bytes, sessionOptions(backend));
  return {
    name: `ours: onnxruntime-web ${backend === 'wasm' ? 'WASM' : 'WebGPU'}${pruned ? '' : ', whole graph (not pruned)'}`,
    activate: async () => {},
    async run(ids) {
      const input = new ort.Tensor('int32', Int32Array.from(ids), [1, ids.length]);
      const results = await session.run({ [info.inputName]: input }, outputs);
      await Promise.all(Object.values(results).map((tensor) => tensor.getData()));
      for (const tensor of Object.values(results)) tensor.dispose();
    },
  };
}

/**
 * The original model on one TF.js backend. Its weights live on the backend that was active when it
 * was loaded, so each backend gets its own copy, and the engine makes its backend active before
 * each run.
 */
async function tfjsEngine(backend: 'wasm' | 'cpu'): Promise<Engine> {
  if (backend === 'wasm') setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
  await tf.setBackend(backend);
  await tf.ready();
  const modelJson = (await fetchJson(`${USE_DIST}model.json`)) as { modelTopology: { node: { name: string; op: string }[] } };
  const softmaxNodes = modelJson.modelTopology.node.filter((node) => node.op === 'Softmax').map((node) => node.name);
  const model = await loadGraphModel(`${USE_DIST}model.json`);
  return {
    name: `TensorFlow.js ${backend === 'wasm' ? 'WASM' : 'CPU'} (original model)`,
    activate: async () => {
      await tf.setBackend(backend);
    },
    async run(ids) {
      const indices = tf.tensor2d(ids.flatMap((_, position) => [0, position]), [ids.length, 2], 'int32');
      const values = tf.tensor1d(ids as number[], 'int32');
      // Asking for the Softmax nodes only lets TF.js skip what the attention does not depend on.
      const outputs = (await model.executeAsync({ indices, values }, softmaxNodes)) as tf.Tensor[];
      await Promise.all(outputs.map((tensor) => tensor.data()));
      tf.dispose([indices, values, ...outputs]);
    },
  };
}

async function createEngine(id: string): Promise<Engine> {
  if (id === 'ours-wasm') return ourEngine('wasm');
  if (id === 'ours-wasm-whole') return ourEngine('wasm', false);
  if (id === 'ours-webgpu') return ourEngine('webgpu');
  if (id === 'tfjs-wasm') return tfjsEngine('wasm');
  if (id === 'tfjs-cpu') return tfjsEngine('cpu');
  throw new Error(`unknown engine ${id}`);
}

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

const pause = () => new Promise((resolve) => setTimeout(resolve, PAUSE_MS));

/** Runs every engine on `ids` in interleaved rounds and returns each engine's run times. */
async function timeInRounds(engines: readonly Engine[], ids: readonly number[]): Promise<Map<Engine, number[]>> {
  const samples = new Map(engines.map((engine) => [engine, [] as number[]]));
  for (let round = -WARMUP_ROUNDS; round < runs; round++) {
    for (const engine of shuffled(engines)) {
      await engine.activate();
      await pause();
      const started = performance.now();
      await engine.run(ids);
      if (round >= 0) samples.get(engine)!.push(performance.now() - started);
    }
  }
  return samples;
}

publish(async () => {
  const inputs = await Promise.all(lengths.map(tokenIds));
  const engines: Engine[] = [];
  for (const id of engineIds) engines.push(await createEngine(id));
  const rows: InferenceRow[] = [];
  for (const ids of inputs) {
    for (const [engine, times] of await timeInRounds(engines, ids)) {
      rows.push({ engine: engine.name, tokens: ids.length, medianMs: median(times), fastestMs: Math.min(...times), runs });
    }
  }
  return { rows, threads: navigator.hardwareConcurrency, isolated: crossOriginIsolated };
});
