import { useEffect, useRef, useState } from 'react';
import { shallow } from 'zustand/shallow';
import { downloadBlob, exportFileName } from '../../export/download';
import { type MarketState, useMarketStore } from '../../store/marketStore';
import { CanvasChart, type ChartSpec } from '../../viz/market/chart';

export interface MarketChartProps<D> {
  spec: ChartSpec<D>;
  /** The chart's data from the market store; null while there is nothing to draw. */
  select: (state: MarketState) => D | null;
  /** Label of the PNG download button. */
  exportLabel: string;
  /** File name parts of the PNG, e.g. ["market", token, "depth"]. */
  fileParts: (state: MarketState) => string[];
  testId: string;
}

/**
 * A canvas chart fed from the market store outside React's render cycle: the store subscription
 * redraws it when its data changes (compared field by field), React only mounts it.
 */
export function MarketChart<D>({ spec, select, exportLabel, fileParts, testId }: MarketChartProps<D>) {
  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<CanvasChart<D> | null>(null);
  const selectRef = useRef(select);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    selectRef.current = select;
  });
  useEffect(() => {
    const chart = new CanvasChart(hostRef.current as HTMLDivElement, spec);
    chartRef.current = chart;
    let drawn = selectRef.current(useMarketStore.getState());
    chart.setData(drawn);
    const unsubscribe = useMarketStore.subscribe((state) => {
      const data = selectRef.current(state);
      if (shallow(data, drawn)) return;
      drawn = data;
      chart.setData(data);
    });
    return () => {
      unsubscribe();
      chart.destroy();
      chartRef.current = null;
    };
  }, [spec]);

  const exportPng = async () => {
    setError(null);
    try {
      const blob = await (chartRef.current as CanvasChart<D>).png(2);
      downloadBlob(blob, exportFileName(fileParts(useMarketStore.getState()), 'png'));
    } catch (e) {
      setError(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <figure className="market-chart">
      <div className="market-chart-host" ref={hostRef} data-testid={testId} />
      <figcaption>
        <button type="button" onClick={exportPng}>
          {exportLabel}
        </button>
        {error && (
          <span className="error" role="alert">
            {error}
          </span>
        )}
      </figcaption>
    </figure>
  );
}
