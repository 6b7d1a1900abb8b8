import { expect, test } from "vitest";
import { contains, inWindow, viewOfTransform, windowAround, type Box } from "./window";

/** A 100 × 50 table at column `col`, row `row` of a grid 200 px apart. */
const aBox = (id: string, col: number, row = 0): Box => ({ id, x: col * 200, y: row * 200, width: 100, height: 50 });

test("the window is the view grown on each side, and holds the view until it leaves", () => {
  const view = { x: 0, y: 0, width: 1000, height: 500 };
  const window = windowAround(view);
  expect(window).toEqual({ x: -100, y: -50, width: 1200, height: 600 });
  expect(contains(window, { ...view, x: 90 })).toBe(true);
  expect(contains(window, { ...view, x: 110 })).toBe(false);
  expect(contains(window, { x: -110, y: -55, width: 1220, height: 610 })).toBe(false); // zoomed out
});

test("the view under React Flow's transform, in flow coordinates", () => {
  expect(viewOfTransform([-200, 100, 0.5], 1000, 600)).toEqual({ x: 400, y: -200, width: 2000, height: 1200 });
});

test("only the boxes that meet the window are held", () => {
  const boxes = [aBox("a", 0), aBox("b", 1), aBox("far", 40), aBox("below", 0, 40)];
  expect([...inWindow(boxes, [], { x: 0, y: 0, width: 300, height: 100 })].sort()).toEqual(["a", "b"]);
});

test("both ends of a relation that crosses the window are held, so that it is drawn", () => {
  const boxes = [
    aBox("in", 0),
    aBox("left", -40),
    aBox("right", 40),
    aBox("east", 80),
    aBox("north", 1, -40),
    aBox("northeast", 40, -40),
  ];
  const links = [
    { source: "in", target: "east" }, // from the window out
    { source: "left", target: "right" }, // across it, both ends outside
    { source: "north", target: "northeast" }, // nowhere near it
  ];
  const held = inWindow(boxes, links, { x: 0, y: 0, width: 300, height: 100 });
  expect([...held].sort()).toEqual(["east", "in", "left", "right"]);
});

test("kept nodes (selected, focused) are held wherever they are; unknown ends are ignored", () => {
  const boxes = [aBox("a", 0), aBox("selected", 90, 90)];
  const held = inWindow(boxes, [{ source: "a", target: "gone" }], { x: 0, y: 0, width: 100, height: 100 }, ["selected"]);
  expect([...held].sort()).toEqual(["a", "selected"]);
});
