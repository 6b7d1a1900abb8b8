import type { SchemaGraph } from "../schema/graph";
import { AREA_HEADER, AREA_PADDING } from "./areas";
import type { Area } from "./board";
import { extent, GAP, packColumns, relationOrder, type Position, type Size } from "./pack";
import { adjacencyOf, relationEdges } from "./relation-graph";

/**
 * The schema laid out area by area: each area's tables packed together (./pack, related
 * tables next to each other), the tables in no area as one more group, and the groups packed
 * side by side with room for each area's frame and name, so no two areas overlap. What areas
 * made from the schema need: a layout made before them scatters their tables.
 */
export function layoutByAreas(
  graph: SchemaGraph,
  areas: Area[],
  sizeOf: (id: string) => Size,
  aspect = 1.6,
): Record<string, Position> {
  const adjacency = adjacencyOf(relationEdges(graph));
  const ids = [...graph.models, ...graph.enums].map((n) => n.id);
  const known = new Set(ids);
  const inArea = new Set(areas.flatMap((area) => area.tables));
  const groups = [...areas.map((area) => area.tables.filter((id) => known.has(id))), ids.filter((id) => !inArea.has(id))].filter(
    (group) => group.length,
  );
  const frame = { x: AREA_PADDING, y: AREA_PADDING + AREA_HEADER };
  const blocks = groups.map((tables) => {
    const positions = packColumns(relationOrder(tables, adjacency), sizeOf, aspect);
    const box = extent(positions, sizeOf);
    return { positions, size: { width: box.width + 2 * frame.x + GAP, height: box.height + frame.x + frame.y + GAP } };
  });
  const placed = packColumns(
    blocks.map((_, i) => String(i)),
    (i) => blocks[Number(i)].size,
    aspect,
  );
  const positions: Record<string, Position> = {};
  blocks.forEach((block, i) => {
    const origin = placed[String(i)];
    for (const [id, at] of Object.entries(block.positions)) {
      positions[id] = { x: origin.x + frame.x + at.x, y: origin.y + frame.y + at.y };
    }
  });
  return positions;
}
