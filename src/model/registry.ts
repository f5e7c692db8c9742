import type { ModelSource } from './types';

/** Models that ship with the app; their files are generated into public/models/ by `npm run prepare-models`. */
export const BUILT_IN_MODELS: readonly ModelSource[] = [
  { id: 'use-lite', label: 'Universal Sentence Encoder Lite (2 layers × 4 heads)', baseUrl: 'models/use-lite/' },
  { id: 'stories260k', label: 'stories260K causal LM (5 layers × 8 heads)', baseUrl: 'models/stories260k/' },
];

export const DEFAULT_MODEL_ID = 'use-lite';

export function findBuiltInModel(id: string): ModelSource | undefined {
  return BUILT_IN_MODELS.find((model) => model.id === id);
}
