import type { SchemaGraph } from "../schema/graph";
import type { Adjacency } from "./pack";

/** The relations between a schema's nodes, as the layouts see them (no direction needed but ELK's). */
export type Edge = { id: string; sources: string[]; targets: string[] };

/** One edge per relation with a foreign key (referenced → referencing) and per enum use (enum → model). */
export function relationEdges(graph: SchemaGraph): Edge[] {
  const byName = new Map(graph.models.map((m) => [m.name, m.id]));
  const enumByName = new Map(graph.enums.map((e) => [e.name, e.id]));
  const edges: Edge[] = [];
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
  return edges;
}

export function adjacencyOf(edges: Edge[]): Adjacency {
  const adjacency: Adjacency = new Map();
  const link = (a: string, b: string) => adjacency.set(a, [...(adjacency.get(a) ?? []), b]);
  for (const edge of edges) {
    link(edge.sources[0], edge.targets[0]);
    link(edge.targets[0], edge.sources[0]);
  }
  return adjacency;
}
