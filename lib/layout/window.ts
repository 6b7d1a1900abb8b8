import type { Rect } from "./areas";

/**
 * The part of a large diagram the canvas hands to React Flow. React Flow does work for every
 * node it holds on every change (adopting them, running each one's store selector), even
 * with only those in view drawn; at 5,044 tables that is most of an edit's time. So the
 * canvas holds a window around the view: the nodes that meet it, and both ends of every
 * relation that crosses it. The window is a little larger than the view, so that a pan or zoom
 * changes it only once the view has left it; only a little, because React Flow draws every
 * node it holds once (to measure it), in view or not.
 */

export type Box = Rect & { id: string };
export type Link = { source: string; target: string };

/** `view` grown by `margin` of its width and height on each side (a tenth: 1.44 times its area). */
export function windowAround(view: Rect, margin = 0.1): Rect {
  return {
    x: view.x - view.width * margin,
    y: view.y - view.height * margin,
    width: view.width * (1 + 2 * margin),
    height: view.height * (1 + 2 * margin),
  };
}

export function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

function meets(a: Rect, b: Rect): boolean {
  return a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;
}

/** The view of a canvas `width` × `height` px under React Flow's `[x, y, zoom]` transform, in flow coordinates. */
export function viewOfTransform([x, y, zoom]: readonly [number, number, number], width: number, height: number): Rect {
  return { x: -x / zoom, y: -y / zoom, width: width / zoom, height: height / zoom };
}

/**
 * Ids of the boxes in `window`: those that meet it, both ends of each link whose bounding
 * box meets it (a relation drawn across the view), and those in `keep` (selected, focused:
 * React Flow reports a selection only over the nodes it holds).
 */
export function inWindow(boxes: readonly Box[], links: readonly Link[], window: Rect, keep: Iterable<string> = []): Set<string> {
  const ids = new Set(keep);
  const byId = new Map<string, Box>();
  for (const box of boxes) {
    byId.set(box.id, box);
    if (meets(box, window)) ids.add(box.id);
  }
  for (const { source, target } of links) {
    if (ids.has(source) && ids.has(target)) continue;
    const a = byId.get(source);
    const b = byId.get(target);
    if (!a || !b) continue;
    const x = Math.min(a.x, b.x);
    const y = Math.min(a.y, b.y);
    const span = {
      x,
      y,
      width: Math.max(a.x + a.width, b.x + b.width) - x,
      height: Math.max(a.y + a.height, b.y + b.height) - y,
    };
    if (meets(span, window)) ids.add(source).add(target);
  }
  return ids;
}
