import { downloadBlob, exportFileName, textBlob } from '../../export/download';
import type { LiveMarket } from '../../market/live/liveMarket';
import { marketExport, tradesCsv } from '../../market/live/marketExport';
import { useMarketStore } from '../../store/marketStore';

/** The market as data: the selected asset's curves, book and metrics with all assets (JSON), and the tape (CSV). */
export function MarketExports({ market }: { market: LiveMarket }) {
  const ready = useMarketStore((s) => (s.snapshot?.assets.length ?? 0) > 0);
  const token = () => market.snapshot().selected?.asset.token ?? 'market';
  const exportJson = () => {
    const json = JSON.stringify(marketExport(market.snapshot(), market.trades()), null, 1);
    downloadBlob(textBlob(json, 'application/json'), exportFileName(['market', token()], 'json'));
  };
  const exportCsv = () => downloadBlob(textBlob(tradesCsv(market.trades()), 'text/csv'), exportFileName(['market', 'trades'], 'csv'));
  return (
    <div className="export-bar" role="group" aria-label="Market export">
      <button type="button" disabled={!ready} onClick={exportJson}>
        Export market JSON
      </button>
      <button type="button" onClick={exportCsv}>
        Export trades CSV
      </button>
    </div>
  );
}
