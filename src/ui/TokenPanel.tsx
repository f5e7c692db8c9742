import { useSyncExternalStore } from 'react';
import { topTokens } from '../attention/shares';
import { selectAttentionView } from '../store/attentionView';
import { useAppStore } from '../store/appStore';
import { shareColours } from '../viz/colour';

function useAttentionView() {
  return useSyncExternalStore(useAppStore.subscribe, () => selectAttentionView(useAppStore.getState()));
}

const TOP_COUNT = 12;

/** The sentence coloured by the attention each token receives, and the most-attended tokens ranked. */
export function TokenPanel() {
  const view = useAttentionView();
  const selected = useAppStore((s) => s.selectedToken);
  if (!view) {
    return (
      <section className="panel" aria-label="Attention received">
        <h2>Attention received</h2>
        <p className="hint">Run the model to rank tokens by the attention they receive.</p>
      </section>
    );
  }
  const maxShare = Math.max(...view.shares);
  const ranked = topTokens(view.shares, TOP_COUNT, view.hidden);
  const select = (index: number) => useAppStore.setState({ selectedToken: index });
  return (
    <section className="panel" aria-label="Attention received">
      <h2>Attention received ({view.description})</h2>
      <div className="token-strip" role="list" aria-label="Token strip">
        {view.tokens.map((token, index) => {
          const colours = shareColours(view.shares[index], maxShare);
          return (
            <button
              type="button"
              role="listitem"
              key={index}
              aria-label={`${token}: ${(view.shares[index] * 100).toFixed(2)}% of attention`}
              aria-pressed={selected === index}
              className={selected === index ? 'selected' : undefined}
              style={{ background: colours.background, color: colours.text }}
              onClick={() => select(index)}
              onMouseEnter={() => select(index)}
              disabled={view.hidden.has(index)}
            >
              {token}
            </button>
          );
        })}
      </div>
      <ol className="top-tokens" aria-label="Top tokens by attention share">
        {ranked.map(({ index, share }, rank) => (
          <li key={index} aria-current={selected === index ? 'true' : undefined}>
            <span>{rank + 1}</span>
            <button type="button" className="link" onClick={() => select(index)}>
              {view.tokens[index]} <small>#{index}</small>
            </button>
            <span className="share">{(share * 100).toFixed(2)}%</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
