/** Every size the renderers and figure exports use, in CSS pixels, in one place. */

export const HEATMAP_LAYOUT = {
  fontPx: 11,
  titleFontPx: 13,
  titleHeight: 24,
  /** Longer token labels are cut to this many characters (the tooltip shows them whole). */
  labelChars: 14,
  yLabelWidth: 104,
  xLabelHeight: 100,
  labelGap: 4,
  /** Labels closer than this are thinned out to every n-th token. */
  minLabelSpacing: 13,
  legendGap: 18,
  legendWidth: 12,
  legendAxisWidth: 46,
  legendTicks: 5,
  maskSwatch: 12,
  rightPad: 8,
  minPlot: 120,
  maxPlot: 960,
  /** Cells at least this wide are snapped to whole pixels so they all look the same size. */
  snapCellPx: 4,
  /** Exported figures: preferred cell size and the largest plot. */
  exportCellPx: 28,
  exportMinPlot: 280,
  exportMaxPlot: 720,
  /** Above this many tokens an SVG export embeds the cells as one image instead of <rect>s. */
  svgRectTokenLimit: 128,
  tooltipOffset: 14,
} as const;

export const HEAD_GRID_LAYOUT = {
  fontPx: 11,
  labelLeft: 30,
  labelTop: 18,
  gap: 3,
  minThumb: 12,
  maxThumb: 96,
  outline: 2,
} as const;

/** Steps in the colour ramp lookup table. */
export const RAMP_STEPS = 256;
