import Graph from "graphology";
import louvain from "graphology-communities-louvain";
import type { SchemaGraph } from "../schema/graph";
import { randomId } from "../schema/random-id";
import { AREA_COLORS, type Area, type Board } from "./board";
import type { Position, Size } from "./pack";
import { adjacencyOf, relationEdges } from "./relation-graph";

/**
 * Areas (lib/layout/board): named, colored groups of tables, drawn behind them. A table is
 * in one area at most. Grouping, ungrouping, where an area is drawn, and areas made from
 * the schema itself.
 */

export type Rect = Position & Size;

/** Room around an area's tables, and above them for its name. */
export const AREA_PADDING = 32;
export const AREA_HEADER = 40;
/** A collapsed area: one node with its name and table count. */
export const COLLAPSED_SIZE: Size = { width: 260, height: 96 };

/** The rectangle an area is drawn as: around its tables (those with a rectangle), with room for its name. */
export function areaRect(area: Area, rectOf: (id: string) => Rect | undefined): Rect | undefined {
  const rects = area.tables.flatMap((id) => rectOf(id) ?? []);
  if (!rects.length) return undefined;
  const left = Math.min(...rects.map((r) => r.x)) - AREA_PADDING;
  const top = Math.min(...rects.map((r) => r.y)) - AREA_PADDING - AREA_HEADER;
  const right = Math.max(...rects.map((r) => r.x + r.width)) + AREA_PADDING;
  const bottom = Math.max(...rects.map((r) => r.y + r.height)) + AREA_PADDING;
  return { x: left, y: top, width: right - left, height: bottom - top };
}

const newId = () => `area-${randomId().slice(0, 8)}`;

/** Tables out of every area but `keep`; an area left empty goes. */
function without(areas: Record<string, Area>, ids: Set<string>): Record<string, Area> {
  return Object.fromEntries(
    Object.values(areas).flatMap((area) => {
      const tables = area.tables.filter((id) => !ids.has(id));
      return tables.length ? [[area.id, { ...area, tables }]] : [];
    }),
  );
}

/** The tables grouped into a new area (out of any they were in), named and colored after the areas before it. */
export function groupIntoArea(board: Board, ids: string[], name?: string): { board: Board; id: string } {
  const count = Object.keys(board.areas).length;
  const area: Area = {
    id: newId(),
    name: name?.trim() || `Area ${count + 1}`,
    color: AREA_COLORS[count % AREA_COLORS.length],
    tables: [...new Set(ids)],
  };
  return { board: { ...board, areas: { ...without(board.areas, new Set(ids)), [area.id]: area } }, id: area.id };
}

/** The area gone; its tables stay where they are. */
export function ungroup(board: Board, id: string): Board {
  const { [id]: _gone, ...areas } = board.areas;
  return { ...board, areas };
}

export function updateArea(board: Board, id: string, change: Partial<Omit<Area, "id" | "tables">>): Board {
  const area = board.areas[id];
  return area ? { ...board, areas: { ...board.areas, [id]: { ...area, ...change } } } : board;
}

/** `/// @namespace Name` on a model: prisma-markdown's convention for splitting a big schema's diagram. */
const NAMESPACE = /@namespace\s+([^\s*]+)/;

function byNamespace(graph: SchemaGraph): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const model of graph.models) {
    const name = model.documentation?.match(NAMESPACE)?.[1];
    if (name) groups.set(name, [...(groups.get(name) ?? []), model.id]);
  }
  return groups;
}

/** Groups of related tables: connected components, or, when one component holds most, its Louvain clusters. */
function byRelations(graph: SchemaGraph): { groups: string[][]; how: "components" | "clusters" } {
  const relations = new Graph({ type: "undirected", multi: false });
  for (const node of [...graph.models, ...graph.enums]) relations.addNode(node.id);
  for (const [a, neighbours] of adjacencyOf(relationEdges(graph))) for (const b of neighbours) relations.mergeEdge(a, b);
  const seen = new Set<string>();
  const components: string[][] = [];
  for (const start of relations.nodes()) {
    if (seen.has(start) || !relations.degree(start)) continue;
    const queue = [start];
    seen.add(start);
    for (let i = 0; i < queue.length; i++)
      relations.forEachNeighbor(queue[i], (next) => void (!seen.has(next) && (seen.add(next), queue.push(next))));
    components.push(queue);
  }
  const largest = Math.max(0, ...components.map((c) => c.length));
  if (components.length > 1 && largest <= 0.6 * relations.order) return { groups: components, how: "components" };
  if (!relations.size) return { groups: [], how: "clusters" };
  // A fixed seed: the same schema gives the same areas.
  let seed = 1;
  const rng = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const community = louvain(relations, { rng });
  const clusters = new Map<number, string[]>();
  for (const [id, c] of Object.entries(community)) if (relations.degree(id)) clusters.set(c, [...(clusters.get(c) ?? []), id]);
  return { groups: [...clusters.values()].filter((group) => group.length > 1), how: "clusters" };
}

/**
 * Areas made from the schema: one per `/// @namespace` tag where the schema has them; else one
 * per connected part of the relation graph, or one per cluster of it (Louvain) when a single
 * part holds most tables. Each relation area is named after its most connected table.
 */
export function areasFromSchema(graph: SchemaGraph): { areas: Area[]; how: "namespaces" | "components" | "clusters" } {
  const names = new Map([...graph.models, ...graph.enums].map((n) => [n.id, n.name]));
  const color = (i: number) => AREA_COLORS[i % AREA_COLORS.length];
  const tagged = byNamespace(graph);
  if (tagged.size) {
    const areas = [...tagged].map(([name, tables], i) => ({ id: newId(), name, color: color(i), tables }));
    return { areas, how: "namespaces" };
  }
  const { groups, how } = byRelations(graph);
  const degree = adjacencyOf(relationEdges(graph));
  const hub = (group: string[]) =>
    group.reduce((best, id) => ((degree.get(id)?.length ?? 0) > (degree.get(best)?.length ?? 0) ? id : best));
  const areas = [...groups]
    .sort((a, b) => b.length - a.length)
    .map((tables, i) => ({ id: newId(), name: names.get(hub(tables)) ?? `Area ${i + 1}`, color: color(i), tables }));
  return { areas, how };
}
