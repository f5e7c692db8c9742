/** The part of the view that a shared link carries: text, model, layer, head and aggregation. */
export interface SharedView {
  text: string;
  model: string;
  layer: number;
  head: number;
  aggregation: string;
}

const KEYS = { text: 'text', model: 'model', layer: 'layer', head: 'head', aggregation: 'agg' } as const;

function nonNegativeInt(raw: string | null): number | undefined {
  if (raw === null || !/^\d{1,4}$/.test(raw)) return undefined;
  return Number(raw);
}

/** Reads whatever valid fields the query string holds; invalid ones are ignored, never guessed. */
export function parseSharedView(search: string): Partial<SharedView> {
  const params = new URLSearchParams(search);
  const view: Partial<SharedView> = {};
  const text = params.get(KEYS.text);
  if (text !== null) view.text = text;
  const model = params.get(KEYS.model);
  if (model) view.model = model;
  const layer = nonNegativeInt(params.get(KEYS.layer));
  if (layer !== undefined) view.layer = layer;
  const head = nonNegativeInt(params.get(KEYS.head));
  if (head !== undefined) view.head = head;
  const aggregation = params.get(KEYS.aggregation);
  if (aggregation) view.aggregation = aggregation;
  return view;
}

export function serializeSharedView(view: SharedView): string {
  const params = new URLSearchParams();
  params.set(KEYS.text, view.text);
  params.set(KEYS.model, view.model);
  params.set(KEYS.layer, String(view.layer));
  params.set(KEYS.head, String(view.head));
  params.set(KEYS.aggregation, view.aggregation);
  return `?${params.toString()}`;
}
