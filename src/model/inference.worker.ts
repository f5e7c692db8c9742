/// <reference lib="webworker" />
/**
 * Runs the model off the main thread: downloads (with progress and caching), picks a backend,
 * tokenizes, runs onnxruntime-web and sends the attention tensors back as transferable buffers.
 */
import * as ort from 'onnxruntime-web/webgpu';
import { fetchWithCache } from './cachedFetch';
import { modelInfoSchema } from './onnx/model-info';
import { pruneToOutputs } from './onnx/prune';
import { appOutputNames, sessionOptions, wasmThreadCount } from './onnx/session-options';
import { isGenerativeTokenizer, tokenizerFromJson, type TextTokenizer } from './tokenizers';
import { Rng } from '../market/rng';
import { sampleToken } from './sampling';
import type { Backend, BackendChoice, GenerateOptions, ModelInfo, ModelSource, RunOutput, WorkerRequest, WorkerResponse } from './types';

declare const self: DedicatedWorkerGlobalScope;

ort.env.wasm.numThreads = wasmThreadCount(navigator.hardwareConcurrency);

interface LoadedModel {
  info: ModelInfo;
  session: ort.InferenceSession;
  tokenizer: TextTokenizer;
  backend: Backend;
}

let current: LoadedModel | null = null;
// Requests are handled one at a time so a run never races a model switch.
let queue: Promise<void> = Promise.resolve();

function send(message: WorkerResponse, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

async function webGpuAvailable(): Promise<boolean> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return false;
  try {
    return (await gpu.requestAdapter()) !== null;
  } catch {
    return false;
  }
}

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not download ${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}


async function createSession(bytes: Uint8Array, backend: Backend): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(bytes, sessionOptions(backend));
}

async function load(source: ModelSource, choice: BackendChoice): Promise<void> {
  const started = performance.now();
  const info = modelInfoSchema.parse(await fetchJson<unknown>(`${source.baseUrl}model-info.json`));
  const tokenizer = tokenizerFromJson(await fetchJson<unknown>(`${source.baseUrl}tokenizer.json`));
  const { bytes, fromCache } = await fetchWithCache(
    `${source.baseUrl}model.onnx`,
    `${source.baseUrl}model.onnx?sha256=${info.sha256}`,
    (progress) => send({ type: 'progress', stage: 'download', ...progress }),
  );
  send({ type: 'progress', stage: 'compile', loadedBytes: bytes.byteLength, totalBytes: bytes.byteLength });
  const pruneStarted = performance.now();
  const pruned = pruneToOutputs(bytes, appOutputNames(info));
  const pruneMs = performance.now() - pruneStarted;

  const gpu = choice !== 'wasm' && (await webGpuAvailable());
  if (choice === 'webgpu' && !gpu) {
    throw new Error('WebGPU is not available in this browser (no adapter). Choose "WASM" or "Auto" as the backend.');
  }
  let backend: Backend = gpu ? 'webgpu' : 'wasm';
  let session: ort.InferenceSession;
  try {
    session = await createSession(pruned, backend);
  } catch (error) {
    // Auto falls back to WASM when the GPU path cannot build the session; a forced WebGPU reports it.
    if (backend !== 'webgpu' || choice === 'webgpu') throw error;
    backend = 'wasm';
    session = await createSession(pruned, backend);
  }
  await current?.session.release();
  current = { info, session, tokenizer, backend };
  send({ type: 'loaded', info, backend, fromCache, loadMs: performance.now() - started, pruneMs });
}

function inputTensor(info: ModelInfo, ids: number[]): ort.Tensor {
  const dims = [1, ids.length];
  return info.inputType === 'int64'
    ? new ort.Tensor('int64', BigInt64Array.from(ids, (id) => BigInt(id)), dims)
    : new ort.Tensor('int32', Int32Array.from(ids), dims);
}

interface Inference {
  perLayer: Float32Array[];
  /** Next-token logits at the last position (causal LMs only). */
  lastLogits: Float32Array | null;
  inferenceMs: number;
}

async function infer(model: LoadedModel, ids: number[]): Promise<Inference> {
  const { info, session } = model;
  const logitsName = info.logitsOutput;
  const started = performance.now();
  const names = [...info.attentionOutputs, ...(logitsName ? [logitsName] : [])];
  const outputs = await session.run({ [info.inputName]: inputTensor(info, ids) }, names);
  const perLayer = await Promise.all(
    info.attentionOutputs.map(async (name) => Float32Array.from((await outputs[name].getData()) as Float32Array)),
  );
  let lastLogits: Float32Array | null = null;
  if (logitsName) {
    const logits = (await outputs[logitsName].getData()) as Float32Array;
    const vocab = logits.length / ids.length;
    lastLogits = logits.slice(logits.length - vocab);
  }
  const inferenceMs = performance.now() - started;
  for (const name of names) outputs[name].dispose();
  return { perLayer, lastLogits, inferenceMs };
}

function encodeForModel(model: LoadedModel, text: string): { ids: number[]; tokens: string[]; truncatedFrom: number | null } {
  const encoded = model.tokenizer.encode(text);
  const limit = model.info.maxTokens;
  return {
    ids: encoded.ids.slice(0, limit),
    tokens: encoded.pieces.slice(0, limit),
    truncatedFrom: encoded.ids.length > limit ? encoded.ids.length : null,
  };
}

function sendResult(output: RunOutput): void {
  send({ type: 'result', output }, output.perLayer.map((layer) => layer.buffer as ArrayBuffer));
}

async function run(requestId: number, text: string): Promise<void> {
  if (!current) throw new Error('No model is loaded yet.');
  const model = current;
  const { ids, tokens, truncatedFrom } = encodeForModel(model, text);
  const { perLayer, inferenceMs } = await infer(model, ids);
  sendResult({ requestId, modelId: model.info.id, backend: model.backend, tokens, tokenIds: ids, truncatedFrom, inferenceMs, perLayer });
}

let stopRequested = -1;

/** Continues the text token by token, sending the attention of every step so views grow row by row. */
async function generate(requestId: number, text: string, options: GenerateOptions): Promise<void> {
  if (!current) throw new Error('No model is loaded yet.');
  const model = current;
  const { tokenizer, info } = model;
  if (!info.logitsOutput || !isGenerativeTokenizer(tokenizer)) throw new Error(`${info.name} is not a generative model; choose a causal language model to generate.`);
  const rng = new Rng(options.seed);
  const { ids } = encodeForModel(model, text);
  for (let step = 0; step < options.maxNewTokens && ids.length < info.maxTokens; step++) {
    const inference = await infer(model, ids);
    const next = sampleToken(inference.lastLogits!, options.sampling, () => rng.next());
    const ended = next === tokenizer.eosId;
    const stop = ended || stopRequested === requestId || step === options.maxNewTokens - 1 || ids.length + 1 >= info.maxTokens;
    // The attention shown is that of the sequence the model just read; the new token joins the text.
    sendResult({
      requestId,
      modelId: info.id,
      backend: model.backend,
      tokens: ids.map((id) => tokenizer.displayPiece(id)),
      tokenIds: [...ids],
      truncatedFrom: null,
      inferenceMs: inference.inferenceMs,
      perLayer: inference.perLayer,
      generation: { text: tokenizer.decode(ended ? ids : [...ids, next]), done: stop },
    });
    if (stop) return;
    ids.push(next);
  }
}

// onnxruntime-web starts its WASM threads as workers running this same module (named
// "em-pthread..."); they must keep Emscripten's message handler, so only the main worker takes requests.
const isRuntimeThread = self.name.startsWith('em-pthread');

if (!isRuntimeThread) self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  // A stop must reach a running generation, so it does not wait in the queue.
  if (request.type === 'stop') {
    stopRequested = request.requestId;
    return;
  }
  queue = queue.then(async () => {
    try {
      if (request.type === 'load') await load(request.source, request.backend);
      else if (request.type === 'run') await run(request.requestId, request.text);
      else if (request.type === 'generate') await generate(request.requestId, request.text, request.options);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      send(
        request.type === 'load'
          ? { type: 'error', stage: 'load', message }
          : { type: 'error', stage: 'run', requestId: request.requestId, message },
      );
    }
  });
};
