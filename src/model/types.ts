import type { ModelInfo } from './onnx/model-info';

export type { ModelInfo };

export type BackendChoice = 'auto' | 'webgpu' | 'wasm';
export type Backend = 'webgpu' | 'wasm';

/** Where a model's files live: a folder URL holding model.onnx, tokenizer.json and model-info.json. */
export interface ModelSource {
  readonly id: string;
  readonly label: string;
  readonly baseUrl: string;
}

export interface RunOutput {
  readonly requestId: number;
  readonly modelId: string;
  readonly backend: Backend;
  /** Display strings of the tokens the model saw (after truncation). */
  readonly tokens: string[];
  readonly tokenIds: number[];
  /** Tokens dropped because the input exceeded the model's maximum length. */
  readonly truncatedFrom: number | null;
  readonly inferenceMs: number;
  /** One [heads, T, T] row-major tensor per layer. */
  readonly perLayer: Float32Array[];
}

export type WorkerRequest =
  | { type: 'load'; source: ModelSource; backend: BackendChoice }
  | { type: 'run'; requestId: number; text: string };

export type LoadStage = 'download' | 'compile';

export type WorkerResponse =
  | { type: 'progress'; stage: LoadStage; loadedBytes: number; totalBytes: number | null }
  | { type: 'loaded'; info: ModelInfo; backend: Backend; fromCache: boolean; loadMs: number }
  | { type: 'result'; output: RunOutput }
  | { type: 'error'; stage: 'load' | 'run'; requestId?: number; message: string };
