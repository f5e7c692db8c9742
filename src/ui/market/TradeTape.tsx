import { useMarketStore } from '../../store/marketStore';
import { clockTime, units } from './format';
import { TableHead } from './TableHead';

/** The latest trades of every asset, newest first; the user's own are marked. */
export function TradeTape() {
  const tape = useMarketStore((s) => s.snapshot?.tape);
  return (
    <section className="market-box" aria-label="Trade tape">
      <h3>Trade tape</h3>
      {!tape || tape.length === 0 ? (
        <p className="hint">No trades yet.</p>
      ) : (
        <table className="market-table tape">
          <TableHead columns={['Time', 'Token', 'Price', 'Qty', 'Aggressor']} />
          <tbody>
            {tape.map((trade) => (
              <tr key={trade.seq} className={trade.mine ? 'own' : undefined}>
                <td>{clockTime(trade.time)}</td>
                <td>{trade.token}</td>
                <td className="price">{trade.price}</td>
                <td>{units(trade.qty)}</td>
                <td className={trade.takerSide === 'buy' ? 'buy' : 'sell'}>
                  {trade.takerSide}
                  {trade.mine ? ' · you' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
