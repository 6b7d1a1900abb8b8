import { expect, test } from "vitest";
import { firstViewport, MIN_ZOOM, TOP_INSET } from "./zoom";

const screen = { width: 1440, height: 850 };

test("a schema that fits is shown whole and centred, never past 100%", () => {
  // Centred in the band below the controls at the top: (850 - 72 - 40 - 176) / 2 = 281.
  expect(firstViewport({ x: 0, y: 0, width: 672, height: 176 }, screen)).toEqual({ x: 384, y: TOP_INSET + 281, zoom: 1 });
  const half = firstViewport({ x: 100, y: 100, width: 2720, height: 1300 }, screen);
  expect(half.zoom).toBeCloseTo(0.5);
  expect(half.x + 100 * half.zoom + (2720 * half.zoom) / 2).toBeCloseTo(720); // centred
});

test("a schema too big to read whole opens at its top-left corner, at the zoom its names can still be read", () => {
  const view = firstViewport({ x: -500, y: 200, width: 23_472, height: 14_260 }, screen);
  expect(view).toEqual({ x: 40 + 500 * MIN_ZOOM, y: TOP_INSET - 200 * MIN_ZOOM, zoom: MIN_ZOOM });
});

test("the controls floating over the canvas's top edge never cover the first view", () => {
  for (const bounds of [
    { x: 0, y: 0, width: 672, height: 176 },
    { x: 40, y: -300, width: 1400, height: 900 }, // fitted by its height
    { x: -500, y: 200, width: 23_472, height: 14_260 }, // its corner
  ]) {
    const view = firstViewport(bounds, screen);
    expect(view.y + bounds.y * view.zoom).toBeGreaterThanOrEqual(TOP_INSET);
  }
});
