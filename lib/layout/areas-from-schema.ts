import Graph from "graphology";
import louvain from "graphology-communities-louvain";
import type { SchemaGraph } from "../schema/graph";
import { newAreaId } from "./areas";
import { AREA_COLORS, type Area } from "./board";
import { adjacencyOf, relationEdges } from "./relation-graph";

/**
 * Areas made from the schema itself: prisma-markdown's `/// @namespace` tags, else one area per
 * connected part, else Louvain clusters of the relations (graphology). The page loads this
 * module when "Areas from the schema" is chosen, not with the page.
 */

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
    const areas = [...tagged].map(([name, tables], i) => ({ id: newAreaId(), name, color: color(i), tables }));
    return { areas, how: "namespaces" };
  }
  const { groups, how } = byRelations(graph);
  const degree = adjacencyOf(relationEdges(graph));
  const hub = (group: string[]) =>
    group.reduce((best, id) => ((degree.get(id)?.length ?? 0) > (degree.get(best)?.length ?? 0) ? id : best));
  const areas = [...groups]
    .sort((a, b) => b.length - a.length)
    .map((tables, i) => ({ id: newAreaId(), name: names.get(hub(tables)) ?? `Area ${i + 1}`, color: color(i), tables }));
  return { areas, how };
}
