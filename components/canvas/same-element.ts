import type { Edge, Node } from "@xyflow/react";

/**
 * Whether a node or edge derived afresh equals the one on the canvas: an unchanged one is
 * kept as it was, so React Flow and the node's memoized component do not draw it again.
 */

export function sameNode(a: Node, b: Node): boolean {
  if (a.position.x !== b.position.x || a.position.y !== b.position.y || a.type !== b.type) return false;
  const x = a.data as Record<string, unknown>;
  const y = b.data as Record<string, unknown>;
  return Object.keys(y).every((key) => {
    const p = x[key];
    const q = y[key];
    if (p === q) return true;
    // Lists derived afresh on every change (enum names, foreign keys) compare by content.
    return Array.isArray(p) && Array.isArray(q) && p.length === q.length && p.every((v, i) => v === q[i]);
  });
}
/** Equal edges, their style and data objects compared by content (they are derived afresh on every change). */
export function sameEdge(a: Edge, b: Edge): boolean {
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  const keys = Object.keys(y);
  return (
    keys.length === Object.keys(x).length &&
    keys.every((key) => {
      const [p, q] = [x[key], y[key]];
      if (p === q) return true;
      if (!p || !q || typeof p !== "object" || typeof q !== "object") return false;
      const [o, r] = [p as Record<string, unknown>, q as Record<string, unknown>];
      return Object.keys(r).length === Object.keys(o).length && Object.keys(r).every((k) => o[k] === r[k]);
    })
  );
}
