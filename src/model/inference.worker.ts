/// <reference lib="webworker" />
/**
 * Runs the model off the main thread: downloads (with progress and caching) or reads the user's
 * files, prunes the graph to the attention it shows, picks a backend, tokenizes, runs
 * onnxruntime-web and sends the attention tensors back as transferable buffers. A model that fails
 * to load leaves the previous one loaded and working.
 */
import '../security/zodWithoutEval';
import * as ort from 'onnxruntime-web/webgpu';
import { fetchWithCache, isWebPage } from './cachedFetch';
import { inputArrays, planInputs, type PlannedInput } from './inputs';
import { modelInfoSchema } from './onnx/model-info';
import { encodeModel } from './onnx/graph-builder';
import { pruneModel, pruneToOutputs } from './onnx/prune';
import { appOutputNames, sessionOptions, wasmThreadCount } from './onnx/session-options';
import { attentionSoftmaxOutputs, decodeOnnx } from './onnx/surgery';
import { isGenerativeTokenizer, tokenizerFromJson, type TextTokenizer } from './tokenizers';
import { Rng } from '../market/rng';
import { sampleToken } from './sampling';
import {
  UserModelError,
  attentionHeads,
  checkModelSize,
  isCausalAttention,
  userModelUrls,
  userTokenizer,
  type TokenizerTexts,
} from './userModel';
import type {
  Backend,
  BackendChoice,
  BuiltInSource,
  GenerateOptions,
  LoadStage,
  ModelInfo,
  ModelSource,
  RunOutput,
  UserModelSource,
  WorkerRequest,
  WorkerResponse,
} from './types';

declare const self: DedicatedWorkerGlobalScope;

ort.env.wasm.numThreads = wasmThreadCount(navigator.hardwareConcurrency);

interface LoadedModel {
  info: ModelInfo;
  session: ort.InferenceSession;
  tokenizer: TextTokenizer;
  backend: Backend;
  inputs: PlannedInput[];
  attentionOutputs: string[];
}

/** A model's graph, pruned to what the app reads, with what is known before a session runs it. */
interface PreparedModel {
  graph: Uint8Array;
  tokenizer: TextTokenizer;
  attentionOutputs: string[];
  fromCache: boolean;
  /** Parsing the graph, exposing attention (user models) and pruning. */
  pruneMs: number;
  /** Built-in models describe themselves; a user model is described from a first run. */
  info: ModelInfo | ((session: ort.InferenceSession, inputs: PlannedInput[]) => Promise<ModelInfo>);
}

let current: LoadedModel | null = null;
// Requests are handled one at a time so a run never races a model switch.
let queue: Promise<void> = Promise.resolve();

function send(message: WorkerResponse, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

/** The load in progress, which progress messages belong to. */
let loadRequestId = 0;

function reportProgress(stage: LoadStage, loadedBytes: number, totalBytes: number | null): void {
  send({ type: 'progress', requestId: loadRequestId, stage, loadedBytes, totalBytes });
}

const reportDownload = (progress: { loadedBytes: number; totalBytes: number | null }) => reportProgress('download', progress.loadedBytes, progress.totalBytes);

async function webGpuAvailable(): Promise<boolean> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return false;
  try {
    return (await gpu.requestAdapter()) !== null;
  } catch {
    return false;
  }
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not download ${url}: HTTP ${response.status}`);
  return response.text();
}

/** The text at `url`, or undefined when the server has no such file (optional files of a model folder). */
async function fetchOptionalText(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(url);
    return response.ok && !isWebPage(response) ? await response.text() : undefined;
  } catch {
    return undefined;
  }
}

function timed<T>(work: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = work();
  return { result, ms: performance.now() - started };
}

async function prepareBuiltIn(source: BuiltInSource): Promise<PreparedModel> {
  const info = modelInfoSchema.parse(JSON.parse(await fetchText(`${source.baseUrl}model-info.json`)));
  const tokenizer = tokenizerFromJson(JSON.parse(await fetchText(`${source.baseUrl}tokenizer.json`)));
  const { bytes, fromCache } = await fetchWithCache(`${source.baseUrl}model.onnx`, `${source.baseUrl}model.onnx?sha256=${info.sha256}`, reportDownload);
  reportProgress('compile', bytes.byteLength, bytes.byteLength);
  const { result: graph, ms: pruneMs } = timed(() => pruneToOutputs(bytes, appOutputNames(info)));
  const { id, name, source: origin, layers, heads, maxTokens, causal, logitsOutput } = info;
  return { graph, tokenizer, attentionOutputs: info.attentionOutputs, fromCache, pruneMs, info: { id, name, source: origin, layers, heads, maxTokens, causal, logitsOutput } };
}

async function userModelFiles(source: UserModelSource): Promise<{ bytes: Uint8Array; texts: TokenizerTexts; fromCache: boolean }> {
  if (source.kind === 'files') {
    const { model, tokenizer, tokenizerConfig, vocab } = source.files;
    checkModelSize(model.size, source.label);
    const bytes = new Uint8Array(await model.arrayBuffer());
    reportDownload({ loadedBytes: bytes.byteLength, totalBytes: bytes.byteLength });
    const texts = { tokenizerJson: await tokenizer?.text(), tokenizerConfig: await tokenizerConfig?.text(), vocab: await vocab?.text() };
    return { bytes, texts, fromCache: false };
  }
  const urls = userModelUrls(source.url);
  const tokenizerJson = await fetchOptionalText(urls.tokenizer);
  const texts = {
    tokenizerJson,
    tokenizerConfig: await fetchOptionalText(urls.tokenizerConfig),
    vocab: tokenizerJson === undefined ? await fetchOptionalText(urls.vocab) : undefined,
  };
  const failures: string[] = [];
  for (const url of urls.model) {
    try {
      const { bytes, fromCache } = await fetchWithCache(url, url, reportDownload, (size) => checkModelSize(size, url));
      return { bytes, texts, fromCache };
    } catch (error) {
      if (error instanceof UserModelError) throw error;
      failures.push(error instanceof Error ? error.message : String(error));
    }
  }
  throw new UserModelError(`No model.onnx found under ${source.url} (${failures.join('; ')}).`);
}

async function prepareUserModel(source: UserModelSource): Promise<PreparedModel> {
  const { bytes, texts, fromCache } = await userModelFiles(source);
  const { tokenizer, maxTokens } = userTokenizer(texts);
  reportProgress('compile', bytes.byteLength, bytes.byteLength);
  const { result, ms: pruneMs } = timed(() => {
    // The attention Softmax outputs become the graph's outputs, and the rest of the graph after them goes.
    const model = decodeOnnx(bytes);
    const attentionOutputs = attentionSoftmaxOutputs(model);
    return { graph: encodeModel(pruneModel(model, attentionOutputs)), attentionOutputs };
  });
  const describe = async (session: ort.InferenceSession, inputs: PlannedInput[]): Promise<ModelInfo> => {
    // A first run on a short sentence shows the heads per layer and whether the model is causal.
    const ids = tokenizer.encode('The quick brown fox jumps over the lazy dog.').ids.slice(0, maxTokens);
    const outputs = await session.run(feeds(inputs, ids), result.attentionOutputs);
    const shapes = result.attentionOutputs.map((name) => ({ name, type: outputs[name].type, dims: outputs[name].dims }));
    const heads = attentionHeads(shapes, ids.length);
    const perLayer = await Promise.all(result.attentionOutputs.map(async (name) => (await outputs[name].getData()) as Float32Array));
    const causal = isCausalAttention(perLayer, ids.length);
    for (const name of result.attentionOutputs) outputs[name].dispose();
    const layers = result.attentionOutputs.length;
    return { id: source.id, name: source.label, source: source.kind === 'url' ? source.url : 'your files', layers, heads, maxTokens, causal };
  };
  return { graph: result.graph, tokenizer, attentionOutputs: result.attentionOutputs, fromCache, pruneMs, info: describe };
}

async function createSession(graph: Uint8Array, choice: BackendChoice): Promise<{ session: ort.InferenceSession; backend: Backend }> {
  const gpu = choice !== 'wasm' && (await webGpuAvailable());
  if (choice === 'webgpu' && !gpu) {
    throw new Error('WebGPU is not available in this browser (no adapter). Choose "WASM" or "Auto" as the backend.');
  }
  const backend: Backend = gpu ? 'webgpu' : 'wasm';
  try {
    return { session: await ort.InferenceSession.create(graph, sessionOptions(backend)), backend };
  } catch (error) {
    // Auto falls back to WASM when the GPU path cannot build the session; a forced WebGPU reports it.
    if (backend !== 'webgpu' || choice === 'webgpu') throw error;
    return { session: await ort.InferenceSession.create(graph, sessionOptions('wasm')), backend: 'wasm' };
  }
}

async function load(requestId: number, source: ModelSource, choice: BackendChoice): Promise<void> {
  loadRequestId = requestId;
  const started = performance.now();
  const prepared = source.kind === 'built-in' ? await prepareBuiltIn(source) : await prepareUserModel(source);
  let created: Awaited<ReturnType<typeof createSession>>;
  try {
    created = await createSession(prepared.graph, choice);
  } catch (error) {
    if (source.kind === 'built-in') throw error;
    throw new UserModelError(`onnxruntime could not prepare the model: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { session, backend } = created;
  let loaded: LoadedModel;
  try {
    const inputs = planInputs(session.inputMetadata);
    const info = typeof prepared.info === 'function' ? await prepared.info(session, inputs) : prepared.info;
    loaded = { info, session, tokenizer: prepared.tokenizer, backend, inputs, attentionOutputs: prepared.attentionOutputs };
  } catch (error) {
    await session.release();
    throw error;
  }
  // Only now, with the new model known to run, does it replace the previous one.
  await current?.session.release();
  current = loaded;
  send({ type: 'loaded', requestId, info: loaded.info, backend, fromCache: prepared.fromCache, loadMs: performance.now() - started, pruneMs: prepared.pruneMs });
}

function feeds(inputs: readonly PlannedInput[], ids: readonly number[]): Record<string, ort.Tensor> {
  return Object.fromEntries(inputArrays(inputs, ids).map(({ name, type, data, dims }) => [name, new ort.Tensor(type, data, dims)]));
}

interface Inference {
  perLayer: Float32Array[];
  /** Next-token logits at the last position (causal LMs only). */
  lastLogits: Float32Array | null;
  inferenceMs: number;
}

async function infer(model: LoadedModel, ids: number[]): Promise<Inference> {
  const { info, session, attentionOutputs } = model;
  const logitsName = info.logitsOutput;
  const started = performance.now();
  const names = [...attentionOutputs, ...(logitsName ? [logitsName] : [])];
  const outputs = await session.run(feeds(model.inputs, ids), names);
  const perLayer = await Promise.all(attentionOutputs.map(async (name) => Float32Array.from((await outputs[name].getData()) as Float32Array)));
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

function encodeForModel(model: LoadedModel, text: string): { ids: number[]; tokens: string[]; special: number[]; truncatedFrom: number | null } {
  const encoded = model.tokenizer.encode(text);
  const limit = model.info.maxTokens;
  return {
    ids: encoded.ids.slice(0, limit),
    tokens: encoded.pieces.slice(0, limit),
    special: (encoded.special ?? []).filter((position) => position < limit),
    truncatedFrom: encoded.ids.length > limit ? encoded.ids.length : null,
  };
}

function sendResult(output: RunOutput): void {
  send({ type: 'result', output }, output.perLayer.map((layer) => layer.buffer as ArrayBuffer));
}

async function run(requestId: number, text: string): Promise<void> {
  if (!current) throw new Error('No model is loaded yet.');
  const model = current;
  const { ids, tokens, special, truncatedFrom } = encodeForModel(model, text);
  if (ids.length === 0) throw new Error('The tokenizer produced no tokens for this text.');
  const { perLayer, inferenceMs } = await infer(model, ids);
  sendResult({ requestId, modelId: model.info.id, backend: model.backend, tokens, tokenIds: ids, specialTokens: special, truncatedFrom, inferenceMs, perLayer });
}

let stopRequested = -1;

/** Continues the text token by token, sending the attention of every step so views grow row by row. */
async function generate(requestId: number, text: string, options: GenerateOptions): Promise<void> {
  if (!current) throw new Error('No model is loaded yet.');
  const model = current;
  const { tokenizer, info } = model;
  if (!info.logitsOutput || !isGenerativeTokenizer(tokenizer)) throw new Error(`${info.name} is not a generative model; choose a causal language model to generate.`);
  const rng = new Rng(options.seed);
  const { ids, special } = encodeForModel(model, text);
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
      specialTokens: special,
      truncatedFrom: null,
      inferenceMs: inference.inferenceMs,
      perLayer: inference.perLayer,
      generation: { text: tokenizer.decode(ended ? ids : [...ids, next]), done: stop },
    });
    if (stop) return;
    ids.push(next);
  }
}

function handle(event: MessageEvent<WorkerRequest>): void {
  const request = event.data;
  // A stop must reach a running generation, so it does not wait in the queue.
  if (request.type === 'stop') {
    stopRequested = request.requestId;
    return;
  }
  queue = queue.then(async () => {
    try {
      if (request.type === 'load') await load(request.requestId, request.source, request.backend);
      else if (request.type === 'run') await run(request.requestId, request.text);
      else if (request.type === 'generate') await generate(request.requestId, request.text, request.options);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      send(
        request.type === 'load'
          ? { type: 'error', stage: 'load', requestId: request.requestId, message, active: current && { info: current.info, backend: current.backend } }
          : { type: 'error', stage: 'run', requestId: request.requestId, message },
      );
    }
  });
}

// onnxruntime starts its WASM threads from the script that holds it, and the build bundles it into
// this one: in those threads (named em-pthread) onnxruntime's own message handler must stay.
if (!self.name.startsWith('em-pthread')) self.onmessage = handle;
