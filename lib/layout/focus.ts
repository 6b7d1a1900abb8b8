import type { SchemaGraph } from "../schema/graph";
import type { Position, Size } from "./pack";
import { adjacencyOf, relationEdges } from "./relation-graph";
import { nodeSize } from "./sizes";
import { onlyNodes } from "./views";

/**
 * "Show neighbours": one table (or enum) and the nodes within `depth` relations of it, laid
 * out around it, everything else hidden until cleared (ChartDB's "one table plus its
 * relations", Liam's related tables). The positions are the view's own: the layout file keeps
 * the whole schema's.
 */
export interface Neighbours {
  id: string;
  depth: 1 | 2 | 3;
}

/** The nodes within `depth` relations of `id` (either way), by distance: [[id], [first ring], ...]. */
export function neighbourhood(graph: SchemaGraph, id: string, depth: number): string[][] {
  const adjacency = adjacencyOf(relationEdges(graph));
  const rings = [[id]];
  const seen = new Set([id]);
  for (let distance = 1; distance <= depth; distance++) {
    const ring = [...new Set(rings[distance - 1].flatMap((node) => adjacency.get(node) ?? []))].filter((n) => !seen.has(n));
    if (!ring.length) break;
    ring.forEach((n) => seen.add(n));
    rings.push(ring);
  }
  return rings;
}

const GAP = 80;

/**
 * The rings around the centre: each ring's nodes evenly on a circle wide enough to hold them
 * side by side and to clear the ring inside it. Positions are top-left corners.
 */
function ringLayout(rings: string[][], sizeOf: (id: string) => Size): Record<string, Position> {
  const positions: Record<string, Position> = {};
  const centre = sizeOf(rings[0][0]);
  positions[rings[0][0]] = { x: -centre.width / 2, y: -centre.height / 2 };
  let radius = 0;
  let inner = Math.max(centre.width, centre.height) / 2;
  for (const ring of rings.slice(1)) {
    const largest = Math.max(...ring.map((id) => Math.max(sizeOf(id).width, sizeOf(id).height)));
    const around = ring.reduce((sum, id) => sum + sizeOf(id).width + GAP, 0) / (2 * Math.PI);
    radius = Math.max(radius + inner + largest / 2 + GAP, around);
    ring.forEach((id, i) => {
      const angle = (2 * Math.PI * i) / ring.length - Math.PI / 2;
      const { width, height } = sizeOf(id);
      positions[id] = {
        x: Math.round(radius * Math.cos(angle) - width / 2),
        y: Math.round(radius * Math.sin(angle) - height / 2),
      };
    });
    inner = largest / 2;
  }
  return positions;
}

/** What the canvas draws in focus: the nodes shown and where. */
export interface FocusView {
  graph: SchemaGraph;
  positions: Record<string, Position>;
}

/** The focus view; null when the node is gone (deleted, undone). */
export function focusView(graph: SchemaGraph, focus: Neighbours): FocusView | null {
  if (![...graph.models, ...graph.enums].some((node) => node.id === focus.id)) return null;
  const rings = neighbourhood(graph, focus.id, focus.depth);
  const shown = onlyNodes(graph, new Set(rings.flat()));
  const nodes = new Map([...shown.models, ...shown.enums, ...(shown.ignoredModels ?? [])].map((n) => [n.id, nodeSize(n)]));
  return { graph: shown, positions: ringLayout(rings, (id) => nodes.get(id)!) };
}
