import type { GenerateOptions, BackendChoice, ModelInfo, ModelSource, RunOutput, WorkerRequest, WorkerResponse, Backend, LoadStage } from './types';

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

/** Main-thread handle on the inference worker; every call is a promise, nothing blocks the UI. */
export class ModelClient {
  private readonly worker: Worker;
  private nextRequestId = 1;
  private pendingLoad: {
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

  load(source: ModelSource, backend: BackendChoice, onProgress: (progress: LoadProgress) => void): Promise<LoadResult> {
    this.pendingLoad?.reject(new Error('Superseded by a newer model load.'));
    const absolute = { ...source, baseUrl: new URL(source.baseUrl, document.baseURI).href };
    return new Promise((resolve, reject) => {
      this.pendingLoad = { resolve, reject, onProgress };
      this.post({ type: 'load', source: absolute, backend });
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

  private handle(message: WorkerResponse): void {
    switch (message.type) {
      case 'progress':
        this.pendingLoad?.onProgress(message);
        break;
      case 'loaded': {
        const { info, backend, fromCache, loadMs, pruneMs } = message;
        this.pendingLoad?.resolve({ info, backend, fromCache, loadMs, pruneMs });
        this.pendingLoad = null;
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
          this.pendingLoad?.reject(new Error(message.message));
          this.pendingLoad = null;
        } else if (message.requestId !== undefined) {
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
