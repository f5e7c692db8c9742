import { useSyncExternalStore } from 'react';
import { topTokens } from '../attention/shares';
import { selectAttentionView } from '../store/attentionView';
import { useAppStore } from '../store/appStore';
import { selectLastPrices, useMarketStore, type TokenColouring } from '../store/marketStore';
import { shareColours } from '../viz/colour';
import { SelectField } from './controls';

function useAttentionView() {
  return useSyncExternalStore(useAppStore.subscribe, () => selectAttentionView(useAppStore.getState()));
}

const TOP_COUNT = 12;
const NO_PRICES: ReadonlyMap<number, number> = new Map();
const UNTRADED = { background: 'transparent', text: 'inherit' };

/** The sentence coloured by the attention each token receives, and the most-attended tokens ranked. */
export function TokenPanel() {
  const view = useAttentionView();
  const selected = useAppStore((s) => s.selectedToken);
  const colouring = useMarketStore((s) => s.tokenColouring);
  const lastPrices = useMarketStore((s) => (s.tokenColouring === 'lastPrice' ? selectLastPrices(s) : NO_PRICES));
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
  // Prices span the whole ramp from the lowest to the highest last price.
  const lowPrice = Math.min(...lastPrices.values());
  const highPrice = Math.max(...lastPrices.values());
  /** Chip colours and label: by attention share, or by the last trade price of the token's asset. */
  const chip = (token: string, index: number) => {
    if (colouring === 'share') {
      return { colours: shareColours(view.shares[index], maxShare), label: `${token}: ${(view.shares[index] * 100).toFixed(2)}% of attention` };
    }
    const price = lastPrices.get(index);
    return price === undefined
      ? { colours: UNTRADED, label: `${token}: not traded` }
      : { colours: shareColours(price - lowPrice, highPrice - lowPrice), label: `${token}: last price ${price} ticks` };
  };
  return (
    <section className="panel" aria-label="Attention received">
      <h2>Attention received ({view.description})</h2>
      <div className="token-strip" role="list" aria-label="Token strip">
        {view.tokens.map((token, index) => {
          const { colours, label } = chip(token, index);
          return (
            <button
              type="button"
              role="listitem"
              key={index}
              aria-label={label}
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
      <div className="view-controls">
        <SelectField<TokenColouring>
          label="Colour tokens by"
          value={colouring}
          options={[
            { value: 'share', label: 'Attention share' },
            { value: 'lastPrice', label: 'Last price' },
          ]}
          onChange={(tokenColouring) => useMarketStore.setState({ tokenColouring })}
        />
      </div>
      {colouring === 'lastPrice' && (
        <p className="hint">
          {lastPrices.size === 0
            ? 'No token has traded yet: start the market below.'
            : `Last prices from ${lowPrice} (dark) to ${highPrice} ticks (bright); uncoloured tokens have not traded.`}
        </p>
      )}
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
