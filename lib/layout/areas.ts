import { randomId } from "../schema/random-id";
import { AREA_COLORS, type Area, type Board } from "./board";
import type { Position, Size } from "./pack";

/**
 * Areas (lib/layout/board): named, colored groups of tables, drawn behind them. A table is
 * in one area at most. Grouping, ungrouping and where an area is drawn; areas made from the
 * schema itself are in areas-from-schema.ts, loaded when asked for (it brings graphology).
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

export const newAreaId = () => `area-${randomId().slice(0, 8)}`;

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
    id: newAreaId(),
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
