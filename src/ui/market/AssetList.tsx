import { useAppStore } from '../../store/appStore';
import { useMarketStore } from '../../store/marketStore';
import { percent, ticks, units } from './format';
import { TableHead } from './TableHead';

/** The traded tokens by attention share; picking one selects its token everywhere in the app. */
export function AssetList() {
  const assets = useMarketStore((s) => s.snapshot?.assets);
  const selected = useMarketStore((s) => s.snapshot?.selected?.asset.id ?? null);
  if (!assets || assets.length === 0) {
    return <p className="hint">Run the model: the most-attended tokens become the assets.</p>;
  }
  return (
    <table className="market-table asset-list" aria-label="Assets">
      <TableHead columns={['#', 'Token', 'Share', 'Supply', 'p*', 'Last']} />
      <tbody>
        {assets.map((asset) => (
          <tr key={asset.id} aria-selected={asset.id === selected} className={asset.id === selected ? 'selected' : undefined}>
            <td>{asset.rank}</td>
            <td>
              <button type="button" className="link" onClick={() => useAppStore.setState({ selectedToken: asset.position })}>
                {asset.token} <small>#{asset.position}</small>
              </button>
            </td>
            <td data-share={asset.share}>{percent(asset.share, 2)}</td>
            <td>{units(asset.supply)}</td>
            <td>{ticks(asset.pStar)}</td>
            <td>{ticks(asset.lastPrice)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
