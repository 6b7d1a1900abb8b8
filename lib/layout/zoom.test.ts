import { expect, test } from "vitest";
import { firstViewport, MIN_ZOOM, RIGHT_INSET, TOP_INSET } from "./zoom";

const screen = { width: 1440, height: 850 };

test("a schema that fits is shown whole, centred where nothing floats over it, never past 100%", () => {
  // Centred in the band below the controls at the top and left of the minimap:
  // 40 + (1440 - 40 - 216 - 672) / 2 = 296 across, 72 + (850 - 72 - 40 - 176) / 2 = 353 down.
  expect(firstViewport({ x: 0, y: 0, width: 672, height: 176 }, screen)).toEqual({ x: 296, y: 353, zoom: 1 });
  const wide = firstViewport({ x: 100, y: 100, width: 2368, height: 1000 }, screen);
  expect(wide.zoom).toBeCloseTo(0.5); // (1440 - 40 - 216) / 2368
  expect(wide.x + 100 * wide.zoom + (2368 * wide.zoom) / 2).toBeCloseTo(40 + (1440 - 40 - RIGHT_INSET) / 2); // centred
});

test("a schema too big to read whole opens at its top-left corner, at the zoom its names can still be read", () => {
  const view = firstViewport({ x: -500, y: 200, width: 23_472, height: 14_260 }, screen);
  expect(view).toEqual({ x: 40 + 500 * MIN_ZOOM, y: TOP_INSET - 200 * MIN_ZOOM, zoom: MIN_ZOOM });
});

test("the controls over the canvas's top edge and the minimap never cover a fitted first view", () => {
  for (const bounds of [
    { x: 0, y: 0, width: 672, height: 176 },
    { x: 40, y: -300, width: 1400, height: 900 }, // fitted by its height
    { x: -200, y: 0, width: 3000, height: 500 }, // fitted by its width
  ]) {
    const view = firstViewport(bounds, screen);
    expect(view.y + bounds.y * view.zoom).toBeGreaterThanOrEqual(TOP_INSET);
    expect(view.x + (bounds.x + bounds.width) * view.zoom).toBeLessThanOrEqual(screen.width - RIGHT_INSET + 1e-9);
  }
  // Too big to fit: its corner, below the controls.
  const corner = firstViewport({ x: -500, y: 200, width: 23_472, height: 14_260 }, screen);
  expect(corner.y + 200 * corner.zoom).toBeGreaterThanOrEqual(TOP_INSET);
});
