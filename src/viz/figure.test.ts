import { describe, expect, it } from 'vitest';
import { matrixOf } from '../attention/testTensors';
import { paintCells } from './cells';
import { colourScale, RAMP_RGBA } from './colour';
import {
  cellMask,
  describeFigure,
  exportPlotSide,
  figureLayout,
  figureScale,
  figureStats,
  isMaskedCell,
  legendTicks,
  plotSideToFit,
  tokenLabelItems,
  type HeatmapFigure,
} from './figure';
import { HEATMAP_LAYOUT as L, RAMP_STEPS } from './layout';

function figure(rows: number[][], extra: Partial<HeatmapFigure> = {}): HeatmapFigure {
  const labels = rows.map((_, i) => `t${i}`);
  return {
    matrix: matrixOf(rows),
    rowLabels: labels,
    colLabels: labels,
    causal: false,
    title: 'test',
    logScale: false,
    ...extra,
  };
}

const causal = figure(
  [
    [1, 0, 0],
    [0.25, 0.75, 0],
    [0.5, 0.2, 0.3],
  ],
  { causal: true },
);

describe('masks and stats', () => {
  it('masks the upper triangle of causal matrices and hidden rows and columns', () => {
    const mask = cellMask({ ...causal, hidden: new Set([1]) });
    const masked = [0, 1, 2].map((i) => [0, 1, 2].map((j) => isMaskedCell(mask, i, j)));
    expect(masked).toEqual([
      [false, true, true],
      [true, true, true],
      [false, true, false],
    ]);
    expect(mask.any).toBe(true);
    expect(cellMask(figure([[1]], { causal: true })).any).toBe(false);
  });

  it('rejects labels that do not match the matrix', () => {
    expect(() => cellMask({ ...causal, rowLabels: ['a'] })).toThrow(RangeError);
  });

  it('finds the largest unmasked weight and the smallest positive one', () => {
    const stats = figureStats(causal.matrix, cellMask({ ...causal, hidden: new Set([0]) }));
    // Row and column 0 hidden, upper triangle masked: what is left is (1,1) 0.75, (2,1) 0.2, (2,2) 0.3.
    expect(stats).toEqual({ max: 0.75, argmax: 4, minPositive: expect.closeTo(0.2, 6) });
  });

  it('describes the figure for screen readers', () => {
    const mask = cellMask(causal);
    expect(describeFigure(causal, figureStats(causal.matrix, mask))).toBe(
      'test. Attention heatmap of 3 query tokens (rows) by 3 key tokens (columns). ' +
        'Keys after each query are masked (causal model). Strongest weight 1: "t0" attends to "t0".',
    );
  });
});

describe('paintCells', () => {
  it('colours unmasked cells from the ramp and leaves masked ones transparent', () => {
    const mask = cellMask(causal);
    const out = new Uint32Array(9);
    paintCells(causal.matrix, colourScale(1, false), mask, out);
    expect(out[0]).toBe(RAMP_RGBA[RAMP_STEPS - 1]);
    expect(out[3]).toBe(RAMP_RGBA[RAMP_STEPS / 4]);
    expect([out[1], out[2], out[5]]).toEqual([0, 0, 0]);
    expect(out[7]).toBe(RAMP_RGBA[Math.floor(Math.fround(0.2) * RAMP_STEPS)]);
  });
});

describe('layout', () => {
  it('snaps wide cells to whole pixels and keeps thin ones', () => {
    const fixed = L.yLabelWidth + L.legendGap + L.legendWidth + L.legendAxisWidth + L.rightPad;
    expect(plotSideToFit(fixed + 500, 7)).toBe(497); // 71 px cells
    expect(plotSideToFit(fixed + 500, 512)).toBe(500);
    expect(plotSideToFit(0, 4)).toBe(L.minPlot);
  });

  it('sizes exported plots in whole-pixel cells', () => {
    expect(exportPlotSide(3)).toBe(279);
    expect(exportPlotSide(20)).toBe(560);
    expect(exportPlotSide(30)).toBe(720);
    expect(exportPlotSide(512)).toBe(512);
  });

  it('thins labels so they never come closer than minLabelSpacing', () => {
    const layout = figureLayout(512, 512, false);
    const items = tokenLabelItems(layout, Array.from({ length: 512 }, (_, i) => `token-number-long-${i}`), 'col');
    expect(layout.labelStep).toBe(L.minLabelSpacing);
    expect(items).toHaveLength(Math.ceil(512 / L.minLabelSpacing));
    expect(items[1].x - items[0].x).toBeGreaterThanOrEqual(L.minLabelSpacing);
    expect(items[0]).toEqual({ index: 0, text: 'token-number-\u2026', x: L.yLabelWidth + 0.5, y: L.titleHeight + 512 + L.labelGap });
  });

  it('labels every token of a short sentence, centred on its row', () => {
    const layout = figureLayout(3, 300, true);
    expect(tokenLabelItems(layout, ['a', 'b', 'c'], 'row').map((item) => [item.index, item.y])).toEqual([
      [0, L.titleHeight + 50],
      [1, L.titleHeight + 150],
      [2, L.titleHeight + 250],
    ]);
    expect(layout.maskKey).not.toBeNull();
  });

  it('puts legend ticks on the bar, largest at the top', () => {
    const layout = figureLayout(3, 300, false);
    const ticks = legendTicks(figureScale({ max: 0.5, argmax: 0, minPositive: 0.1 }, false), layout);
    expect(ticks.map((t) => t.text)).toEqual(['0.0', '0.1', '0.2', '0.3', '0.4', '0.5']);
    expect(ticks[0].y).toBe(layout.legend.y + layout.legend.height);
    expect(ticks.at(-1)?.y).toBe(layout.legend.y);
  });
});

describe('log legend', () => {
  it('labels decades as plain decimals', () => {
    const layout = figureLayout(3, 300, false);
    const ticks = legendTicks(figureScale({ max: 1, argmax: 0, minPositive: 1e-6 }, true), layout);
    expect(ticks.map((t) => t.text)).toEqual(['0.001', '0.01', '0.1', '1']);
  });
});
