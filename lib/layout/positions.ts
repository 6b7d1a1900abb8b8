import type { SchemaGraph } from "../schema/graph";
import { MODEL_WIDTH, nodeSize } from "./sizes";

/** Where a node sits and how it looks: the view state kept in prisma/schema.layout.json. */
export interface NodeView {
  x: number;
  y: number;
  color?: string;
}
export type Position = { x: number; y: number };

/** Where a node without a saved position goes: a square-ish grid. */
export function defaultPosition(index: number, count = 16): Position {
  const columns = Math.max(4, Math.ceil(Math.sqrt(count)));
  return { x: 40 + (index % columns) * 400, y: 40 + Math.floor(index / columns) * 420 };
}

export function viewOf(layout: Record<string, NodeView>, id: string, index: number, count: number): NodeView {
  return layout[id] ?? defaultPosition(index, count);
}

/** Where each @@ignore model goes: its saved place, or one in a row below every other node. */
export function ignoredViews(graph: SchemaGraph, layout: Record<string, NodeView>): Map<string, NodeView> {
  const ignored = graph.ignoredModels ?? [];
  const views = new Map<string, NodeView>();
  const unplaced = ignored.filter((block) => !layout[block.id]);
  const others = [...graph.models, ...graph.enums];
  const bottom = unplaced.length
    ? Math.max(0, ...others.map((node, index) => viewOf(layout, node.id, index, others.length).y + nodeSize(node).height))
    : 0;
  for (const block of ignored) {
    views.set(block.id, layout[block.id] ?? { x: 40 + unplaced.indexOf(block) * (MODEL_WIDTH + 40), y: bottom + 80 });
  }
  return views;
}

/** The layout file keys nodes by name; the canvas by id. */
export function layoutById(graph: SchemaGraph, byName: Record<string, NodeView>): Record<string, NodeView> {
  const entries = [...graph.models, ...graph.enums, ...(graph.ignoredModels ?? [])].flatMap((node) =>
    byName[node.name] ? [[node.id, byName[node.name]] as const] : [],
  );
  return Object.fromEntries(entries);
}

export function layoutByName(graph: SchemaGraph, byId: Record<string, NodeView>): Record<string, NodeView> {
  const nodes = [...graph.models, ...graph.enums];
  const ignored = ignoredViews(graph, byId);
  return Object.fromEntries([
    ...nodes.map((node, index) => [node.name, viewOf(byId, node.id, index, nodes.length)] as const),
    ...(graph.ignoredModels ?? []).map((block) => [block.name, ignored.get(block.id)!] as const),
  ]);
}
