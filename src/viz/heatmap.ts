import { CellImage } from './cells';
import { element, fitCanvas, pointerIn, updateAttributes, updateStyle } from './dom';
import { describeFigure, isMaskedCell, plotSideToFit, type HeatmapData, type HeatmapFigure } from './figure';
import { figureParts, figureRoot, prepareFigure, type FigureParts, type PreparedFigure } from './figureSvg';
import { formatFloat32 } from './format';
import { HEATMAP_LAYOUT as L } from './layout';
import { svgToDom, svgToString } from './svgTree';
import { readTheme } from './theme';

export interface HeatmapCell {
  /** Query token (row). */
  row: number;
  /** Key token (column). */
  col: number;
  value: number;
  /** Above the diagonal of a causal matrix, or in a hidden row or column. */
  masked: boolean;
}

export interface HeatmapCallbacks {
  /** The cell under the pointer, or null when the pointer leaves the plot. */
  onHover?: (cell: HeatmapCell | null) => void;
  /** A click on a cell picks its key token; a click on an axis label picks that token. */
  onSelectToken?: (index: number) => void;
}

export interface HeatmapOptions {
  logScale: boolean;
  /** Token whose row and column stay outlined (e.g. the selected asset), or null. */
  highlight: number | null;
}

let instances = 0;

/**
 * A T x T attention heatmap: cells on a canvas (one pixel per cell, scaled up without smoothing),
 * over an SVG holding title, token labels, legend and the masked-cell hatch. Framework-free:
 * React owns the container and calls the methods; nothing here re-renders on hover except two
 * outline boxes and the tooltip. Resizes itself with its container.
 */
export class HeatmapView {
  private readonly root: HTMLDivElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly tooltip: HTMLDivElement;
  private readonly tooltipLines: HTMLDivElement[];
  private readonly hoverBands: readonly [HTMLDivElement, HTMLDivElement];
  private readonly highlightBands: readonly [HTMLDivElement, HTMLDivElement];
  private readonly cells = new CellImage();
  private readonly idPrefix = `heatmap-${++instances}`;
  private readonly observer: ResizeObserver;
  /** Title, labels, legend and mask hatch, under the canvas; each part is rebuilt only when it changes. */
  private readonly chrome: SVGElement;
  private chromeParts: Partial<Record<keyof FigureParts, { text: string; node: SVGElement }>> = {};
  private labelNodes = { row: new Map<number, Element>(), col: new Map<number, Element>() };
  private data: HeatmapData | null = null;
  private options: HeatmapOptions = { logScale: false, highlight: null };
  private prepared: PreparedFigure | null = null;
  private hovered: { row: number; col: number } | null = null;
  private width = -1;

  constructor(
    private readonly container: HTMLElement,
    private readonly callbacks: HeatmapCallbacks = {},
  ) {
    this.root = element('div', { position: 'relative', width: '100%' }, container);
    this.chrome = svgToDom({ tag: 'svg', attrs: { 'aria-hidden': 'true' }, children: [] });
    Object.assign(this.chrome.style, { position: 'absolute', left: '0', top: '0' });
    this.root.appendChild(this.chrome);
    this.canvas = element('canvas', { position: 'absolute', cursor: 'crosshair', display: 'none' }, this.root);
    this.canvas.setAttribute('role', 'img');
    const band = (border: string) =>
      element('div', { position: 'absolute', display: 'none', pointerEvents: 'none', boxSizing: 'border-box', border }, this.root);
    this.highlightBands = [band('2px dashed var(--accent, #3b5bdb)'), band('2px dashed var(--accent, #3b5bdb)')];
    this.hoverBands = [band('1px solid #ffffff'), band('1px solid #ffffff')];
    for (const node of this.hoverBands) node.style.boxShadow = '0 0 0 1px rgba(0, 0, 0, 0.65)';
    this.tooltip = element(
      'div',
      {
        position: 'absolute',
        display: 'none',
        pointerEvents: 'none',
        padding: '4px 8px',
        borderRadius: '4px',
        background: 'rgba(24, 24, 27, 0.92)',
        color: '#ffffff',
        font: `12px var(--mono, monospace)`,
        whiteSpace: 'pre',
        zIndex: '1',
      },
      this.root,
    );
    this.tooltip.setAttribute('role', 'tooltip');
    this.tooltipLines = [0, 1, 2].map(() => element('div', {}, this.tooltip));

    this.canvas.addEventListener('pointermove', (event) => this.onPointerMove(event));
    this.canvas.addEventListener('pointerleave', () => this.setHover(null));
    this.canvas.addEventListener('click', () => {
      if (this.hovered) this.callbacks.onSelectToken?.(this.hovered.col);
    });
    this.root.addEventListener('click', (event) => {
      const label = event.target instanceof Element ? event.target.closest('[data-axis]') : null;
      if (label) this.callbacks.onSelectToken?.(Number(label.getAttribute('data-index')));
    });
    this.observer = new ResizeObserver(() => {
      if (this.container.clientWidth !== this.width) this.resize();
    });
    this.observer.observe(container);
  }

  setData(data: HeatmapData): void {
    this.data = data;
    this.render();
  }

  setOptions(options: Partial<HeatmapOptions>): void {
    const rescale = options.logScale !== undefined && options.logScale !== this.options.logScale;
    this.options = { ...this.options, ...options };
    if (rescale) this.render();
    else this.placeHighlight();
  }

  /** Lays the figure out again for the container's current width and pixel ratio. */
  resize(): void {
    this.render();
  }

  /** What is on screen, for exports. */
  figure(): HeatmapFigure | null {
    return this.data ? { ...this.data, logScale: this.options.logScale } : null;
  }

  destroy(): void {
    this.observer.disconnect();
    this.root.remove();
    this.data = null;
    this.prepared = null;
  }

  private render(): void {
    this.width = this.container.clientWidth;
    const hovered = this.hovered;
    this.setHover(null, false);
    const figure = this.figure();
    if (!figure) return;
    const size = figure.matrix.size;
    const prepared = prepareFigure(figure, plotSideToFit(this.root.clientWidth, size));
    this.prepared = prepared;
    const { layout } = prepared;

    this.cells.paint(figure.matrix, prepared.scale, prepared.mask);
    const { context } = fitCanvas(this.canvas, layout.plot.side, layout.plot.side);
    context.imageSmoothingEnabled = false;
    context.drawImage(this.cells.canvas, 0, 0, layout.plot.side, layout.plot.side);
    updateStyle(this.canvas, { display: 'block', left: `${layout.plot.x}px`, top: `${layout.plot.y}px` });
    updateAttributes(this.canvas, { 'aria-label': describeFigure(figure, prepared.stats) });

    this.updateChrome(prepared);
    updateStyle(this.root, { height: `${layout.height}px` });
    this.placeHighlight();
    // Data can change under a resting pointer (live updates): keep its tooltip, with the new weight.
    if (hovered && hovered.row < size && hovered.col < size) this.setHover(hovered, false);
  }

  private updateChrome(prepared: PreparedFigure): void {
    const theme = readTheme(this.root);
    updateAttributes(this.chrome, figureRoot(prepared.layout, theme).attrs);
    const parts = figureParts(prepared, theme, this.idPrefix);
    for (const name of ['frame', 'title', 'legend'] as const) {
      const text = svgToString(parts[name]);
      const current = this.chromeParts[name];
      if (current?.text === text) continue;
      const node = svgToDom(parts[name]);
      if (current) current.node.replaceWith(node);
      else this.chrome.appendChild(node);
      this.chromeParts[name] = { text, node };
      if (name === 'frame') {
        for (const label of node.querySelectorAll<SVGElement>('[data-axis]')) label.style.cursor = 'pointer';
        this.labelNodes = { row: labelMap(node, 'row'), col: labelMap(node, 'col') };
      }
    }
  }

  private onPointerMove(event: PointerEvent): void {
    if (!this.prepared) return;
    const { x, y } = pointerIn(this.canvas, event);
    const { cell } = this.prepared.layout;
    const last = this.prepared.figure.matrix.size - 1;
    const row = Math.min(last, Math.max(0, Math.floor(y / cell)));
    const col = Math.min(last, Math.max(0, Math.floor(x / cell)));
    if (this.hovered?.row !== row || this.hovered.col !== col) this.setHover({ row, col });
    this.placeTooltip(x + this.prepared.layout.plot.x, y + this.prepared.layout.plot.y);
  }

  /** Shows (or hides) the hover outline, labels and tooltip; `notify` is off for redraws, so callbacks never loop. */
  private setHover(target: { row: number; col: number } | null, notify = true): void {
    const previous = this.hovered;
    this.hovered = target;
    if (previous) this.emphasise(previous, false);
    const prepared = this.prepared;
    if (!target || !prepared) {
      for (const node of [...this.hoverBands, this.tooltip]) updateStyle(node, { display: 'none' });
      if (previous && notify) this.callbacks.onHover?.(null);
      return;
    }
    this.emphasise(target, true);
    placeBands(this.hoverBands, prepared, target.row, target.col);
    const { figure, mask } = prepared;
    const value = figure.matrix.values[target.row * figure.matrix.size + target.col];
    const masked = isMaskedCell(mask, target.row, target.col);
    this.tooltipLines[0].textContent = `query ${figure.rowLabels[target.row]}  #${target.row}`;
    this.tooltipLines[1].textContent = `key   ${figure.colLabels[target.col]}  #${target.col}`;
    this.tooltipLines[2].textContent = masked ? 'masked' : `weight ${formatFloat32(value)}`;
    this.tooltip.style.display = 'block';
    if (notify) this.callbacks.onHover?.({ row: target.row, col: target.col, value, masked });
  }

  private placeTooltip(x: number, y: number): void {
    const room = this.root.clientWidth - this.tooltip.offsetWidth - 4;
    const left = x + L.tooltipOffset <= room ? x + L.tooltipOffset : Math.max(0, x - L.tooltipOffset - this.tooltip.offsetWidth);
    this.tooltip.style.left = `${left}px`;
    this.tooltip.style.top = `${y + L.tooltipOffset}px`;
  }

  private emphasise(target: { row: number; col: number }, on: boolean): void {
    for (const label of [this.labelNodes.row.get(target.row), this.labelNodes.col.get(target.col)]) {
      label?.setAttribute('font-weight', on ? '700' : '400');
    }
  }

  private placeHighlight(): void {
    const token = this.options.highlight;
    if (token === null || !this.prepared || token < 0 || token >= this.prepared.figure.matrix.size) {
      for (const node of this.highlightBands) updateStyle(node, { display: 'none' });
      return;
    }
    placeBands(this.highlightBands, this.prepared, token, token);
  }
}

/** Outlines one row and one column of the plot (at least 3 px thick so thin cells still show). */
function placeBands(bands: readonly [HTMLDivElement, HTMLDivElement], prepared: PreparedFigure, row: number, col: number): void {
  const { plot, cell } = prepared.layout;
  const thick = Math.max(3, cell);
  const inset = (thick - cell) / 2;
  updateStyle(bands[0], {
    display: 'block',
    left: `${plot.x}px`,
    top: `${plot.y + row * cell - inset}px`,
    width: `${plot.side}px`,
    height: `${thick}px`,
  });
  updateStyle(bands[1], {
    display: 'block',
    left: `${plot.x + col * cell - inset}px`,
    top: `${plot.y}px`,
    width: `${thick}px`,
    height: `${plot.side}px`,
  });
}

function labelMap(chrome: SVGElement, axis: 'row' | 'col'): Map<number, Element> {
  const map = new Map<number, Element>();
  for (const label of chrome.querySelectorAll(`[data-axis="${axis}"]`)) map.set(Number(label.getAttribute('data-index')), label);
  return map;
}
