import { useRef } from 'react';
import { AGGREGATIONS, type AggregationKind } from '../attention/types';
import { selectAttentionView, type AttentionView } from '../store/attentionView';
import { useAppStore } from '../store/appStore';
import { HeatmapView } from '../viz/heatmap';
import { useStoreRenderer } from './useRenderer';
import { ExportBar } from './ExportBar';
import { indexOptions, SelectField } from './controls';

const AGGREGATION_LABELS: Record<AggregationKind, string> = {
  head: 'Single head',
  meanHeads: 'Mean over heads',
  maxHeads: 'Max over heads',
  meanAll: 'Mean over all layers and heads',
  rollout: 'Attention rollout',
};

/** The token-by-token heatmap of the selected view, its controls and exports. */
export function HeatmapPanel() {
  const info = useAppStore((s) => s.modelInfo);
  const layer = useAppStore((s) => s.layer);
  const head = useAppStore((s) => s.head);
  const aggregation = useAppStore((s) => s.aggregation);
  const logScale = useAppStore((s) => s.logScale);
  const hidePunctuation = useAppStore((s) => s.hidePunctuation);
  const hideSpecialTokens = useAppStore((s) => s.hideSpecialTokens);
  const drawn = useRef<AttentionView | null>(null);
  const hostRef = useStoreRenderer(
    (container) => new HeatmapView(container, { onSelectToken: (index) => useAppStore.setState({ selectedToken: index }) }),
    (view, state) => {
      const next = selectAttentionView(state);
      if (next && next !== drawn.current) {
        view.setData({
          matrix: next.matrix,
          rowLabels: next.tokens,
          colLabels: next.tokens,
          causal: next.attention.causal,
          hidden: next.hidden,
          title: next.title,
        });
      }
      drawn.current = next;
      view.setOptions({ logScale: state.logScale, highlight: state.selectedToken });
    },
  );
  const usesLayer = aggregation === 'head' || aggregation === 'meanHeads' || aggregation === 'maxHeads';

  return (
    <section className="panel" aria-label="Attention heatmap">
      <div className="view-controls">
        <SelectField
          label="Aggregation"
          value={aggregation}
          options={AGGREGATIONS.map((kind) => ({ value: kind, label: AGGREGATION_LABELS[kind] }))}
          onChange={(kind) => useAppStore.setState({ aggregation: kind })}
        />
        <SelectField
          label="Layer"
          value={layer}
          options={indexOptions(info?.layers ?? 1)}
          disabled={!info || !usesLayer}
          onChange={(l) => useAppStore.setState({ layer: l })}
        />
        <SelectField
          label="Head"
          value={head}
          options={indexOptions(info?.heads ?? 1)}
          disabled={!info || aggregation !== 'head'}
          onChange={(h) => useAppStore.setState({ head: h })}
        />
        <label>
          <input type="checkbox" checked={logScale} onChange={(e) => useAppStore.setState({ logScale: e.target.checked })} />
          Log scale
        </label>
        <label>
          <input
            type="checkbox"
            checked={hidePunctuation}
            onChange={(e) => useAppStore.setState({ hidePunctuation: e.target.checked })}
          />
          Hide punctuation
        </label>
        <label>
          <input
            type="checkbox"
            checked={hideSpecialTokens}
            onChange={(e) => useAppStore.setState({ hideSpecialTokens: e.target.checked })}
          />
          Hide special tokens
        </label>
      </div>
      <div className="heatmap-host" ref={hostRef} data-testid="heatmap" />
      <p className="hint">Hover a cell to read its exact weight; click a cell or a label to select that token.</p>
      <ExportBar />
    </section>
  );
}
