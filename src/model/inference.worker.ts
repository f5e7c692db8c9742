/// <reference lib="webworker" />
/**
 * Runs the model off the main thread: downloads (with progress and caching), picks a backend,
 * tokenizes, runs onnxruntime-web and sends the attention tensors back as transferable buffers.
 */
import * as ort from 'onnxruntime-web/webgpu';
import { fetchWithCache } from './cachedFetch';
import { modelInfoSchema } from './onnx/model-info';
import { tokenizerFromJson, type TextTokenizer } from './tokenizers';
import type { Backend, BackendChoice, ModelInfo, ModelSource, RunOutput, WorkerRequest, WorkerResponse } from './types';

declare const self: DedicatedWorkerGlobalScope;

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
  return ort.InferenceSession.create(bytes, {
    executionProviders: [backend],
    graphOptimizationLevel: 'all',
  });
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

  const gpu = choice !== 'wasm' && (await webGpuAvailable());
  if (choice === 'webgpu' && !gpu) {
    throw new Error('WebGPU is not available in this browser (no adapter). Choose "WASM" or "Auto" as the backend.');
  }
  let backend: Backend = gpu ? 'webgpu' : 'wasm';
  let session: ort.InferenceSession;
  try {
    session = await createSession(bytes, backend);
  } catch (error) {
    // Auto falls back to WASM when the GPU path cannot build the session; a forced WebGPU reports it.
    if (backend !== 'webgpu' || choice === 'webgpu') throw error;
    backend = 'wasm';
    session = await createSession(bytes, backend);
  }
  await current?.session.release();
  current = { info, session, tokenizer, backend };
  send({ type: 'loaded', info, backend, fromCache, loadMs: performance.now() - started });
}

function inputTensor(info: ModelInfo, ids: number[]): ort.Tensor {
  const dims = [1, ids.length];
  return info.inputType === 'int64'
    ? new ort.Tensor('int64', BigInt64Array.from(ids, (id) => BigInt(id)), dims)
    : new ort.Tensor('int32', Int32Array.from(ids), dims);
}

async function run(requestId: number, text: string): Promise<void> {
  if (!current) throw new Error('No model is loaded yet.');
  const { info, session, tokenizer, backend } = current;
  const encoded = tokenizer.encode(text);
  const overLimit = encoded.ids.length > info.maxTokens;
  const ids = encoded.ids.slice(0, info.maxTokens);
  const tokens = encoded.pieces.slice(0, info.maxTokens);

  const started = performance.now();
  const outputs = await session.run({ [info.inputName]: inputTensor(info, ids) }, [...info.attentionOutputs]);
  const perLayer = await Promise.all(
    info.attentionOutputs.map(async (name) => Float32Array.from((await outputs[name].getData()) as Float32Array)),
  );
  const inferenceMs = performance.now() - started;
  for (const name of info.attentionOutputs) outputs[name].dispose();

  const output: RunOutput = {
    requestId,
    modelId: info.id,
    backend,
    tokens,
    tokenIds: ids,
    truncatedFrom: overLimit ? encoded.ids.length : null,
    inferenceMs,
    perLayer,
  };
  send({ type: 'result', output }, perLayer.map((layer) => layer.buffer as ArrayBuffer));
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  queue = queue.then(async () => {
    try {
      if (request.type === 'load') await load(request.source, request.backend);
      else await run(request.requestId, request.text);
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
