import { headMatrix, type AttentionTensor } from '../attention/types';
import { colourScale, packRgba, RAMP_RGBA } from './colour';
import { element, fitCanvas, pointerIn, VISUALLY_HIDDEN } from './dom';
import { downsampleBlocks } from './downsample';
import { HEAD_GRID_LAYOUT as G } from './layout';
import { readTheme, type VizTheme } from './theme';

export interface HeadCell {
  layer: number;
  head: number;
}

export interface HeadGridCallbacks {
  /** The head under the pointer (or under the keyboard cursor), null when it leaves: for previews. */
  onHover?: (cell: HeadCell | null) => void;
  /** A click, or Enter / Space on the keyboard cursor. */
  onSelect?: (cell: HeadCell) => void;
}

interface GridLayout {
  thumb: number;
  width: number;
  height: number;
}

/**
 * Every head of every layer as a thumbnail on one canvas (row = layer, column = head). Each
 * thumbnail is the head's matrix averaged down to the thumbnail's device pixels and coloured on
 * its own scale (0 to its largest block), so that weak heads still show their pattern.
 * The thumbnails are drawn once per data or size change into an offscreen canvas; hover, focus
 * and selection only copy it back and draw outlines.
 */
export class HeadGridView {
  private readonly canvas: HTMLCanvasElement;
  private readonly base: HTMLCanvasElement;
  private readonly announcer: HTMLDivElement;
  private readonly observer: ResizeObserver;
  private attention: AttentionTensor | null = null;
  private layout: GridLayout | null = null;
  private theme: VizTheme | null = null;
  private selected: HeadCell | null = null;
  private hovered: HeadCell | null = null;
  private cursor: HeadCell = { layer: 0, head: 0 };
  private focused = false;
  private width = -1;

  constructor(
    private readonly container: HTMLElement,
    private readonly callbacks: HeadGridCallbacks = {},
  ) {
    this.canvas = element('canvas', { display: 'block', cursor: 'pointer' }, container);
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'application');
    this.canvas.setAttribute('aria-roledescription', 'attention head grid');
    this.base = document.createElement('canvas');
    this.announcer = element('div', VISUALLY_HIDDEN, container);
    this.announcer.setAttribute('aria-live', 'polite');

    this.canvas.addEventListener('pointermove', (event) => this.setHover(this.cellAt(event)));
    this.canvas.addEventListener('pointerleave', () => this.setHover(null));
    this.canvas.addEventListener('click', (event) => {
      const cell = this.cellAt(event);
      if (cell) this.select(cell);
    });
    this.canvas.addEventListener('keydown', (event) => this.onKey(event));
    this.canvas.addEventListener('focus', () => {
      this.focused = true;
      this.cursor = this.selected ?? this.cursor;
      this.paint();
    });
    this.canvas.addEventListener('blur', () => {
      this.focused = false;
      this.paint();
    });
    this.observer = new ResizeObserver(() => {
      if (this.container.clientWidth !== this.width) this.resize();
    });
    this.observer.observe(container);
  }

  setData(attention: AttentionTensor | null): void {
    this.attention = attention;
    this.hovered = null;
    if (attention) this.cursor = clampCell(this.cursor, attention);
    this.render();
  }

  /** Outlines the head the app shows (no callback). */
  setSelected(cell: HeadCell | null): void {
    this.selected = cell;
    if (cell) this.cursor = cell;
    this.describe();
    this.paint();
  }

  resize(): void {
    this.render();
  }

  destroy(): void {
    this.observer.disconnect();
    this.canvas.remove();
    this.announcer.remove();
    this.attention = null;
  }

  private render(): void {
    this.width = this.container.clientWidth;
    const attention = this.attention;
    if (!attention) {
      this.layout = null;
      this.canvas.style.display = 'none';
      return;
    }
    this.canvas.style.display = 'block';
    this.theme = readTheme(this.container);
    this.layout = gridLayout(this.width, attention);
    drawThumbnails(this.base, attention, this.layout, this.theme);
    this.describe();
    this.paint();
  }

  /** Copies the thumbnails and draws the outlines: selection solid, hover thin, keyboard cursor dashed. */
  private paint(): void {
    const { layout, theme } = this;
    if (!layout || !theme) return;
    const { context } = fitCanvas(this.canvas, layout.width, layout.height);
    context.drawImage(this.base, 0, 0, layout.width, layout.height);
    const outline = (cell: HeadCell, colour: string, lineWidth: number, dash: number[]) => {
      const { x, y } = thumbOrigin(layout, cell);
      context.strokeStyle = colour;
      context.lineWidth = lineWidth;
      context.setLineDash(dash);
      const pad = lineWidth / 2 + 0.5;
      context.strokeRect(x - pad, y - pad, layout.thumb + 2 * pad, layout.thumb + 2 * pad);
    };
    if (this.hovered) outline(this.hovered, theme.ink, 1, []);
    if (this.selected) outline(this.selected, theme.accent, G.outline, []);
    if (this.focused && this.canvas.matches(':focus-visible')) outline(this.cursor, theme.ink, 1.5, [3, 2]);
  }

  private cellAt(event: MouseEvent): HeadCell | null {
    const { layout, attention } = this;
    if (!layout || !attention) return null;
    const { x, y } = pointerIn(this.canvas, event);
    const pitch = layout.thumb + G.gap;
    const head = Math.floor((x - G.labelLeft) / pitch);
    const layer = Math.floor((y - G.labelTop) / pitch);
    const insideThumb = (x - G.labelLeft) % pitch < layout.thumb && (y - G.labelTop) % pitch < layout.thumb;
    const inGrid = head >= 0 && head < attention.heads && layer >= 0 && layer < attention.layers;
    return inGrid && insideThumb ? { layer, head } : null;
  }

  private setHover(cell: HeadCell | null): void {
    if (sameCell(cell, this.hovered)) return;
    this.hovered = cell;
    this.callbacks.onHover?.(cell);
    this.paint();
  }

  private select(cell: HeadCell): void {
    this.selected = cell;
    this.cursor = cell;
    this.callbacks.onSelect?.(cell);
    this.describe();
    this.announcer.textContent = `Selected layer ${cell.layer}, head ${cell.head}`;
    this.paint();
  }

  private onKey(event: KeyboardEvent): void {
    const attention = this.attention;
    if (!attention) return;
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      this.cursor = clampCell({ layer: this.cursor.layer + move[0], head: this.cursor.head + move[1] }, attention);
      this.announcer.textContent = `Layer ${this.cursor.layer}, head ${this.cursor.head}`;
      this.callbacks.onHover?.(this.cursor);
      this.paint();
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.select(this.cursor);
    }
  }

  private describe(): void {
    const attention = this.attention;
    if (!attention) return;
    const selected = this.selected ? ` Selected: layer ${this.selected.layer}, head ${this.selected.head}.` : '';
    this.canvas.setAttribute(
      'aria-label',
      `Attention heads: ${attention.layers} layers by ${attention.heads} heads, ${attention.seqLen} tokens.${selected} Arrow keys move, Enter selects.`,
    );
  }
}

function gridLayout(width: number, attention: AttentionTensor): GridLayout {
  const fit = Math.floor((width - G.labelLeft - G.gap * (attention.heads - 1)) / attention.heads);
  const thumb = Math.min(G.maxThumb, Math.max(G.minThumb, fit));
  return {
    thumb,
    width: G.labelLeft + attention.heads * thumb + (attention.heads - 1) * G.gap,
    height: G.labelTop + attention.layers * thumb + (attention.layers - 1) * G.gap,
  };
}

function thumbOrigin(layout: GridLayout, cell: HeadCell): { x: number; y: number } {
  const pitch = layout.thumb + G.gap;
  return { x: G.labelLeft + cell.head * pitch, y: G.labelTop + cell.layer * pitch };
}

/** Paints every thumbnail into one ImageData at device pixels, then the layer and head labels. */
function drawThumbnails(target: HTMLCanvasElement, attention: AttentionTensor, layout: GridLayout, theme: VizTheme): void {
  const { context, ratio } = fitCanvas(target, layout.width, layout.height);
  const image = context.createImageData(target.width, target.height);
  const pixels = new Uint32Array(image.data.buffer);
  const maskPixel = packRgba(theme.mask);
  const side = Math.round(layout.thumb * ratio);
  const bins = Math.min(attention.seqLen, side);
  for (let layer = 0; layer < attention.layers; layer++) {
    for (let head = 0; head < attention.heads; head++) {
      const blocks = downsampleBlocks(headMatrix(attention, layer, head), bins, attention.causal);
      let max = 0;
      for (const value of blocks) if (value > max) max = value;
      const scale = colourScale(max, false);
      const origin = thumbOrigin(layout, { layer, head });
      const x0 = Math.round(origin.x * ratio);
      const y0 = Math.round(origin.y * ratio);
      // Nearest block for each device pixel: identity when the matrix has at least `side` tokens.
      for (let py = 0; py < side; py++) {
        const row = Math.floor((py * bins) / side) * bins;
        const offset = (y0 + py) * target.width + x0;
        for (let px = 0; px < side; px++) {
          const value = blocks[row + Math.floor((px * bins) / side)];
          pixels[offset + px] = Number.isNaN(value) ? maskPixel : RAMP_RGBA[scale.index(value)];
        }
      }
    }
  }
  context.putImageData(image, 0, 0);

  context.fillStyle = theme.muted;
  context.font = `${G.fontPx}px ${theme.font}`;
  context.textBaseline = 'middle';
  context.textAlign = 'right';
  for (let layer = 0; layer < attention.layers; layer++) {
    const { y } = thumbOrigin(layout, { layer, head: 0 });
    context.fillText(`L${layer}`, G.labelLeft - 5, y + layout.thumb / 2);
  }
  context.textAlign = 'center';
  for (let head = 0; head < attention.heads; head++) {
    const { x } = thumbOrigin(layout, { layer: 0, head });
    context.fillText(`H${head}`, x + layout.thumb / 2, G.labelTop / 2);
  }
}

function clampCell(cell: HeadCell, attention: AttentionTensor): HeadCell {
  return {
    layer: Math.min(attention.layers - 1, Math.max(0, cell.layer)),
    head: Math.min(attention.heads - 1, Math.max(0, cell.head)),
  };
}

function sameCell(a: HeadCell | null, b: HeadCell | null): boolean {
  return a === b || (a !== null && b !== null && a.layer === b.layer && a.head === b.head);
}
