import type { SchemaGraph } from "@/lib/schema/graph";
import * as operations from "@/lib/schema/operations";
import { connectModels } from "@/lib/schema/relations";
import { layoutByName, layoutById, viewOf, type Position } from "@/lib/layout/positions";
import { boardById, boardByName, boardOver } from "@/lib/layout/board";
import { freeSpotNear } from "./free-spot";
import type { Design } from "./sync-client";

/**
 * The designer's edits of a design (schema and positions), as plain functions: each takes
 * the design and gives the next one, for undo to record and the sync to send. Where a new
 * node lands is decided here; where the view is (`center`) is the caller's to say.
 */

/** A new table or enum at `at`, or on a free spot near `center`. */
export function addNode(design: Design, kind: "table" | "enum", place: { at?: Position; center: Position }): Design {
  const result = kind === "table" ? operations.addModel(design.graph) : operations.addEnum(design.graph);
  const created = "model" in result ? result.model.id : result.enumId;
  const at = place.at ?? freeSpotNear(place.center, Object.values(design.layout));
  return { ...design, graph: result.graph, layout: { ...design.layout, [created]: at } };
}

/** Copies of the models, each on a free spot near its original; `firstCopy` is where the first landed. */
export function duplicateModels(design: Design, modelIds: string[]): { design: Design; firstCopy?: Position } {
  const { graph, copies } = operations.duplicateModels(design.graph, modelIds);
  const layout = { ...design.layout };
  let firstCopy: Position | undefined;
  copies.forEach((copy, i) => {
    const source = design.graph.models.findIndex((m) => m.id === modelIds[i]);
    const from = viewOf(design.layout, modelIds[i], source, design.graph.models.length);
    const spot = freeSpotNear({ x: from.x + 48, y: from.y + 48 }, Object.values(layout));
    layout[copy.id] = { ...from, ...spot };
    firstCopy ??= spot;
  });
  return { design: { ...design, graph, layout }, firstCopy };
}

/** A node's color set, or cleared (`undefined`). */
export function setColor(design: Design, id: string, color: string | undefined): Design {
  const index = [...design.graph.models, ...design.graph.enums].findIndex((n) => n.id === id);
  const view = viewOf(design.layout, id, index, design.graph.models.length + design.graph.enums.length);
  const { color: _old, ...rest } = view;
  return { ...design, layout: { ...design.layout, [id]: color ? { ...rest, color } : rest } };
}

/** Models and enums removed, with the relations to them, their positions and their places in areas and views. */
export function deleteNodes(design: Design, ids: string[]): Design {
  let graph = design.graph;
  for (const id of ids) {
    if (graph.models.some((m) => m.id === id)) graph = operations.deleteModel(graph, id);
    else if (graph.enums.some((e) => e.id === id)) graph = operations.deleteEnum(graph, id);
  }
  const layout = { ...design.layout };
  for (const id of ids) delete layout[id];
  return { graph, layout, board: boardOver(graph, design.board) };
}

/** Nodes moved to where they were dropped (colors kept). */
export function moveNodes(design: Design, moved: Record<string, Position>): Design {
  const layout = { ...design.layout };
  for (const [id, position] of Object.entries(moved)) layout[id] = { ...layout[id], x: position.x, y: position.y };
  return { ...design, layout };
}

/** A relation dragged from one model (or one of its fields) to another; the new relation field's id. */
export function connect(
  design: Design,
  connection: { fromModelId: string; fromFieldId?: string; toModelId: string },
): { design: Design; relationFieldId: string } {
  const result = connectModels(design.graph, connection);
  return { design: { ...design, graph: result.graph }, relationFieldId: result.relationFieldId };
}

/** Positions from the automatic layout, colors kept. */
export function arrange(design: Design, positions: Record<string, Position>): Design {
  return {
    ...design,
    layout: Object.fromEntries(Object.entries(positions).map(([id, p]) => [id, { ...design.layout[id], ...p }])),
  };
}

/** The schema as edited in the text panel: positions, areas and views follow names; a node the text adds lands near `center`. */
export function replaceGraph(design: Design, next: SchemaGraph, center: Position): Design {
  const layout = layoutById(next, layoutByName(design.graph, design.layout));
  const known = new Set([...design.graph.models, ...design.graph.enums].map((n) => n.name));
  for (const node of [...next.models, ...next.enums]) {
    if (!known.has(node.name)) layout[node.id] = freeSpotNear(center, Object.values(layout));
  }
  return { graph: next, layout, board: boardById(next, boardByName(design.graph, design.board)) };
}
