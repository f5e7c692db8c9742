import { useMarketStore } from '../../store/marketStore';
import { lots, number, percent, ticks, units } from './format';

/** Live statistics of the selected asset (definitions in src/market/metrics.ts). */
export function MarketMetrics() {
  const metrics = useMarketStore((s) => s.snapshot?.selected?.metrics);
  if (!metrics) return null;
  const items: [string, string, string][] = [
    ['Last price', ticks(metrics.lastPrice), 'price of the latest trade'],
    ['Spread', metrics.spread === null ? '—' : `${metrics.spread}`, 'best ask minus best bid, in ticks'],
    ['Volume', lots(metrics.volume), 'lots traded since the asset was listed'],
    [
      'Period volume',
      `${units(metrics.periodVolume)} (${percent(metrics.volumeRatio, 0)} of q0)`,
      `lots traded in period ${metrics.period}, against the agents' equilibrium quantity`,
    ],
    ['Efficiency', percent(metrics.efficiency), "agents' realised surplus over the most they could gain this period"],
    ["Smith's alpha", metrics.alpha === null ? '—' : `${number(metrics.alpha)}%`, 'root-mean-square distance of this period’s prices from p*, in percent of p*'],
    ['Imbalance', number(metrics.imbalance, 2), '(bid - ask lots) / (bid + ask lots) over the best five levels'],
    ['Agents', `${metrics.buyers} buyers, ${metrics.sellers} sellers`, 'one lot each per period, values induced from the curves'],
  ];
  return (
    <dl className="market-metrics" aria-label="Market metrics">
      {items.map(([name, value, title]) => (
        <div key={name} title={title}>
          <dt>{name}</dt>
          <dd aria-label={name}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
