import { useRef } from 'react';
import type { AttentionTensor } from '../attention/types';
import { selectAttentionView } from '../store/attentionView';
import { useAppStore } from '../store/appStore';
import { HeadGridView } from '../viz/headGrid';
import { useStoreRenderer } from './useRenderer';

/** Every layer x head as a thumbnail: hover previews a head in the heatmap, click or Enter selects it. */
export function HeadGridPanel() {
  const drawn = useRef<{ attention: AttentionTensor | null; selected: string }>({ attention: null, selected: '' });
  const hostRef = useStoreRenderer(
    (container) =>
      new HeadGridView(container, {
        onHover: (cell) => useAppStore.setState({ previewHead: cell }),
        onSelect: (cell) => useAppStore.setState({ layer: cell.layer, head: cell.head, aggregation: 'head', previewHead: null }),
      }),
    (grid, state) => {
      const attention = selectAttentionView(state)?.attention ?? null;
      if (attention?.perLayer !== drawn.current.attention?.perLayer) grid.setData(attention);
      const selected = state.aggregation === 'head' ? `${state.layer}:${state.head}` : '';
      if (selected !== drawn.current.selected || attention !== drawn.current.attention) {
        grid.setSelected(state.aggregation === 'head' ? { layer: state.layer, head: state.head } : null);
      }
      drawn.current = { attention, selected };
    },
  );
  return (
    <section className="panel" aria-label="All heads">
      <h2>All layers × heads</h2>
      <div className="head-grid-host" ref={hostRef} />
    </section>
  );
}
