import type { SquareMatrix } from '../attention/types';
import type { ColourScale } from './colour';
import type { CellMask } from './figure';

/** One RGBA pixel per cell (row-major); masked cells stay transparent so a hatch can show through. */
export function paintCells(matrix: SquareMatrix, scale: ColourScale, mask: CellMask, out: Uint32Array): void {
  const { size, values } = matrix;
  out.fill(0);
  const runs = visibleRuns(mask.hidden);
  for (let i = 0; i < size; i++) {
    if (mask.hidden[i]) continue;
    const row = i * size;
    const end = mask.causal ? i + 1 : size;
    for (const [from, to] of runs) {
      if (from >= end) break;
      scale.paint(values, row + from, row + Math.min(to, end), out, row + from);
    }
  }
}

/** [from, to) ranges of consecutive visible positions. */
function visibleRuns(hidden: Uint8Array): [number, number][] {
  const runs: [number, number][] = [];
  let j = 0;
  while (j < hidden.length) {
    while (j < hidden.length && hidden[j]) j++;
    const from = j;
    while (j < hidden.length && !hidden[j]) j++;
    if (j > from) runs.push([from, j]);
  }
  return runs;
}

/** A T x T canvas holding the painted cells, to be scaled onto a plot with smoothing off. */
export class CellImage {
  readonly canvas: HTMLCanvasElement;
  private image: ImageData | null = null;

  constructor() {
    this.canvas = document.createElement('canvas');
  }

  paint(matrix: SquareMatrix, scale: ColourScale, mask: CellMask): void {
    // A canvas cannot be empty: an empty matrix (no tokens) paints one transparent pixel.
    const side = Math.max(1, matrix.size);
    const context = this.canvas.getContext('2d');
    if (!context) throw new Error('2D canvas is not available');
    if (this.image?.width !== side) {
      this.canvas.width = side;
      this.canvas.height = side;
      this.image = context.createImageData(side, side);
    }
    paintCells(matrix, scale, mask, new Uint32Array(this.image.data.buffer));
    context.putImageData(this.image, 0, 0);
  }
}
