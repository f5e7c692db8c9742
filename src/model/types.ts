import type { ModelInfo as ModelFileInfo } from './onnx/model-info';
import type { SamplingOptions } from './sampling';

/**
 * What the app knows about the loaded model, built in or brought by the user. A user's model has
 * no model-info.json: its layers and heads are read from the attention it returns.
 */
export type ModelInfo = Pick<ModelFileInfo, 'id' | 'name' | 'source' | 'layers' | 'heads' | 'maxTokens' | 'causal' | 'logitsOutput'>;

export type BackendChoice = 'auto' | 'webgpu' | 'wasm';
export type Backend = 'webgpu' | 'wasm';

/** A model that ships with the app: a folder URL holding model.onnx, tokenizer.json and model-info.json. */
export interface BuiltInSource {
  readonly kind: 'built-in';
  readonly id: string;
  readonly label: string;
  readonly baseUrl: string;
}

/**
 * Files the user picked or dropped: an ONNX graph and its tokenizer, either a tokenizer.json
 * (Hugging Face's format or ours) or a WordPiece vocab.txt, with tokenizer_config.json if given.
 */
export interface UserModelFiles {
  readonly model: Blob;
  readonly tokenizer?: Blob;
  readonly tokenizerConfig?: Blob;
  readonly vocab?: Blob;
}

export interface UserFilesSource {
  readonly kind: 'files';
  readonly id: string;
  readonly label: string;
  readonly files: UserModelFiles;
}

/** A folder URL in the Hugging Face layout: onnx/model.onnx and tokenizer.json. */
export interface UserUrlSource {
  readonly kind: 'url';
  readonly id: string;
  readonly label: string;
  readonly url: string;
}

export type UserModelSource = UserFilesSource | UserUrlSource;
export type ModelSource = BuiltInSource | UserModelSource;

export interface RunOutput {
  readonly requestId: number;
  readonly modelId: string;
  readonly backend: Backend;
  /** Display strings of the tokens the model saw (after truncation). */
  readonly tokens: string[];
  readonly tokenIds: number[];
  /** Positions of the special tokens the tokenizer added ([CLS], [SEP], BOS). */
  readonly specialTokens: number[];
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
  | { type: 'load'; requestId: number; source: ModelSource; backend: BackendChoice }
  | { type: 'run'; requestId: number; text: string }
  | { type: 'generate'; requestId: number; text: string; options: GenerateOptions }
  | { type: 'stop'; requestId: number };

export type LoadStage = 'download' | 'compile';

/** The model the worker has loaded and runs. */
export interface ActiveModel {
  readonly info: ModelInfo;
  readonly backend: Backend;
}

export type WorkerResponse =
  | { type: 'progress'; requestId: number; stage: LoadStage; loadedBytes: number; totalBytes: number | null }
  | { type: 'loaded'; requestId: number; info: ModelInfo; backend: Backend; fromCache: boolean; loadMs: number; pruneMs: number }
  | { type: 'result'; output: RunOutput }
  /** A failed load says which model is still loaded (the previous one, or none). */
  | { type: 'error'; stage: 'load'; requestId: number; message: string; active: ActiveModel | null }
  | { type: 'error'; stage: 'run'; requestId: number; message: string };
