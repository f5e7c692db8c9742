/**
 * Bring-your-own models: the rules the worker applies to a model the user loads from files or a
 * URL. Pure functions, so they run (and are tested) outside the worker.
 */
import { HuggingFaceTokenizer, tokenizerFromJson, wordPieceTokenizerJson, type TextTokenizer, type TokenizerConfig } from './tokenizers';
import type { UserModelFiles } from './types';

/**
 * Largest model.onnx the app accepts. While it loads, the worker holds the file, its pruned copy
 * and onnxruntime's own copy at once, and WebAssembly memory stops at 4 GiB; 512 MiB still takes
 * BERT-base (about 440 MB in float32).
 */
export const MAX_USER_MODEL_BYTES = 512 * 1024 * 1024;

/** Input length for a user model whose tokenizer sets none: BERT's and GPT-2's context is 512 or more. */
export const DEFAULT_USER_MAX_TOKENS = 512;

/** A problem with the model the user brought; the message says what to do and is shown as it is. */
export class UserModelError extends Error {
  override name = 'UserModelError';
}

export function checkModelSize(bytes: number, what: string): void {
  if (bytes > MAX_USER_MODEL_BYTES) {
    throw new UserModelError(
      `${what} is ${(bytes / 2 ** 20).toFixed(0)} MiB; the app loads models of up to ${MAX_USER_MODEL_BYTES / 2 ** 20} MiB ` +
        '(the browser must hold several copies while it prepares one). Try a smaller or quantised export.',
    );
  }
}

export interface UserModelUrls {
  /** Where model.onnx may be, in the order to try. */
  readonly model: readonly string[];
  readonly tokenizer: string;
  readonly tokenizerConfig: string;
  readonly vocab: string;
}

/**
 * The files of a model folder URL in the Hugging Face layout (onnx/model.onnx, or model.onnx at the
 * top, beside tokenizer.json). A Hub repository page (https://huggingface.co/owner/name) is read
 * from its main branch.
 */
export function userModelUrls(folderUrl: string): UserModelUrls {
  let url: URL;
  try {
    url = new URL(folderUrl.trim());
  } catch {
    throw new UserModelError(`"${folderUrl}" is not a URL. Give the address of a model folder, e.g. https://huggingface.co/owner/model.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UserModelError(`Only http and https URLs can be loaded, not ${url.protocol}`);
  const segments = url.pathname.split('/').filter(Boolean);
  if (url.hostname === 'huggingface.co' && segments.length === 2) url.pathname = `/${segments.join('/')}/resolve/main/`;
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  const file = (name: string) => new URL(name, url).href;
  return {
    model: [file('onnx/model.onnx'), file('model.onnx')],
    tokenizer: file('tokenizer.json'),
    tokenizerConfig: file('tokenizer_config.json'),
    vocab: file('vocab.txt'),
  };
}

/** Tokenizer files as text; tokenizer.json wins over vocab.txt. */
export interface TokenizerTexts {
  readonly tokenizerJson?: string;
  readonly tokenizerConfig?: string;
  readonly vocab?: string;
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UserModelError(`${file} is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
}

/**
 * The model's tokenizer and the longest input to give it: the tokenizer's own truncation length,
 * else tokenizer_config.json's model_max_length (ignoring the huge "no limit" values it may hold),
 * else DEFAULT_USER_MAX_TOKENS.
 */
export function userTokenizer(texts: TokenizerTexts): { tokenizer: TextTokenizer; maxTokens: number } {
  const config = (texts.tokenizerConfig ? parseJson(texts.tokenizerConfig, 'tokenizer_config.json') : {}) as TokenizerConfig;
  let json: unknown;
  if (texts.tokenizerJson !== undefined) json = parseJson(texts.tokenizerJson, 'tokenizer.json');
  else if (texts.vocab !== undefined) json = wordPieceTokenizerJson(texts.vocab, config);
  else throw new UserModelError('No tokenizer: give tokenizer.json (or a BERT vocab.txt) together with model.onnx.');
  let tokenizer: TextTokenizer;
  try {
    tokenizer = tokenizerFromJson(json, config);
  } catch (error) {
    throw new UserModelError(`The tokenizer could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const truncation = typeof json === 'object' && json !== null ? HuggingFaceTokenizer.truncationLength(json as Record<string, unknown>) : null;
  const configured = typeof config.model_max_length === 'number' && config.model_max_length <= 1e5 ? config.model_max_length : null;
  return { tokenizer, maxTokens: truncation ?? configured ?? DEFAULT_USER_MAX_TOKENS };
}

export interface AttentionShape {
  readonly name: string;
  readonly type: string;
  readonly dims: readonly number[];
}

/**
 * Heads per layer, read from the attention outputs of a run over `tokens` tokens: each must be
 * float32 [1, heads, T, T] (or [heads, T, T]) with the same number of heads in every layer.
 */
export function attentionHeads(shapes: readonly AttentionShape[], tokens: number): number {
  const heads = shapes.map(({ name, type, dims }) => {
    if (type !== 'float32') throw new UserModelError(`The attention ${name} is ${type}; the app reads float32 attention. Use a float32 export of the model.`);
    const square = dims.length >= 3 && dims[dims.length - 1] === tokens && dims[dims.length - 2] === tokens;
    if (square && dims.length === 4 && dims[0] === 1) return dims[1];
    if (square && dims.length === 3) return dims[0];
    throw new UserModelError(
      `The attention ${name} has shape [${dims.join(', ')}] for ${tokens} tokens; expected [1, heads, ${tokens}, ${tokens}].`,
    );
  });
  if (new Set(heads).size > 1) throw new UserModelError(`The layers have different numbers of heads (${heads.join(', ')}); the app needs the same in every layer.`);
  return heads[0];
}

/** Whether every query gives exactly zero attention to later keys in every layer and head (a causal model). */
export function isCausalAttention(perLayer: readonly Float32Array[], tokens: number): boolean {
  if (tokens < 2) return false;
  return perLayer.every((layer) => {
    for (let offset = 0; offset < layer.length; offset += tokens * tokens) {
      for (let query = 0; query < tokens; query++) {
        for (let key = query + 1; key < tokens; key++) if (layer[offset + query * tokens + key] !== 0) return false;
      }
    }
    return true;
  });
}

/** A file the user picked or dropped, with its path inside a picked folder when there is one. */
export interface PickedFile {
  readonly path: string;
  readonly file: Blob;
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/**
 * Sorts picked files into a model: the ONNX graph (model.onnx, or the only .onnx file), and
 * tokenizer.json, tokenizer_config.json or vocab.txt beside it. Names the model after its folder,
 * or after the graph file when it came alone.
 */
export function pickUserModelFiles(picked: readonly PickedFile[]): { label: string; files: UserModelFiles } {
  const named = (name: string) => picked.find((entry) => baseName(entry.path).toLowerCase() === name);
  const graphs = picked.filter((entry) => entry.path.toLowerCase().endsWith('.onnx'));
  const graph = named('model.onnx') ?? (graphs.length === 1 ? graphs[0] : undefined);
  if (!graph) {
    throw new UserModelError(
      graphs.length === 0
        ? `No .onnx file among ${picked.map((entry) => baseName(entry.path)).join(', ') || 'the files'}: give model.onnx and its tokenizer.json.`
        : `Several .onnx files (${graphs.map((entry) => baseName(entry.path)).join(', ')}): give one, or name the one to load model.onnx.`,
    );
  }
  const folders = graph.path.split('/').slice(0, -1).filter((folder) => folder !== 'onnx');
  return {
    label: folders.length > 0 ? folders[folders.length - 1] : baseName(graph.path),
    files: {
      model: graph.file,
      tokenizer: named('tokenizer.json')?.file,
      tokenizerConfig: named('tokenizer_config.json')?.file,
      vocab: named('vocab.txt')?.file,
    },
  };
}
