import type {
  ActiveModel,
  Backend,
  BackendChoice,
  GenerateOptions,
  LoadStage,
  ModelInfo,
  ModelSource,
  RunOutput,
  WorkerRequest,
  WorkerResponse,
} from './types';

export interface LoadResult {
  info: ModelInfo;
  backend: Backend;
  fromCache: boolean;
  loadMs: number;
  /** Time spent parsing the ONNX graph and pruning it to the outputs the app reads. */
  pruneMs: number;
}

export interface LoadProgress {
  stage: LoadStage;
  loadedBytes: number;
  totalBytes: number | null;
}

/** A model that could not be loaded; `active` is the model the worker still runs, if any. */
export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
  constructor(
    message: string,
    readonly active: ActiveModel | null,
  ) {
    super(message);
  }
}

/** Main-thread handle on the inference worker; every call is a promise, nothing blocks the UI. */
export class ModelClient {
  private readonly worker: Worker;
  private nextRequestId = 1;
  private pendingLoad: {
    requestId: number;
    resolve: (result: LoadResult) => void;
    reject: (error: Error) => void;
    onProgress: (progress: LoadProgress) => void;
  } | null = null;
  private readonly pendingRuns = new Map<
    number,
    { resolve: (output: RunOutput) => void; reject: (error: Error) => void; onStep?: (output: RunOutput) => void }
  >();

  constructor() {
    this.worker = new Worker(new URL('./inference.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (event: MessageEvent<WorkerResponse>) => this.handle(event.data);
    this.worker.onerror = (event) => this.failAll(new Error(`The inference worker crashed: ${event.message || 'unknown error'}`));
  }

  /**
   * Loads a model into a session of its own; the worker swaps it in only once it runs, so a load
   * that fails (ModelLoadError) leaves the previous model working.
   */
  load(source: ModelSource, backend: BackendChoice, onProgress: (progress: LoadProgress) => void): Promise<LoadResult> {
    this.pendingLoad?.reject(new Error('Superseded by a newer model load.'));
    const requestId = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      this.pendingLoad = { requestId, resolve, reject, onProgress };
      this.post({ type: 'load', requestId, source, backend });
    });
  }

  run(text: string): Promise<RunOutput> {
    const requestId = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      this.pendingRuns.set(requestId, { resolve, reject });
      this.post({ type: 'run', requestId, text });
    });
  }

  /** Generates up to `options.maxNewTokens` tokens; `onStep` receives every step, the promise the last. */
  generate(text: string, options: GenerateOptions, onStep: (output: RunOutput) => void): { requestId: number; done: Promise<RunOutput> } {
    const requestId = this.nextRequestId++;
    const done = new Promise<RunOutput>((resolve, reject) => {
      this.pendingRuns.set(requestId, { resolve, reject, onStep });
      this.post({ type: 'generate', requestId, text, options });
    });
    return { requestId, done };
  }

  stop(requestId: number): void {
    this.post({ type: 'stop', requestId });
  }

  dispose(): void {
    this.worker.terminate();
    this.failAll(new Error('The model client was closed.'));
  }

  private post(request: WorkerRequest): void {
    this.worker.postMessage(request);
  }

  /** The pending load if `requestId` is its id; messages of superseded loads are dropped. */
  private loadFor(requestId: number) {
    return this.pendingLoad?.requestId === requestId ? this.pendingLoad : null;
  }

  /** Like loadFor, and the load is no longer pending. */
  private takeLoad(requestId: number) {
    const pending = this.loadFor(requestId);
    if (pending) this.pendingLoad = null;
    return pending;
  }

  private handle(message: WorkerResponse): void {
    switch (message.type) {
      case 'progress':
        this.loadFor(message.requestId)?.onProgress(message);
        break;
      case 'loaded': {
        const { info, backend, fromCache, loadMs, pruneMs } = message;
        this.takeLoad(message.requestId)?.resolve({ info, backend, fromCache, loadMs, pruneMs });
        break;
      }
      case 'result': {
        const { output } = message;
        const pending = this.pendingRuns.get(output.requestId);
        pending?.onStep?.(output);
        if (!output.generation || output.generation.done) {
          pending?.resolve(output);
          this.pendingRuns.delete(output.requestId);
        }
        break;
      }
      case 'error':
        if (message.stage === 'load') {
          this.takeLoad(message.requestId)?.reject(new ModelLoadError(message.message, message.active));
        } else {
          this.pendingRuns.get(message.requestId)?.reject(new Error(message.message));
          this.pendingRuns.delete(message.requestId);
        }
        break;
    }
  }

  private failAll(error: Error): void {
    this.pendingLoad?.reject(error);
    this.pendingLoad = null;
    for (const pending of this.pendingRuns.values()) pending.reject(error);
    this.pendingRuns.clear();
  }
}
