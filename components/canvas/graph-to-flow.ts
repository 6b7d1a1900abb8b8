import type { Edge, Node } from "@xyflow/react";
import type { Field, Model, SchemaGraph } from "@/lib/schema/graph";

/** What a table node draws: its model, and the problems Prisma found in it. */
export type ModelNodeData = {
  model: Model;
  /** Names of enums, for the type picker. */
  enumNames: string[];
  /** Field names that are foreign keys of a relation. */
  foreignKeys: string[];
  problems: Record<string, string[]>;
};
export type ModelFlowNode = Node<ModelNodeData, "model">;

export interface Position {
  x: number;
  y: number;
}

/** Each field row has a handle on either side; an edge uses the sides that face each other. */
export const handleId = (fieldId: string, side: "left" | "right") => `${fieldId}:${side}`;

/** Where a model without a saved position goes: a grid, left to right. */
export function defaultPosition(index: number): Position {
  return { x: 40 + (index % 4) * 420, y: 40 + Math.floor(index / 4) * 360 };
}

function foreignKeysOf(model: Model): string[] {
  return model.fields.flatMap((f) => f.relation?.fields ?? []);
}

/**
 * The graph as React Flow nodes and edges: one node per model, one edge per relation,
 * drawn from the foreign-key field's row to the referenced field's row.
 */
export function graphToFlow(
  graph: SchemaGraph,
  positions: Record<string, Position>,
  problems: Record<string, string[]> = {},
): { nodes: ModelFlowNode[]; edges: Edge[] } {
  const enumNames = graph.enums.map((e) => e.name);
  const nodes: ModelFlowNode[] = graph.models.map((model, index) => ({
    id: model.id,
    type: "model",
    position: positions[model.id] ?? defaultPosition(index),
    data: { model, enumNames, foreignKeys: foreignKeysOf(model), problems },
    dragHandle: ".model-drag-handle",
  }));
  const byName = new Map(graph.models.map((m) => [m.name, m]));
  const positionOf = new Map(nodes.map((n) => [n.id, n.position]));
  const edges: Edge[] = [];
  for (const model of graph.models) {
    for (const field of model.fields) {
      const relation = field.relation;
      if (field.kind !== "object" || !relation?.fields?.length) continue;
      const target = byName.get(field.type);
      const fromField = model.fields.find((f) => f.name === relation.fields![0]);
      const toField: Field | undefined = target?.fields.find((f) => f.name === relation.references?.[0]);
      if (!target || !fromField || !toField) continue;
      const leftToRight = positionOf.get(model.id)!.x <= positionOf.get(target.id)!.x;
      edges.push({
        id: field.id,
        source: model.id,
        sourceHandle: handleId(fromField.id, leftToRight ? "right" : "left"),
        target: target.id,
        targetHandle: handleId(toField.id, leftToRight ? "left" : "right"),
        label: relation.onDelete ? `on delete ${relation.onDelete}` : undefined,
        labelStyle: { fontSize: 10 },
        type: "smoothstep",
        data: { relationField: field.name },
      });
    }
  }
  return { nodes, edges };
}
