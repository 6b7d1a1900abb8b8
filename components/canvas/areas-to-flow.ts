import type { Edge, Node, NodeChange } from "@xyflow/react";
import type { NodeView, Position } from "@/lib/layout/positions";
import { areaRect, COLLAPSED_SIZE, type Rect } from "@/lib/layout/areas";
import type { Area } from "@/lib/layout/board";
import { ENUM_WIDTH } from "@/lib/layout/sizes";
import { handleId, type SchemaFlowNode } from "./graph-to-flow";

/**
 * Areas (lib/layout/areas) as React Flow nodes. An open area is a rectangle behind its
 * tables, drawn from where they are now (so it follows them while they are dragged); a
 * collapsed one is a single node in their place, and their edges join it.
 */

export type AreaNodeData = {
  area: Area;
  /** Tables of the area on the canvas (the view may hide some). */
  count: number;
  collapsed: boolean;
  /** Where a collapsed area was drawn: a drop moves its tables by as much as it moved. */
  origin?: Position;
};
export type AreaFlowNode = Node<AreaNodeData, "area">;

export const areaNodeId = (areaId: string) => `area:${areaId}`;
export const isAreaNode = (id: string) => id.startsWith("area:");

/** A node's rectangle: measured when the browser has drawn it, else as given (an area), else estimated. */
export function rectOf(node: Node): Rect {
  return {
    x: node.position.x,
    y: node.position.y,
    width: node.measured?.width ?? node.width ?? node.initialWidth ?? ENUM_WIDTH,
    height: node.measured?.height ?? node.height ?? node.initialHeight ?? 200,
  };
}

function areaNode(area: Area, rect: Rect, count: number, collapsed: boolean): AreaFlowNode {
  return {
    id: areaNodeId(area.id),
    type: "area",
    position: { x: rect.x, y: rect.y },
    data: { area, count, collapsed, ...(collapsed ? { origin: { x: rect.x, y: rect.y } } : {}) },
    width: collapsed ? COLLAPSED_SIZE.width : rect.width,
    height: collapsed ? COLLAPSED_SIZE.height : rect.height,
    dragHandle: ".area-drag-handle",
    // Behind the tables it holds; a collapsed area is a node like a table.
    zIndex: collapsed ? 0 : -1,
    selectable: false,
    connectable: collapsed,
  };
}

/** The rectangles behind the tables of open areas, from the tables' current nodes. */
export function openAreaNodes(nodes: SchemaFlowNode[], areas: Area[]): AreaFlowNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return areas.flatMap((area) => {
    if (area.collapsed) return [];
    const rect = areaRect(area, (id) => (byId.has(id) ? rectOf(byId.get(id)!) : undefined));
    return rect ? [areaNode(area, rect, area.tables.filter((id) => byId.has(id)).length, false)] : [];
  });
}

/**
 * Collapsed areas drawn as one node each, in place of their tables: an edge from a table
 * inside joins the area (one edge per pair of ends); an edge between two tables of the same
 * area goes.
 */
export function collapseAreas(
  derived: { nodes: SchemaFlowNode[]; edges: Edge[] },
  areas: Area[],
): { nodes: (SchemaFlowNode | AreaFlowNode)[]; edges: Edge[] } {
  const collapsed = areas.filter((area) => area.collapsed);
  if (!collapsed.length) return derived;
  const byId = new Map(derived.nodes.map((n) => [n.id, n]));
  const into = new Map<string, string>();
  const areaNodes: AreaFlowNode[] = [];
  for (const area of collapsed) {
    const members = area.tables.filter((id) => byId.has(id));
    const rect = areaRect(area, (id) => (byId.has(id) ? rectOf(byId.get(id)!) : undefined));
    if (!rect) continue;
    members.forEach((id) => into.set(id, areaNodeId(area.id)));
    areaNodes.push(areaNode(area, rect, members.length, true));
  }
  const seen = new Set<string>();
  const edges = derived.edges.flatMap((edge) => {
    const source = into.get(edge.source) ?? edge.source;
    const target = into.get(edge.target) ?? edge.target;
    if (source === edge.source && target === edge.target) return [edge];
    if (source === target) return [];
    const pair = `${source}|${target}`;
    if (seen.has(pair)) return [];
    seen.add(pair);
    const side = (handle: string | null | undefined) => (handle?.endsWith(":left") ? "left" : "right");
    return [
      {
        ...edge,
        source,
        target,
        sourceHandle: source === edge.source ? edge.sourceHandle : handleId(source, side(edge.sourceHandle)),
        targetHandle: target === edge.target ? edge.targetHandle : handleId(target, side(edge.targetHandle)),
        label: undefined,
      },
    ];
  });
  return { nodes: [...areaNodes, ...derived.nodes.filter((n) => !into.has(n.id))], edges };
}

/**
 * React Flow's changes with an area's drag passed on to its tables: an open area's tables
 * move with it, frame by frame; a collapsed area's, which are not drawn, when it is dropped.
 * `moved`: the tables' places once dropped, to save.
 */
export function withAreaDrag(
  changes: NodeChange<SchemaFlowNode | AreaFlowNode>[],
  canvas: { nodes: (SchemaFlowNode | AreaFlowNode)[]; openAreas: AreaFlowNode[]; layout: Record<string, NodeView> },
): { changes: NodeChange<SchemaFlowNode | AreaFlowNode>[]; moved: Record<string, Position> } {
  const moved: Record<string, Position> = {};
  const extra: NodeChange<SchemaFlowNode | AreaFlowNode>[] = [];
  const byId = new Map(canvas.nodes.map((n) => [n.id, n]));
  for (const change of changes) {
    if (change.type !== "position" || !change.position) continue;
    const open = canvas.openAreas.find((n) => n.id === change.id);
    const area = open ?? (byId.get(change.id) as AreaFlowNode | undefined);
    if (!area || area.type !== "area") {
      if (change.dragging === false) moved[change.id] = change.position;
      continue;
    }
    const from = open ? open.position : area.data.origin!;
    const [dx, dy] = [change.position.x - from.x, change.position.y - from.y];
    for (const id of area.data.area.tables) {
      const at = open ? byId.get(id)?.position : canvas.layout[id];
      if (!at) continue;
      const position = { x: at.x + dx, y: at.y + dy };
      if (open) extra.push({ type: "position", id, position, dragging: change.dragging });
      if (change.dragging === false) moved[id] = position;
    }
  }
  return { changes: [...changes, ...extra], moved };
}
