/**
 * Inference benchmark page: the same USE-lite sentences through our ONNX model on onnxruntime-web
 * and through the original TensorFlow.js graph model (WASM and CPU backends), in the same page.
 * Query: ?backends=ours-wasm,ours-webgpu,tfjs-wasm,tfjs-cpu&lengths=8,32,128&runs=15
 * Results are published on window.__benchResults for scripts/bench/attention.ts.
 */
import * as ort from 'onnxruntime-web/webgpu';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { tokenizerFromJson } from '../src/model/tokenizers';
import { median, publish } from './publish';

export interface InferenceRow {
  engine: string;
  tokens: number;
  medianMs: number;
  runs: number;
}

const params = new URLSearchParams(location.search);
const engines = (params.get('backends') ?? 'ours-wasm,tfjs-wasm,tfjs-cpu').split(',');
const lengths = (params.get('lengths') ?? '8,32,128').split(',').map(Number);
const runs = Number(params.get('runs') ?? 15);
const WARMUP = 3;
/** The original TF.js model, staged by scripts/bench/inference.ts. */
const USE_DIST = '/node_modules/.cache/use-lite-tfjs/';

const SENTENCE =
  'Attention is a scarce resource: every token competes for the weight that other tokens give it, and the model spends its attention on the words that matter most for meaning. ';

async function tokenIds(count: number): Promise<number[]> {
  const tokenizer = tokenizerFromJson(await (await fetch('/models/use-lite/tokenizer.json')).json());
  const ids = tokenizer.encode(SENTENCE.repeat(Math.ceil(count / 20) + 1)).ids;
  return ids.slice(0, count);
}

async function timeRuns(run: () => Promise<void>): Promise<number> {
  for (let k = 0; k < WARMUP; k++) await run();
  const samples: number[] = [];
  for (let k = 0; k < runs; k++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

async function benchOurs(backend: 'wasm' | 'webgpu', inputs: number[][]): Promise<InferenceRow[]> {
  ort.env.wasm.numThreads = navigator.hardwareConcurrency;
  const bytes = new Uint8Array(await (await fetch('/models/use-lite/model.onnx')).arrayBuffer());
  const session = await ort.InferenceSession.create(bytes, { executionProviders: [backend], graphOptimizationLevel: 'all' });
  const rows: InferenceRow[] = [];
  for (const ids of inputs) {
    const medianMs = await timeRuns(async () => {
      const input = new ort.Tensor('int32', Int32Array.from(ids), [1, ids.length]);
      const outputs = await session.run({ input_ids: input }, ['attention_0', 'attention_1', 'embedding']);
      await Promise.all(Object.values(outputs).map((tensor) => tensor.getData()));
    });
    rows.push({ engine: `ours: onnxruntime-web ${backend === 'wasm' ? 'WASM' : 'WebGPU'}`, tokens: ids.length, medianMs, runs });
  }
  await session.release();
  return rows;
}

async function benchTfjs(backend: 'wasm' | 'cpu', inputs: number[][]): Promise<InferenceRow[]> {
  if (backend === 'wasm') setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
  await tf.setBackend(backend);
  await tf.ready();
  const modelJson = (await (await fetch(`${USE_DIST}model.json`)).json()) as { modelTopology: { node: { name: string; op: string }[] } };
  const softmaxNodes = modelJson.modelTopology.node.filter((node) => node.op === 'Softmax').map((node) => node.name);
  const model: GraphModel = await loadGraphModel(`${USE_DIST}model.json`);
  const outputNames = [...model.outputNodes, ...softmaxNodes];
  const rows: InferenceRow[] = [];
  for (const ids of inputs) {
    const medianMs = await timeRuns(async () => {
      const indices = tf.tensor2d(ids.flatMap((_, position) => [0, position]), [ids.length, 2], 'int32');
      const values = tf.tensor1d(ids, 'int32');
      const outputs = (await model.executeAsync({ indices, values }, outputNames)) as tf.Tensor[];
      await Promise.all(outputs.map((tensor) => tensor.data()));
      tf.dispose([indices, values, ...outputs]);
    });
    rows.push({ engine: `TensorFlow.js ${backend === 'wasm' ? 'WASM' : 'CPU'} (original model)`, tokens: ids.length, medianMs, runs });
  }
  model.dispose();
  return rows;
}

publish(async () => {
  const inputs = await Promise.all(lengths.map(tokenIds));
  const rows: InferenceRow[] = [];
  for (const engine of engines) {
    if (engine === 'ours-wasm') rows.push(...(await benchOurs('wasm', inputs)));
    else if (engine === 'ours-webgpu') rows.push(...(await benchOurs('webgpu', inputs)));
    else if (engine === 'tfjs-wasm') rows.push(...(await benchTfjs('wasm', inputs)));
    else if (engine === 'tfjs-cpu') rows.push(...(await benchTfjs('cpu', inputs)));
  }
  return { rows, threads: navigator.hardwareConcurrency, isolated: crossOriginIsolated };
});
