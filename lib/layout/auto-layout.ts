import type { ElkNode } from "elkjs/lib/elk-api";
import type { SchemaGraph } from "../schema/graph";
import { estimatedSize } from "./sizes";

/** The part of ELK this uses, so tests and the server can hand in their own instance. */
export interface ElkEngine {
  layout(graph: ElkNode): Promise<ElkNode>;
}

/**
 * Positions for every model and enum (@@ignore models too), computed by ELK's layered algorithm: relations
 * flow left to right from the referenced table to the tables that point at it; parts of
 * the schema with no relations between them are laid out apart and packed.
 */
export async function autoLayout(
  elk: ElkEngine,
  graph: SchemaGraph,
  measured: Record<string, { width: number; height: number }> = {},
): Promise<Record<string, { x: number; y: number }>> {
  const byName = new Map(graph.models.map((m) => [m.name, m.id]));
  const enumByName = new Map(graph.enums.map((e) => [e.name, e.id]));
  const edges: { id: string; sources: string[]; targets: string[] }[] = [];
  for (const model of graph.models) {
    for (const field of model.fields) {
      const target =
        field.kind === "object" && field.relation?.fields?.length
          ? byName.get(field.type)
          : field.kind === "enum"
            ? enumByName.get(field.type)
            : undefined;
      if (target && target !== model.id) edges.push({ id: `${field.id}`, sources: [target], targets: [model.id] });
    }
  }
  const ids = [...graph.models, ...graph.enums, ...(graph.ignoredModels ?? [])].map((node) => node.id);
  const result = await elk.layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.spacing.nodeNode": "48",
      "elk.layered.spacing.nodeNodeBetweenLayers": "96",
      "elk.separateConnectedComponents": "true",
      "elk.spacing.componentComponent": "80",
      "elk.layered.nodePlacement.strategy": "NETWORK_SIMPLEX",
    },
    children: ids.map((id) => ({ id, ...(measured[id] ?? estimatedSize(graph, id)) })),
    edges,
  });
  return Object.fromEntries(
    (result.children ?? []).map((node) => [node.id, { x: Math.round(node.x ?? 0), y: Math.round(node.y ?? 0) }]),
  );
}
