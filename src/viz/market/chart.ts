/**
 * Canvas charts of the market: a chart is a spec (how to draw some data into a size, and how to
 * say it in words) and a host that owns the canvas, follows its container's width and exports
 * PNGs. Framework-free: React mounts the host and feeds it data outside its render cycle.
 */
import { element, fitCanvas, updateAttributes } from '../dom';
import { FIGURE_THEME, readTheme, type VizTheme } from '../theme';

export interface MarketTheme extends VizTheme {
  buy: string;
  sell: string;
  grid: string;
  shortage: string;
  surplus: string;
}

/** Exported figures: white paper, dark ink. */
export const FIGURE_MARKET_THEME: MarketTheme = {
  ...FIGURE_THEME,
  buy: '#1b7f3b',
  sell: '#b3261e',
  grid: '#ececec',
  shortage: 'rgba(230, 120, 0, 0.45)',
  surplus: 'rgba(59, 91, 219, 0.4)',
};

/** The page's theme (--buy, --sell and the colours of readTheme), figure colours where unset. */
export function readMarketTheme(node: Element): MarketTheme {
  const style = getComputedStyle(node);
  const property = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    ...FIGURE_MARKET_THEME,
    ...readTheme(node),
    buy: property('--buy', FIGURE_MARKET_THEME.buy),
    sell: property('--sell', FIGURE_MARKET_THEME.sell),
  };
}

export interface Size {
  width: number;
  height: number;
}

export interface ChartSpec<D> {
  /** Accessible name of the chart; its description follows in the label. */
  name: string;
  /** CSS pixels; the width follows the container. */
  height: number;
  draw(context: CanvasRenderingContext2D, size: Size, data: D, theme: MarketTheme): void;
  /** The chart's content in one sentence, for screen readers. */
  describe(data: D): string;
}

/** A chart spec mounted in a container, redrawn on new data and on resize. */
export class CanvasChart<D> {
  private readonly canvas: HTMLCanvasElement;
  private readonly observer: ResizeObserver;
  private theme: MarketTheme;
  private data: D | null = null;
  private width = 0;

  constructor(
    container: HTMLElement,
    private readonly spec: ChartSpec<D>,
  ) {
    this.canvas = element('canvas', { display: 'block' }, container);
    this.canvas.setAttribute('role', 'img');
    this.theme = readMarketTheme(container);
    this.observer = new ResizeObserver(() => {
      const width = container.clientWidth;
      if (width === this.width) return;
      this.width = width;
      this.theme = readMarketTheme(container);
      this.redraw();
    });
    this.observer.observe(container);
    this.width = container.clientWidth;
    this.redraw();
  }

  setData(data: D | null): void {
    this.data = data;
    this.redraw();
  }

  /** The chart as drawn now, on white, at `pixelRatio` device pixels per CSS pixel. */
  png(pixelRatio = 2): Promise<Blob> {
    const data = this.data;
    if (data === null) return Promise.reject(new Error('nothing to export yet'));
    const size = { width: Math.max(this.width, 480), height: this.spec.height };
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(size.width * pixelRatio);
    canvas.height = Math.round(size.height * pixelRatio);
    const context = canvas.getContext('2d');
    if (!context) return Promise.reject(new Error('2D canvas is not available'));
    context.scale(pixelRatio, pixelRatio);
    context.fillStyle = FIGURE_MARKET_THEME.background;
    context.fillRect(0, 0, size.width, size.height);
    this.spec.draw(context, size, data, FIGURE_MARKET_THEME);
    return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'));
  }

  destroy(): void {
    this.observer.disconnect();
    this.canvas.remove();
  }

  private redraw(): void {
    const size = { width: Math.max(1, this.width), height: this.spec.height };
    const { context } = fitCanvas(this.canvas, size.width, size.height);
    if (this.data === null) {
      updateAttributes(this.canvas, { 'aria-label': `${this.spec.name}: no data yet` });
      return;
    }
    this.spec.draw(context, size, this.data, this.theme);
    updateAttributes(this.canvas, { 'aria-label': `${this.spec.name}: ${this.spec.describe(this.data)}` });
  }
}
