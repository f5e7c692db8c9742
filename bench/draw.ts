/**
 * Drawing benchmark page: our canvas renderers against the D3 data join of SVG <rect>s that
 * bertviz-style and Transformer Explainer-style views use, on the same synthetic row-stochastic
 * matrices and the same colour lookup. Parameters come from the query string.
 */
import { randomLcg, randomNormal, range, select } from 'd3';
import { headMatrix, type AttentionTensor, type SquareMatrix } from '../src/attention/types';
import { colourScale, RAMP_HEX, RAMP_RGBA, type ColourScale } from '../src/viz/colour';
import { downsampleBlocks } from '../src/viz/downsample';
import { plotSideToFit } from '../src/viz/figure';
import { HeadGridView } from '../src/viz/headGrid';
import { HeatmapView } from '../src/viz/heatmap';
import { HEAD_GRID_LAYOUT, HEATMAP_LAYOUT } from '../src/viz/layout';
import { publish, timeDraw, type Timing } from './publish';

export interface DrawParams {
  tokens: number;
  layers: number;
  heads: number;
  /** CSS pixels of one head-grid thumbnail. */
  thumb: number;
  canvasRuns: number;
  svgRuns: number;
  /** Full-resolution SVG grid: how many of the matrices to draw (times are scaled to all of them). */
  svgGridMatrices: number;
}

export type DrawRenderer = 'canvas' | 'svg' | 'svg-thumbnails';

export interface DrawMeasurement extends Timing {
  case: 'heatmap' | 'grid';
  renderer: DrawRenderer;
  /** Elements (rects) or canvas pixels written per draw. */
  elements: number;
  /** Set when only this many matrices were drawn; drawMs and frameMs are then scaled to the full grid. */
  drawnMatrices?: number;
}

export interface DrawResults {
  params: DrawParams;
  devicePixelRatio: number;
  userAgent: string;
  measurements: DrawMeasurement[];
}

function readParams(): DrawParams {
  const query = new URLSearchParams(location.search);
  const number = (name: string, fallback: number) => Number(query.get(name) ?? fallback);
  return {
    tokens: number('tokens', 512),
    layers: number('layers', 12),
    heads: number('heads', 12),
    thumb: number('thumb', 48),
    canvasRuns: number('canvasRuns', 30),
    svgRuns: number('svgRuns', 3),
    svgGridMatrices: number('svgGridMatrices', 2),
  };
}

/** Rows are softmaxes of N(0, 2^2) logits: peaked like real attention, every row summing to 1. */
function syntheticAttention(layers: number, heads: number, t: number, seed: number): AttentionTensor {
  const normal = randomNormal.source(randomLcg(seed))(0, 2);
  const perLayer = Array.from({ length: layers }, () => {
    const tensor = new Float32Array(heads * t * t);
    for (let row = 0; row < heads * t; row++) {
      const start = row * t;
      let sum = 0;
      for (let j = 0; j < t; j++) {
        const weight = Math.exp(normal());
        tensor[start + j] = weight;
        sum += weight;
      }
      for (let j = 0; j < t; j++) tensor[start + j] /= sum;
    }
    return tensor;
  });
  return { layers, heads, seqLen: t, causal: false, perLayer };
}

function maxOf(values: ArrayLike<number>): number {
  let max = 0;
  for (let c = 0; c < values.length; c++) if (values[c] > max) max = values[c];
  return max;
}

function host(width: number): HTMLDivElement {
  const node = document.createElement('div');
  node.className = 'host';
  node.style.width = `${width}px`;
  document.body.appendChild(node);
  return node;
}

/** The canvas pixel at CSS point (x, y), packed like RAMP_RGBA. */
function pixelAt(canvas: HTMLCanvasElement, x: number, y: number): number {
  const ratio = canvas.width / canvas.getBoundingClientRect().width;
  const data = canvas.getContext('2d')!.getImageData(Math.floor(x * ratio), Math.floor(y * ratio), 1, 1).data;
  return new Uint32Array(data.buffer)[0];
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`check failed: ${message}`);
}

/** One D3 data join of rects for a t x t matrix inside `parent`, cells `cell` pixels wide. */
function joinRects(parent: SVGGElement, matrix: SquareMatrix, scale: ColourScale, cells: number[], cell: number): void {
  const t = matrix.size;
  select(parent)
    .selectAll('rect')
    .data(cells)
    .join('rect')
    .attr('x', (c) => (c % t) * cell)
    .attr('y', (c) => Math.floor(c / t) * cell)
    .attr('width', cell)
    .attr('height', cell)
    .attr('fill', (c) => RAMP_HEX[scale.index(matrix.values[c])]);
}

function svgElement(parent: HTMLElement, width: number, height: number): SVGSVGElement {
  return select(parent).append('svg').attr('width', width).attr('height', height).node()!;
}

async function heatmapCases(params: DrawParams, attention: AttentionTensor): Promise<DrawMeasurement[]> {
  const t = params.tokens;
  const matrices = [headMatrix(attention, 0, 0), headMatrix(attention, 0, 1)];
  const labels = Array.from({ length: t }, (_, i) => `tok${i}`);
  const fixed = HEATMAP_LAYOUT.yLabelWidth + HEATMAP_LAYOUT.legendGap + HEATMAP_LAYOUT.legendWidth + HEATMAP_LAYOUT.legendAxisWidth + HEATMAP_LAYOUT.rightPad;
  const side = plotSideToFit(fixed + t, t);

  // Ours: a redraw of the live view with new data (cells, labels, legend, accessible description).
  const canvasHost = host(fixed + t);
  const view = new HeatmapView(canvasHost);
  const canvas = canvasHost.querySelector('canvas')!;
  const matrixFor = (run: number) => matrices[run & 1];
  const canvasTiming = await timeDraw({
    draw: (run) => view.setData({ matrix: matrixFor(run), rowLabels: labels, colLabels: labels, causal: false, title: 'benchmark' }),
    settle: () => pixelAt(canvas, 0, 0),
    runs: params.canvasRuns,
    warmup: 3,
  });
  const last = matrixFor(params.canvasRuns - 1);
  const probe = { i: t >> 1, j: t >> 2 };
  const expected = RAMP_RGBA[colourScale(maxOf(last.values), false).index(last.values[probe.i * t + probe.j])];
  check(pixelAt(canvas, (probe.j + 0.5) * (side / t), (probe.i + 0.5) * (side / t)) === expected, 'canvas heatmap cell colour');
  view.destroy();
  canvasHost.remove();

  // Peer: one D3 join of t*t rects; redraws update every rect's attributes with the new data.
  const svgHost = host(side);
  const group = select(svgElement(svgHost, side, side)).append('g').node()!;
  const cells = range(t * t);
  const svgTiming = await timeDraw({
    draw: (run) => joinRects(group, matrixFor(run), colourScale(maxOf(matrixFor(run).values), false), cells, side / t),
    settle: () => group.getBoundingClientRect(),
    runs: params.svgRuns,
  });
  check(group.childElementCount === t * t, 'one rect per cell');
  svgHost.remove();

  return [
    { case: 'heatmap', renderer: 'canvas', elements: t * t, ...canvasTiming },
    { case: 'heatmap', renderer: 'svg', elements: t * t, ...svgTiming },
  ];
}

async function gridCases(params: DrawParams, attention: AttentionTensor): Promise<DrawMeasurement[]> {
  const { layers, heads, thumb } = params;
  const t = attention.seqLen;
  const pitch = thumb + HEAD_GRID_LAYOUT.gap;
  const width = HEAD_GRID_LAYOUT.labelLeft + heads * pitch - HEAD_GRID_LAYOUT.gap;
  const height = HEAD_GRID_LAYOUT.labelTop + layers * pitch - HEAD_GRID_LAYOUT.gap;
  const matrices = layers * heads;

  // Ours: every head downsampled to its thumbnail and painted on one canvas.
  const canvasHost = host(width);
  const grid = new HeadGridView(canvasHost);
  const canvas = canvasHost.querySelector('canvas')!;
  const canvasTiming = await timeDraw({
    draw: () => grid.setData(attention),
    settle: () => pixelAt(canvas, 0, 0),
    runs: Math.max(3, Math.round(params.canvasRuns / 3)),
  });
  const ratio = devicePixelRatio;
  const bins = Math.min(t, Math.round(thumb * ratio));
  const blocks = downsampleBlocks(headMatrix(attention, layers - 1, heads - 1), bins, false);
  const expected = RAMP_RGBA[colourScale(maxOf(blocks), false).index(blocks[0])];
  const corner = { x: HEAD_GRID_LAYOUT.labelLeft + (heads - 1) * pitch, y: HEAD_GRID_LAYOUT.labelTop + (layers - 1) * pitch };
  check(pixelAt(canvas, corner.x + 0.5 / ratio, corner.y + 0.5 / ratio) === expected, 'canvas grid thumbnail colour');
  grid.destroy();
  canvasHost.remove();

  const svgHost = host(width);
  let svgRoot: SVGSVGElement | null = null;
  const freshSvg = () => {
    svgRoot?.remove();
    svgRoot = svgElement(svgHost, width, height);
  };
  const headGroup = (root: SVGSVGElement, index: number) => {
    const layer = Math.floor(index / heads);
    const head = index % heads;
    return select(root)
      .append('g')
      .attr('transform', `translate(${HEAD_GRID_LAYOUT.labelLeft + head * pitch},${HEAD_GRID_LAYOUT.labelTop + layer * pitch})`)
      .node()!;
  };

  /** The first `count` heads as `bins` x `bins` rects each (bins < t: downsampled like ours). */
  const timeSvgGrid = async (count: number, bins: number): Promise<Timing> => {
    const cells = range(bins * bins);
    const timing = await timeDraw({
      reset: freshSvg,
      draw: () => {
        for (let index = 0; index < count; index++) {
          const full = headMatrix(attention, Math.floor(index / heads), index % heads);
          const matrix = bins === t ? full : { size: bins, values: downsampleBlocks(full, bins, false) };
          joinRects(headGroup(svgRoot!, index), matrix, colourScale(maxOf(matrix.values), false), cells, thumb / bins);
        }
      },
      settle: () => svgRoot!.getBoundingClientRect(),
      runs: params.svgRuns,
    });
    check(svgRoot!.querySelectorAll('rect').length === count * bins * bins, `SVG grid rect count at ${bins} cells a side`);
    return timing;
  };

  // Peer at full resolution (every cell a rect), on as many matrices as it can draw in time.
  const drawn = Math.min(matrices, params.svgGridMatrices);
  const fullTiming = await timeSvgGrid(drawn, t);
  const scaleUp = matrices / drawn;
  // Peer drawing downsampled thumbnails too (one rect per CSS pixel: at higher pixel ratios
  // ours draws more pixels than this peer), to separate downsampling from the drawing technique.
  const thumbBins = Math.min(t, thumb);
  const thumbTiming = await timeSvgGrid(matrices, thumbBins);
  svgHost.remove();

  return [
    { case: 'grid', renderer: 'canvas', elements: Math.round(width * height * ratio * ratio), ...canvasTiming },
    {
      case: 'grid',
      renderer: 'svg',
      elements: matrices * t * t,
      runs: fullTiming.runs,
      drawMs: fullTiming.drawMs * scaleUp,
      frameMs: fullTiming.frameMs * scaleUp,
      ...(drawn < matrices ? { drawnMatrices: drawn } : {}),
    },
    { case: 'grid', renderer: 'svg-thumbnails', elements: matrices * thumbBins * thumbBins, ...thumbTiming },
  ];
}

publish(async (): Promise<DrawResults> => {
  const params = readParams();
  const status = document.getElementById('status')!;
  const attention = syntheticAttention(params.layers, params.heads, params.tokens, 42);
  console.log(`synthetic attention ready: ${params.layers} x ${params.heads} x ${params.tokens}^2`);
  const measurements = [...(await heatmapCases(params, attention))];
  console.log('heatmap cases done');
  measurements.push(...(await gridCases(params, attention)));
  status.textContent = 'done';
  return { params, devicePixelRatio, userAgent: navigator.userAgent, measurements };
});
