import type { ModelInfo } from './onnx/model-info';
import type { SamplingOptions } from './sampling';

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
  /** Set on the steps of a generation: the whole text so far, and whether this is the last step. */
  readonly generation?: { readonly text: string; readonly done: boolean };
}

export interface GenerateOptions {
  maxNewTokens: number;
  sampling: SamplingOptions;
  seed: number;
}

export type WorkerRequest =
  | { type: 'load'; source: ModelSource; backend: BackendChoice }
  | { type: 'run'; requestId: number; text: string }
  | { type: 'generate'; requestId: number; text: string; options: GenerateOptions }
  | { type: 'stop'; requestId: number };

export type LoadStage = 'download' | 'compile';

export type WorkerResponse =
  | { type: 'progress'; stage: LoadStage; loadedBytes: number; totalBytes: number | null }
  | { type: 'loaded'; info: ModelInfo; backend: Backend; fromCache: boolean; loadMs: number; pruneMs: number }
  | { type: 'result'; output: RunOutput }
  | { type: 'error'; stage: 'load' | 'run'; requestId?: number; message: string };
