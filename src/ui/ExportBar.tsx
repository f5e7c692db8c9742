import { useState } from 'react';
import { describeAggregation } from '../attention/aggregate';
import { matrixCsv } from '../export/csv';
import { downloadBlob, exportFileName, textBlob } from '../export/download';
import { exportSvg, heatmapPng } from '../export/figure';
import { attentionJson } from '../export/json';
import { selectAttentionView } from '../store/attentionView';
import { useAppStore } from '../store/appStore';
import type { HeatmapFigure } from '../viz/figure';

function currentFigure(): { figure: HeatmapFigure; stem: string[] } | null {
  const state = useAppStore.getState();
  const view = selectAttentionView({ ...state, previewHead: null });
  if (!view || !state.modelInfo) return null;
  return {
    figure: {
      matrix: view.matrix,
      rowLabels: view.tokens,
      colLabels: view.tokens,
      causal: view.attention.causal,
      hidden: view.hidden,
      title: view.title,
      logScale: state.logScale,
    },
    stem: [state.modelInfo.id, describeAggregation({ kind: state.aggregation, layer: state.layer, head: state.head })],
  };
}

/** Downloads of the current heatmap (PNG, SVG, CSV) and the whole run's attention (JSON). */
export function ExportBar() {
  const ready = useAppStore((s) => s.output !== null && s.modelInfo !== null);
  const [error, setError] = useState<string | null>(null);

  const run = (action: () => Promise<void> | void) => async () => {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const exportPng = run(async () => {
    const current = currentFigure();
    if (current) downloadBlob(await heatmapPng(current.figure, 2), exportFileName(current.stem, 'png'));
  });
  const exportSvgFile = run(() => {
    const current = currentFigure();
    if (current) downloadBlob(textBlob(exportSvg(current.figure), 'image/svg+xml'), exportFileName(current.stem, 'svg'));
  });
  const exportCsv = run(() => {
    const current = currentFigure();
    if (current) {
      const { matrix, rowLabels, colLabels } = current.figure;
      downloadBlob(textBlob(matrixCsv(matrix, rowLabels, colLabels), 'text/csv'), exportFileName(current.stem, 'csv'));
    }
  });
  const exportJson = run(() => {
    const state = useAppStore.getState();
    const view = selectAttentionView(state);
    if (!view || !state.output || !state.modelInfo) return;
    const json = attentionJson({ model: state.modelInfo.id, backend: state.output.backend, tokens: view.tokens, attention: view.attention });
    downloadBlob(textBlob(json, 'application/json'), exportFileName([state.modelInfo.id, 'attention'], 'json'));
  });

  return (
    <div className="export-bar" role="group" aria-label="Export">
      <button type="button" disabled={!ready} onClick={exportPng}>
        Export PNG
      </button>
      <button type="button" disabled={!ready} onClick={exportSvgFile}>
        Export SVG
      </button>
      <button type="button" disabled={!ready} onClick={exportCsv}>
        Export CSV
      </button>
      <button type="button" disabled={!ready} onClick={exportJson}>
        Export attention JSON
      </button>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
