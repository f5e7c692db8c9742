import type { InferenceSession } from 'onnxruntime-web';
import type { Backend } from '../types';
import type { ModelInfo } from './model-info';

/**
 * How the app runs onnxruntime-web, shared by the inference worker and the inference benchmark so
 * the benchmark measures what users get.
 */

/**
 * Threads for the WASM backend: onnxruntime-web's default (half the logical cores, at most 4), but
 * two where there are two. The default leaves a 2-core machine single-threaded, and a second
 * thread takes a 128-token USE-lite run there from about 25 ms to about 15 ms.
 */
export function wasmThreadCount(logicalCores: number): number {
  return Math.min(Math.max(1, logicalCores), Math.max(2, Math.min(4, Math.ceil(logicalCores / 2))));
}

export function sessionOptions(backend: Backend): InferenceSession.SessionOptions {
  return { executionProviders: [backend], graphOptimizationLevel: 'all' };
}

/**
 * What the app reads from a run of a built-in model: the attention of each layer, and next-token
 * logits of causal LMs. The session is built from the graph pruned to these (prune.ts), since
 * onnxruntime runs every node whatever outputs a run asks for.
 */
export function appOutputNames(info: Pick<ModelInfo, 'attentionOutputs' | 'logitsOutput'>): string[] {
  return [...info.attentionOutputs, ...(info.logitsOutput ? [info.logitsOutput] : [])];
}

