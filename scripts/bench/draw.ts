/**
 * The drawing part of `npm run bench:attention`: runs bench/draw.html in Chromium (software
 * rendering) and turns its medians into a table of canvas vs SVG with the targets.
 */
import type { DrawMeasurement, DrawParams, DrawResults } from '../../bench/draw';
import { formatMs, markdownTable, type BenchSession } from './browser';

/** Drawing targets: one heatmap redraw, the full head grid, and the speed-up over SVG. */
export const DRAW_TARGETS = { heatmapMs: 8, gridMs: 250, speedUp: 20 } as const;

export async function runDrawBenchmark(session: BenchSession, deviceScaleFactor: number, params: Partial<DrawParams> = {}): Promise<DrawResults> {
  return session.runPage<DrawResults>('/bench/draw.html', { mode: 'cpu', deviceScaleFactor, params: { ...params } });
}

/** One row per case: our canvas, the SVG peers, speed-ups (on time to the next frame) and targets. */
export function drawTable(results: DrawResults): string {
  const { tokens, layers, heads, thumb } = results.params;
  const find = (kase: DrawMeasurement['case'], renderer: DrawMeasurement['renderer']) => {
    const found = results.measurements.find((m) => m.case === kase && m.renderer === renderer);
    if (!found) throw new Error(`no ${renderer} measurement for ${kase}`);
    return found;
  };
  const times = (m: DrawMeasurement) => `${formatMs(m.drawMs)} / ${formatMs(m.frameMs)}`;
  const speedUp = (ours: DrawMeasurement, peer: DrawMeasurement) =>
    `${(peer.drawMs / ours.drawMs).toFixed(0)}x / ${(peer.frameMs / ours.frameMs).toFixed(0)}x`;
  const peerNote = (m: DrawMeasurement) =>
    m.drawnMatrices ? ` (${m.drawnMatrices} of ${layers * heads} matrices drawn, scaled x${(layers * heads) / m.drawnMatrices})` : '';
  const verdict = (ours: DrawMeasurement, peer: DrawMeasurement, limitMs: number) =>
    ours.drawMs <= limitMs && peer.frameMs / ours.frameMs >= DRAW_TARGETS.speedUp ? 'met' : 'MISSED';

  const heatmap = find('heatmap', 'canvas');
  const heatmapSvg = find('heatmap', 'svg');
  const grid = find('grid', 'canvas');
  const gridSvg = find('grid', 'svg');
  const gridThumbs = find('grid', 'svg-thumbnails');
  const rows = [
    [
      `heatmap ${tokens}x${tokens} redraw`,
      `canvas ${times(heatmap)}`,
      `SVG ${tokens * tokens} rects ${times(heatmapSvg)}`,
      speedUp(heatmap, heatmapSvg),
      `<= ${DRAW_TARGETS.heatmapMs} ms, >= ${DRAW_TARGETS.speedUp}x`,
      verdict(heatmap, heatmapSvg, DRAW_TARGETS.heatmapMs),
    ],
    [
      `grid ${layers}x${heads} of ${tokens}x${tokens}`,
      `canvas ${times(grid)}`,
      `SVG ${gridSvg.elements} rects ${times(gridSvg)}${peerNote(gridSvg)}`,
      speedUp(grid, gridSvg),
      `<= ${DRAW_TARGETS.gridMs} ms, >= ${DRAW_TARGETS.speedUp}x`,
      verdict(grid, gridSvg, DRAW_TARGETS.gridMs),
    ],
    [
      `grid, SVG of ${thumb}x${thumb} downsampled thumbnails`,
      `canvas ${times(grid)}`,
      `SVG ${gridThumbs.elements} rects ${times(gridThumbs)}`,
      speedUp(grid, gridThumbs),
      '(reference)',
      '',
    ],
  ];
  const header = ['case', 'ours: draw / frame ms', 'peer: draw / frame ms', 'speed-up draw / frame', 'target', 'result'];
  return [
    `Drawing at devicePixelRatio ${results.devicePixelRatio} (${results.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? 'Chromium'}, --disable-gpu), medians of ${heatmap.runs} canvas / ${heatmapSvg.runs} SVG runs.`,
    'draw = the call plus forced raster (canvas) or style+layout (SVG); frame = from a frame start to the next animation frame, paint included.',
    '',
    markdownTable(header, rows),
  ].join('\n');
}
