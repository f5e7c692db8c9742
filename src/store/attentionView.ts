import { aggregate, describeAggregation } from '../attention/aggregate';
import { isPunctuationToken, tokenPositions } from '../attention/hide';
import { attentionShares } from '../attention/shares';
import type { AttentionTensor, SquareMatrix } from '../attention/types';
import type { AppState } from './appStore';

/** Everything the attention views draw, derived from the last run and the view settings. */
export interface AttentionView {
  attention: AttentionTensor;
  tokens: readonly string[];
  hidden: ReadonlySet<number>;
  /** The matrix on screen: the previewed head while one is hovered, else the selected aggregation. */
  matrix: SquareMatrix;
  /** Attention received by each token under the selected aggregation (sums to 1 over visible tokens). */
  shares: Float64Array;
  title: string;
  description: string;
}

type ViewInputs = Pick<AppState, 'output' | 'modelInfo' | 'layer' | 'head' | 'aggregation' | 'hidePunctuation' | 'hideSpecialTokens' | 'previewHead'>;

let lastInputs: ViewInputs | null = null;
let lastView: AttentionView | null = null;

function sameInputs(a: ViewInputs, b: ViewInputs): boolean {
  return (
    a.output === b.output &&
    a.modelInfo === b.modelInfo &&
    a.layer === b.layer &&
    a.head === b.head &&
    a.aggregation === b.aggregation &&
    a.hidePunctuation === b.hidePunctuation &&
    a.hideSpecialTokens === b.hideSpecialTokens &&
    a.previewHead === b.previewHead
  );
}

/** The tensor of the last run, shaped by the loaded model's description. */
export function attentionTensorOf(state: Pick<AppState, 'output' | 'modelInfo'>): AttentionTensor | null {
  const { output, modelInfo } = state;
  if (!output || !modelInfo || output.modelId !== modelInfo.id) return null;
  return {
    layers: modelInfo.layers,
    heads: modelInfo.heads,
    seqLen: output.tokens.length,
    causal: modelInfo.causal,
    perLayer: output.perLayer,
  };
}

/**
 * The current view, recomputed only when one of its inputs changes (canvas subscribers call this
 * on every store change; aggregation over 128 tokens is cheap but not free).
 */
export function selectAttentionView(state: ViewInputs): AttentionView | null {
  if (lastInputs && sameInputs(lastInputs, state)) return lastView;
  lastInputs = { ...state };
  lastView = computeView(state);
  return lastView;
}

function computeView(state: ViewInputs): AttentionView | null {
  const attention = attentionTensorOf(state);
  if (!attention || !state.output || !state.modelInfo) return null;
  const tokens = state.output.tokens;
  const hidden = state.hidePunctuation ? tokenPositions(tokens, isPunctuationToken) : new Set<number>();
  if (state.hideSpecialTokens) for (const position of state.output.specialTokens) hidden.add(position);
  const selected = { kind: state.aggregation, layer: state.layer, head: state.head, hidden };
  const selectedMatrix = aggregate(attention, selected);
  const preview = state.previewHead;
  const shown = preview ? { kind: 'head' as const, layer: preview.layer, head: preview.head, hidden } : selected;
  const description = describeAggregation(shown);
  return {
    attention,
    tokens,
    hidden,
    matrix: preview ? aggregate(attention, shown) : selectedMatrix,
    shares: attentionShares(selectedMatrix),
    title: `${state.modelInfo.name} — ${description}${preview ? ' (preview)' : ''}`,
    description,
  };
}
