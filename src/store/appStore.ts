import { create } from 'zustand';
import type { AggregationKind } from '../attention/types';
import type { LoadProgress } from '../model/client';
import type { Backend, BackendChoice, ModelInfo, RunOutput } from '../model/types';

export type ModelStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface ModelSlice {
  modelId: string;
  backendChoice: BackendChoice;
  modelStatus: ModelStatus;
  loadProgress: LoadProgress | null;
  modelInfo: ModelInfo | null;
  backend: Backend | null;
  loadedFromCache: boolean;
  loadMs: number | null;
  modelError: string | null;
}

export interface RunSlice {
  text: string;
  running: boolean;
  generating: boolean;
  output: RunOutput | null;
  runError: string | null;
}

export interface ViewSlice {
  layer: number;
  head: number;
  aggregation: AggregationKind;
  hidePunctuation: boolean;
  /** Hide the special tokens the tokenizer added ([CLS], [SEP], BOS). */
  hideSpecialTokens: boolean;
  logScale: boolean;
  /** Head previewed while the pointer rests on a thumbnail (the main view shows it until the pointer leaves). */
  previewHead: { layer: number; head: number } | null;
  /** Token picked in a view (heatmap, token strip); it is also the selected market asset. */
  selectedToken: number | null;
}

export type AppState = ModelSlice & RunSlice & ViewSlice;

export const DEFAULT_TEXT = 'The quick brown fox jumps over the lazy dog because it wants to see the river.';

export const useAppStore = create<AppState>()(() => ({
  modelId: 'use-lite',
  backendChoice: 'auto',
  modelStatus: 'idle',
  loadProgress: null,
  modelInfo: null,
  backend: null,
  loadedFromCache: false,
  loadMs: null,
  modelError: null,
  text: DEFAULT_TEXT,
  running: false,
  generating: false,
  output: null,
  runError: null,
  layer: 0,
  head: 0,
  aggregation: 'head',
  hidePunctuation: false,
  hideSpecialTokens: false,
  logScale: false,
  previewHead: null,
  selectedToken: null,
}));

/** Keeps layer and head inside the loaded model's shape after a model switch or a shared link. */
export function clampView(state: Pick<AppState, 'layer' | 'head'>, info: ModelInfo): Pick<AppState, 'layer' | 'head'> {
  return {
    layer: Math.min(Math.max(0, state.layer), info.layers - 1),
    head: Math.min(Math.max(0, state.head), info.heads - 1),
  };
}
