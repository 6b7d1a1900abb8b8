import type { Edge, Node } from "@xyflow/react";
import type { Enum, IgnoredModel, Model, SchemaGraph } from "@/lib/schema/graph";
import { ignoredViews, viewOf, type NodeView } from "@/lib/layout/positions";
import type { DisplayMode } from "@/lib/layout/display";
import { nodeSize } from "@/lib/layout/sizes";
import { relationNameOf, type RelationKind } from "@/lib/schema/relations";

export type ModelNodeData = {
  model: Model;
  color?: string;
  /** Names of enums, for the type picker. */
  enumNames: string[];
  /** Field names that are foreign keys of a relation. */
  foreignKeys: string[];
  problems: Record<string, string[]>;
  focusedId?: string;
  /** A model marked @@ignore: shown with its fields, kept as written, not edited. */
  ignored?: boolean;
  /** How much of the table is shown (lib/layout/display). */
  display?: DisplayMode;
};
export type EnumNodeData = { enumeration: Enum; color?: string; problems: Record<string, string[]> };
export type ModelFlowNode = Node<ModelNodeData, "model">;
export type EnumFlowNode = Node<EnumNodeData, "enum">;
export type SchemaFlowNode = ModelFlowNode | EnumFlowNode;

export type RelationEdgeData = { modelId: string; fieldId: string; kind: string };

/** Each field row has a handle on either side; an edge uses the sides that face each other. */
export const handleId = (fieldId: string, side: "left" | "right") => `${fieldId}:${side}`;
export const fieldIdOfHandle = (handle: string | null | undefined) => handle?.replace(/:(left|right)$/, "");

const NO_PROBLEMS: Record<string, string[]> = Object.freeze({}) as Record<string, string[]>;

// The same model object for the same ignored block, so its node stays equal from one edit to the next.
const ignoredAsModel = new WeakMap<IgnoredModel, Model>();

/** An @@ignore block as a model whose rows are all kept fields, for the canvas. */
function asModel(ignored: IgnoredModel): Model {
  let model = ignoredAsModel.get(ignored);
  if (!model) {
    model = {
      id: ignored.id,
      name: ignored.name,
      fields: [],
      verbatimFields: ignored.fields.map((field) => ({
        id: `field:${ignored.name}.${field.name}`,
        name: field.name,
        text: `${field.name} ${field.type}`,
        type: field.type,
        reason: "ignored" as const,
      })),
      uniques: [],
      indexes: [],
    };
    ignoredAsModel.set(ignored, model);
  }
  return model;
}

/**
 * Each model's node as last derived, with what it was derived from: a schema of 5,044 models
 * changes one or two per edit, and the rest are given back as they were (the canvas then
 * keeps them without comparing them).
 */
const modelNodes = new WeakMap<Model, { key: unknown[]; node: ModelFlowNode }>();

/** The problems of one node's own elements; the same empty object when it has none, so unchanged nodes stay equal. */
function problemsOf(problems: Record<string, string[]>, ids: string[]): Record<string, string[]> {
  const own = ids.filter((id) => problems[id]?.length);
  return own.length ? Object.fromEntries(own.map((id) => [id, problems[id]])) : NO_PROBLEMS;
}

/**
 * The graph as React Flow nodes and edges: one node per model, enum and @@ignore model, one
 * edge per relation, drawn from the foreign-key row to the referenced row with crow's-foot ends.
 */
export function graphToFlow(
  graph: SchemaGraph,
  layout: Record<string, NodeView>,
  options: {
    problems?: Record<string, string[]>;
    focusedId?: string;
    /** Zoomed far out, nodes draw no rows: edges join the tables themselves. */
    summary?: boolean;
    /** How much of each table is shown (lib/layout/display); edges attach to rows shown. */
    display?: DisplayMode;
    /** Tables shown otherwise than `display` (those of an area with its own mode). */
    displayOf?: Record<string, DisplayMode>;
  } = {},
): { nodes: SchemaFlowNode[]; edges: Edge[] } {
  const { problems = {}, focusedId, display = "all", displayOf = {} } = options;
  const modeOf = (id: string) => displayOf[id] ?? display;
  /** A table drawn by its name alone: its edges join the table itself. */
  const nameOnly = (id: string) => options.summary || modeOf(id) === "names";
  const enumNames = graph.enums.map((e) => e.name);
  const enumKey = enumNames.join("\n");
  const count = graph.models.length + graph.enums.length;
  const noProblems = !Object.keys(problems).length;
  const nodes: SchemaFlowNode[] = graph.models.map((model, index) => {
    const view = viewOf(layout, model.id, index, count);
    const own = noProblems
      ? NO_PROBLEMS
      : problemsOf(problems, [model.id, ...model.fields.map((f) => f.id), ...(model.verbatimFields ?? []).map((f) => f.id)]);
    const focused = focusedId !== undefined && model.fields.some((f) => f.id === focusedId) ? focusedId : undefined;
    const mode = modeOf(model.id);
    // What the node is made of, besides the model itself: the same, and it is the same node object.
    const key = [view.x, view.y, view.color, enumKey, mode, own, focused];
    const cached = modelNodes.get(model);
    if (cached && cached.key.every((part, i) => part === key[i])) return cached.node;
    const node: ModelFlowNode = {
      id: model.id,
      type: "model",
      position: { x: view.x, y: view.y },
      data: {
        model,
        color: view.color,
        enumNames,
        foreignKeys: model.fields.flatMap((f) => f.relation?.fields ?? []),
        display: mode,
        problems: own,
        focusedId: focused,
      },
      dragHandle: ".model-drag-handle",
      // A view is read-only (Prisma does not migrate it): kept as written, not deleted from the canvas.
      ...(model.isView ? { deletable: false } : {}),
      // Used to fit and cull nodes before the browser has measured them.
      initialWidth: nodeSize(model).width,
      initialHeight: nodeSize(model).height,
    };
    modelNodes.set(model, { key, node });
    return node;
  });
  graph.enums.forEach((enumeration, index) => {
    const view = viewOf(layout, enumeration.id, graph.models.length + index, count);
    nodes.push({
      id: enumeration.id,
      type: "enum",
      position: { x: view.x, y: view.y },
      data: { enumeration, color: view.color, problems: problemsOf(problems, [enumeration.id]) },
      dragHandle: ".model-drag-handle",
    });
  });
  const ignored = ignoredViews(graph, layout);
  for (const block of graph.ignoredModels ?? []) {
    const view = ignored.get(block.id)!;
    nodes.push({
      id: block.id,
      type: "model",
      position: { x: view.x, y: view.y },
      data: {
        model: asModel(block),
        color: view.color,
        enumNames,
        foreignKeys: [],
        problems: problemsOf(problems, [block.id]),
        ignored: true,
      },
      dragHandle: ".model-drag-handle",
      // Kept as written: not deleted from the canvas, not joined by a drawn relation.
      deletable: false,
      connectable: false,
      initialWidth: nodeSize(block).width,
      initialHeight: nodeSize(block).height,
    });
  }

  const positionOf = new Map(nodes.map((n) => [n.id, n.position]));
  const modelByName = new Map(graph.models.map((m) => [m.name, m]));
  const modelOrder = new Map(graph.models.map((m, i) => [m.id, i]));
  const edges: Edge[] = [];
  for (const model of graph.models) {
    for (const field of model.fields) {
      if (field.kind !== "object") continue;
      const relation = field.relation;
      const target = modelByName.get(field.type);
      if (!target) continue;
      const name = relationNameOf(model, field);
      const opposite = target.fields.find(
        (f) => f.id !== field.id && f.kind === "object" && f.type === model.name && relationNameOf(target, f) === name,
      );
      let fromFieldId: string | undefined;
      let toFieldId: string | undefined;
      let kind: RelationKind;
      if (relation?.fields?.length) {
        fromFieldId = model.fields.find((f) => f.name === relation.fields![0])?.id;
        toFieldId = target.fields.find((f) => f.name === relation.references?.[0])?.id;
        kind = opposite && !opposite.list ? "one-to-one" : "one-to-many";
      } else {
        // Only many-to-many relations draw from a side without a foreign key: once, from the first model.
        if (!opposite || !field.list || !opposite.list) continue;
        const before =
          model.id === target.id
            ? model.fields.indexOf(field) < model.fields.indexOf(opposite)
            : modelOrder.get(model.id)! < modelOrder.get(target.id)!;
        if (!before) continue;
        fromFieldId = field.id;
        toFieldId = opposite.id;
        kind = "many-to-many";
      }
      if (!fromFieldId || !toFieldId) continue;
      const self = model.id === target.id;
      const leftToRight = self || positionOf.get(model.id)!.x <= positionOf.get(target.id)!.x;
      if (nameOnly(model.id)) fromFieldId = model.id;
      if (nameOnly(target.id)) toFieldId = target.id;
      edges.push({
        id: field.id,
        source: model.id,
        sourceHandle: handleId(fromFieldId, leftToRight ? "right" : "left"),
        target: target.id,
        targetHandle: handleId(toFieldId, self ? "right" : leftToRight ? "left" : "right"),
        type: "smoothstep",
        selected: focusedId === field.id,
        markerStart: kind === "one-to-one" ? "crow-one" : "crow-many",
        markerEnd:
          kind === "many-to-many" ? "crow-many" : relation?.fields?.length && field.optional ? "crow-zero-one" : "crow-one",
        label: relation?.onDelete ? `on delete ${relation.onDelete}` : undefined,
        labelStyle: { fontSize: 10 },
        ariaLabel: `Relation ${model.name}.${field.name} to ${target.name} (${kind})`,
        data: { modelId: model.id, fieldId: field.id, kind } satisfies RelationEdgeData,
      });
    }
  }
  return { nodes, edges };
}
