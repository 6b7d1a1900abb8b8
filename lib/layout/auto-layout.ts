import type { ElkNode } from "elkjs/lib/elk-api";
import type { SchemaGraph } from "../schema/graph";
import { extent, fitZoom, packColumns, relationOrder, type Position, type Size } from "./pack";
import { adjacencyOf, relationEdges, type Edge } from "./relation-graph";
import { nodeSize } from "./sizes";
import { READABLE_ZOOM } from "./zoom";

/** The part of ELK this uses, so tests and the server can hand in their own instance. */
export interface ElkEngine {
  layout(graph: ElkNode): Promise<ElkNode>;
}

/** The screen a first open is laid out for: a laptop's canvas, 1.6 times as wide as tall. */
export const VIEWPORT = { width: 1440, height: 900 };
const ASPECT = VIEWPORT.width / VIEWPORT.height;
/**
 * Above this many nodes (tables and enums) ELK is not asked. Its drawing never fitted the
 * screen larger than the packing's there: not on the corpus (civitai's 423 nodes: packed,
 * after 0.9 s of ELK on a cold server), nor on generated chains (600 tables: 0.126 against
 * 0.127) and trees; and it cost 0.3-1.7 s of a first open (2 s at 5,044).
 */
const LAYERED_LIMIT = 300;
/** Up to this many nodes ELK minimizes crossings as thoroughly as it can by default. */
const THOROUGH_LIMIT = 100;

/**
 * ELK's layered algorithm: relations flow left to right from the referenced table to the
 * tables that point at it; with `wrap`, a long chain wraps into rows to fill the viewport's shape; parts
 * with no relations between them are laid out apart and packed. Brandes-Köpf placement:
 * network simplex took 6 s on civitai's 302 tables (1.5 s this way) and 23 s on a
 * 1,000-table chain once wrapped (0.5 s).
 */
async function layered(elk: ElkEngine, ids: string[], sizeOf: (id: string) => Size, edges: Edge[], wrap: boolean) {
  const result = await elk.layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.spacing.nodeNode": "48",
      "elk.layered.spacing.nodeNodeBetweenLayers": "96",
      "elk.separateConnectedComponents": "true",
      "elk.spacing.componentComponent": "80",
      "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
      ...(wrap ? { "elk.aspectRatio": String(ASPECT), "elk.layered.wrapping.strategy": "MULTI_EDGE" } : {}),
      // One pass of crossing minimization instead of seven above a hundred tables: half the
      // time (civitai: 1.0 s to 0.5 s), where a layered drawing is rarely kept (./pack wins).
      ...(ids.length > THOROUGH_LIMIT ? { "elk.layered.thoroughness": "1" } : {}),
    },
    children: ids.map((id) => ({ id, ...sizeOf(id) })),
    edges,
  });
  return Object.fromEntries(
    (result.children ?? []).map((node) => [node.id, { x: Math.round(node.x ?? 0), y: Math.round(node.y ?? 0) }]),
  );
}

/**
 * Whether the tables could fit a screen at READABLE_ZOOM at all: their own area is a lower
 * bound on any drawing's. When it cannot, the unwrapped drawing need not be made to find out
 * (a 1,000-table chain: one ELK run instead of two, ~0.8 s of a cold server's first open).
 */
function readableWhole(ids: string[], sizeOf: (id: string) => Size): boolean {
  const area = ids.reduce((sum, id) => sum + sizeOf(id).width * sizeOf(id).height, 0);
  return area <= (VIEWPORT.width / READABLE_ZOOM) * (VIEWPORT.height / READABLE_ZOOM);
}

/**
 * Positions for every model and enum (@@ignore models too), laid out to be read at first
 * open. ELK's layered drawing reads best (each relation points one way), but it stacks the
 * tables that point at a hub in one column: civitai's came out 25,000 × 87,000 px, fitted at
 * zoom 0.01. So it is kept only when it can be shown at least half as large as the packed
 * layout (./pack: columns filling the viewport's shape, related tables together); otherwise,
 * and above LAYERED_LIMIT nodes, the tables are packed.
 */
export async function autoLayout(
  elk: ElkEngine,
  graph: SchemaGraph,
  measured: Record<string, Size> = {},
): Promise<Record<string, Position>> {
  const nodes = [...graph.models, ...graph.enums, ...(graph.ignoredModels ?? [])];
  const sizes = new Map(nodes.map((node) => [node.id, measured[node.id] ?? nodeSize(node)]));
  const sizeOf = (id: string) => sizes.get(id)!;
  const ids = nodes.map((node) => node.id);
  const edges = relationEdges(graph);
  const packed = () => packColumns(relationOrder(ids, adjacencyOf(edges)), sizeOf, ASPECT);
  if (ids.length > LAYERED_LIMIT) return packed();
  let drawn: Record<string, Position>;
  if (readableWhole(ids, sizeOf)) {
    drawn = await layered(elk, ids, sizeOf, edges, false);
    // Readable as it is (the tutorial's two tables side by side): kept.
    if (fitZoom(drawn, sizeOf, VIEWPORT) >= READABLE_ZOOM) return drawn;
    // Too wide (a long chain): wrapped into rows. Too tall (a hub's column) cannot be wrapped.
    const { width, height } = extent(drawn, sizeOf);
    if (width / height > ASPECT) drawn = await layered(elk, ids, sizeOf, edges, true);
  } else {
    // ELK wraps only a drawing wider than ASPECT (on every corpus schema, a taller one comes
    // back the same), so one wrapped run gives what the two runs above would.
    drawn = await layered(elk, ids, sizeOf, edges, true);
  }
  const columns = packed();
  return fitZoom(drawn, sizeOf, VIEWPORT) >= 0.5 * fitZoom(columns, sizeOf, VIEWPORT) ? drawn : columns;
}
