import type { Position, Size } from "./pack";

/**
 * The zooms at which the canvas changes how it draws, and the first view of a schema. No
 * table is drawn smaller than its name can be read: below BLOCK_ZOOM a table is a block
 * labelled in letters sized for the screen, and the canvas does not zoom out past MIN_ZOOM,
 * where a 1440 × 900 screen shows about 300 tables (React Flow draws only those in view); the
 * minimap shows the whole.
 */
export const MIN_ZOOM = 0.2;
/** Below this a table is a labelled block (components/canvas/ModelBlock), edges join tables. */
export const BLOCK_ZOOM = 0.3;
/** Below this a table draws its rows' names and types only (no pickers, no buttons). */
export const DETAIL_ZOOM = 0.45;
/** The zoom at which a table's name and fields can be read (14 px text drawn at 8.4 px). */
export const READABLE_ZOOM = 0.6;

export type Viewport = { x: number; y: number; zoom: number };

/** The canvas's own controls (database, display, view) float over its top edge: the first view starts below them. */
export const TOP_INSET = 72;
/** The minimap (components/canvas/Overview), floating over the canvas's bottom right corner 15 px from its edges. */
export const MINIMAP_SIZE = { width: 200, height: 150 };
/** A fitted first view stays left of the minimap. */
export const RIGHT_INSET = MINIMAP_SIZE.width + 16;
/** Nor is a table in focus left under it: its bottom stays above this, from the canvas's bottom. */
export const MINIMAP_TOP = MINIMAP_SIZE.height + 16;

/**
 * The first view of nodes covering `bounds` on a `screen`: the whole, centred in the part of
 * the canvas that nothing floats over (below the controls at the top, left of the minimap),
 * when it fits at MIN_ZOOM or closer (never past 100%); otherwise its top-left corner (where
 * a packed layout puts the most connected table) at MIN_ZOOM.
 */
export function firstViewport(bounds: Size & Position, screen: Size, padding = 40): Viewport {
  const band = { width: screen.width - padding - RIGHT_INSET, height: screen.height - TOP_INSET - padding };
  const fit = Math.min(band.width / bounds.width, band.height / bounds.height);
  const zoom = Math.min(1, Math.max(MIN_ZOOM, fit));
  if (fit < MIN_ZOOM) return { x: padding - bounds.x * zoom, y: TOP_INSET - bounds.y * zoom, zoom };
  return {
    x: padding + (band.width - bounds.width * zoom) / 2 - bounds.x * zoom,
    y: TOP_INSET + (band.height - bounds.height * zoom) / 2 - bounds.y * zoom,
    zoom,
  };
}
