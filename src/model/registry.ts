import { z } from 'zod';
import type { ModelInfo } from './onnx/model-info';
import type { BuiltInSource } from './types';

/**
 * The built-in models are the ones `npm run prepare-models` generated: it lists them in
 * public/models/index.json, so a model whose weights were unavailable is never offered.
 */
export const MODELS_INDEX_PATH = 'models/index.json';

export const DEFAULT_MODEL_ID = 'use-lite';

export const modelsIndexSchema = z.object({
  models: z.array(
    z.object({
      id: z.string().min(1),
      label: z.string().min(1),
      /** Folder of the model's files, relative to the index. */
      path: z.string().min(1),
    }),
  ),
});

export type ModelsIndex = z.infer<typeof modelsIndexSchema>;

/** How the model picker names a built-in model. */
export function builtInLabel(info: Pick<ModelInfo, 'name' | 'layers' | 'heads' | 'causal'>): string {
  return `${info.name}${info.causal ? ' causal LM' : ''} (${info.layers} layers × ${info.heads} heads)`;
}

/** The built-in models listed in `index` (parsed index.json content), with folder URLs resolved against `indexUrl`. */
export function builtInSources(index: unknown, indexUrl: string): BuiltInSource[] {
  return modelsIndexSchema.parse(index).models.map(({ id, label, path }) => ({
    kind: 'built-in',
    id,
    label,
    baseUrl: new URL(path.endsWith('/') ? path : `${path}/`, indexUrl).href,
  }));
}

/** Downloads and reads index.json; an app built without `npm run prepare-models` says so. */
export async function fetchBuiltInModels(baseUri: string): Promise<BuiltInSource[]> {
  const indexUrl = new URL(MODELS_INDEX_PATH, baseUri).href;
  const response = await fetch(indexUrl);
  if (!response.ok) {
    throw new Error(`No built-in models (${MODELS_INDEX_PATH}: HTTP ${response.status}). Run "npm run prepare-models" before building the app.`);
  }
  return builtInSources(await response.json(), indexUrl);
}
