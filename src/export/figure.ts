import { CellImage } from '../viz/cells';
import { exportPlotSide, type HeatmapFigure } from '../viz/figure';
import { cellImage, cellRects, figureSvg, prepareFigure, type PreparedFigure } from '../viz/figureSvg';
import { HEATMAP_LAYOUT } from '../viz/layout';
import { svgDocument } from '../viz/svgTree';
import { FIGURE_THEME } from '../viz/theme';

/**
 * A standalone SVG document of a heatmap figure (title, token labels, legend, masked hatch),
 * on white with dark ink for papers, all text escaped. Cells are vector <rect>s unless
 * `cellsImage` is given: it returns the URL of a one-pixel-per-cell image to embed instead.
 * Needs no DOM.
 */
export function heatmapSvg(figure: HeatmapFigure, cellsImage?: (prepared: PreparedFigure) => string): string {
  const prepared = prepareFigure(figure, exportPlotSide(figure.matrix.size));
  const cells = cellsImage ? cellImage(prepared, cellsImage(prepared)) : cellRects(prepared);
  return svgDocument(figureSvg(prepared, FIGURE_THEME, 'figure', cells));
}

/**
 * The SVG export in the browser: vector cells up to svgRectTokenLimit tokens, beyond that one
 * embedded PNG of the cells (hundreds of thousands of <rect>s make files editors choke on).
 */
export function exportSvg(figure: HeatmapFigure): string {
  return heatmapSvg(figure, figure.matrix.size > HEATMAP_LAYOUT.svgRectTokenLimit ? cellsPngUrl : undefined);
}

function cellsPngUrl(prepared: PreparedFigure): string {
  const image = new CellImage();
  image.paint(prepared.figure.matrix, prepared.scale, prepared.mask);
  return image.canvas.toDataURL('image/png');
}

/** The figure as a PNG at `pixelRatio` device pixels per CSS pixel: the SVG export, rasterised. */
export async function heatmapPng(figure: HeatmapFigure, pixelRatio = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([exportSvg(figure)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(image.naturalWidth * pixelRatio);
    canvas.height = Math.round(image.naturalHeight * pixelRatio);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('2D canvas is not available');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
