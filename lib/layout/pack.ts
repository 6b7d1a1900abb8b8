/**
 * A layout for schemas that a layered drawing cannot show at a readable size: tables in
 * columns of one height, filling a rectangle of the viewport's shape, in an order that keeps
 * related tables together. A layered layout (./auto-layout) stacks the dozens or hundreds of
 * tables that point at one hub (a User table) in one column: civitai's 302 tables came out
 * 25,000 × 87,000 px, fitted at zoom 0.01. Packed, they fill 1.6:1 at close to the zoom their
 * total area allows.
 */

export type Size = { width: number; height: number };
export type Position = { x: number; y: number };

/** Each node's neighbours (by relation, either way), in a stable order. */
export type Adjacency = Map<string, string[]>;

/**
 * The nodes in reading order: from the most connected table, breadth first through its
 * relations (most connected first), so a hub's tables follow it; then the next unvisited
 * most connected table, and so on. Ties keep the schema's order.
 */
export function relationOrder(ids: string[], adjacency: Adjacency): string[] {
  const degree = (id: string) => adjacency.get(id)?.length ?? 0;
  const position = new Map(ids.map((id, i) => [id, i]));
  const byDegree = (a: string, b: string) => degree(b) - degree(a) || position.get(a)! - position.get(b)!;
  const order: string[] = [];
  const seen = new Set<string>();
  for (const start of [...ids].sort(byDegree)) {
    if (seen.has(start)) continue;
    seen.add(start);
    const queue = [start];
    for (let head = 0; head < queue.length; head++) {
      const id = queue[head];
      order.push(id);
      for (const next of [...(adjacency.get(id) ?? [])].sort(byDegree)) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return order;
}

export const GAP = 48;

/**
 * Nodes placed top to bottom in columns left to right, in the order given. The column height
 * makes the whole about `aspect` times as wide as tall (the nodes' area, gaps included); a
 * node taller than that gets a column of its own.
 */
export function packColumns(order: string[], sizeOf: (id: string) => Size, aspect: number): Record<string, Position> {
  const area = order.reduce((sum, id) => sum + (sizeOf(id).width + GAP) * (sizeOf(id).height + GAP), 0);
  const columnHeight = Math.sqrt(area / aspect);
  const positions: Record<string, Position> = {};
  let x = 0;
  let y = 0;
  let columnWidth = 0;
  for (const id of order) {
    const { width, height } = sizeOf(id);
    if (y > 0 && y + height > columnHeight) {
      x += columnWidth + GAP;
      y = 0;
      columnWidth = 0;
    }
    positions[id] = { x, y };
    y += height + GAP;
    columnWidth = Math.max(columnWidth, width);
  }
  return positions;
}

/** The rectangle the nodes cover. */
export function extent(positions: Record<string, Position>, sizeOf: (id: string) => Size): Size & Position {
  const ids = Object.keys(positions);
  if (!ids.length) return { x: 0, y: 0, width: 0, height: 0 };
  const x = Math.min(...ids.map((id) => positions[id].x));
  const y = Math.min(...ids.map((id) => positions[id].y));
  const right = Math.max(...ids.map((id) => positions[id].x + sizeOf(id).width));
  const bottom = Math.max(...ids.map((id) => positions[id].y + sizeOf(id).height));
  return { x, y, width: right - x, height: bottom - y };
}

/** The largest zoom at which every node fits a `viewport`-sized screen. */
export function fitZoom(positions: Record<string, Position>, sizeOf: (id: string) => Size, viewport: Size): number {
  const { width, height } = extent(positions, sizeOf);
  return width && height ? Math.min(viewport.width / width, viewport.height / height) : 1;
}
