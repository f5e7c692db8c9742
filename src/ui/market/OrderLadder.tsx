import type { BookLevel } from '../../market/live/snapshot';
import { useMarketStore } from '../../store/marketStore';
import { units } from './format';
import { TableHead } from './TableHead';

/** Levels shown per side; the depth chart shows the rest. */
const LEVELS = 12;

function LevelRow({ level, side, deepest }: { level: BookLevel; side: 'bid' | 'ask'; deepest: number }) {
  return (
    <tr className={`${side}${level.own > 0 ? ' own' : ''}`} aria-label={level.own > 0 ? `${side} ${level.price}, ${level.own} of them yours` : undefined}>
      <td className="price">{level.price}</td>
      <td>{units(level.qty)}</td>
      <td>{units(level.cumulative)}</td>
      <td className="depth-cell">
        <span className="depth-bar" style={{ width: `${(100 * level.cumulative) / deepest}%` }} />
        {level.own > 0 && <span className="own-tag">you {units(level.own)}</span>}
      </td>
    </tr>
  );
}

/** The best levels of the selected book: asks above (best at the bottom), the spread, bids below. */
export function OrderLadder() {
  const selected = useMarketStore((s) => s.snapshot?.selected);
  if (!selected) return null;
  const asks = selected.asks.slice(0, LEVELS);
  const bids = selected.bids.slice(0, LEVELS);
  const deepest = Math.max(1, asks.at(-1)?.cumulative ?? 0, bids.at(-1)?.cumulative ?? 0);
  return (
    <table className="market-table ladder" aria-label="Order book">
      <TableHead columns={['Price', 'Size', 'Cumulative', 'Depth']} />
      <tbody>
        {[...asks].reverse().map((level) => (
          <LevelRow key={`a${level.price}`} level={level} side="ask" deepest={deepest} />
        ))}
        <tr className="spread-row">
          <td colSpan={4}>
            {selected.spread === null ? 'no spread: one side is empty' : `spread ${selected.spread} ticks`}
            {selected.asks.length > LEVELS || selected.bids.length > LEVELS
              ? ` · ${selected.bids.length} bid and ${selected.asks.length} ask levels in all`
              : ''}
          </td>
        </tr>
        {bids.map((level) => (
          <LevelRow key={`b${level.price}`} level={level} side="bid" deepest={deepest} />
        ))}
      </tbody>
    </table>
  );
}
