import type { SchemaGraph } from "../schema/graph";
import type { DisplayMode } from "./display";

/**
 * What the layout file keeps besides positions: areas (named, colored groups of tables, drawn
 * behind them, collapsible to one node) and saved views (a set of visible tables, hidden
 * tables and a viewport; the whole schema is the view `WHOLE_SCHEMA`, always there). The
 * file names tables; a tab holds them by id, like positions (boardById, boardByName). None
 * of it is in schema.prisma, which stays plain Prisma.
 */
export interface Area {
  id: string;
  name: string;
  color: string;
  /** The tables (and enums) in the area. */
  tables: string[];
  /** Drawn as one node with its table count; its tables' edges join it. */
  collapsed?: boolean;
  /** How much of its tables is shown, over the canvas's own mode. */
  display?: DisplayMode;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export interface SavedView {
  id: string;
  name: string;
  /** Only these are shown; every table when absent (the whole schema). */
  tables?: string[];
  /** Not shown, though in `tables` or the whole schema. */
  hidden: string[];
  /** Where the view looks; fitted to what it shows when absent. */
  viewport?: Viewport;
}

export interface Board {
  areas: Record<string, Area>;
  views: Record<string, SavedView>;
}

/** Areas and views added or changed (the value) and removed (null), by id. */
export interface BoardChanges {
  areas?: Record<string, Area | null>;
  views?: Record<string, SavedView | null>;
}

export const WHOLE_SCHEMA = "all";
export const wholeSchemaView = (hidden: string[] = []): SavedView => ({ id: WHOLE_SCHEMA, name: "Whole schema", hidden });
export const emptyBoard = (): Board => ({ areas: {}, views: { [WHOLE_SCHEMA]: wholeSchemaView() } });

/** Colors offered for an area (light, so tables and their own colors read over them). */
export const AREA_COLORS = ["#dbeafe", "#dcfce7", "#fef3c7", "#fce7f3", "#ede9fe", "#ccfbf1", "#ffedd5", "#e2e8f0"];

// Unchanged areas and views keep their objects: only the ones an edit made anew are compared by content.
const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

function changed<T>(before: Record<string, T>, after: Record<string, T>): Record<string, T | null> {
  const changes: Record<string, T | null> = {};
  for (const [id, value] of Object.entries(after)) if (!same(before[id], value)) changes[id] = value;
  for (const id of Object.keys(before)) if (!(id in after)) changes[id] = null;
  return changes;
}

/** What differs between two boards; undefined when nothing does. */
export function boardChanges(before: Board, after: Board): BoardChanges | undefined {
  const areas = changed(before.areas, after.areas);
  const views = changed(before.views, after.views);
  const changes: BoardChanges = {
    ...(Object.keys(areas).length ? { areas } : {}),
    ...(Object.keys(views).length ? { views } : {}),
  };
  return changes.areas || changes.views ? changes : undefined;
}

/** Entries by id with changes laid on: a value sets one, null removes it (positions, areas, views). */
export function applyKeyed<T>(current: Record<string, T>, changes: Record<string, T | null> | undefined): Record<string, T> {
  if (!changes) return current;
  const next = { ...current };
  for (const [id, value] of Object.entries(changes)) {
    if (value) next[id] = value;
    else delete next[id];
  }
  return next;
}

export function applyBoardChanges(board: Board, changes: BoardChanges | undefined): Board {
  if (!changes) return board;
  return { areas: applyKeyed(board.areas, changes.areas), views: applyKeyed(board.views, changes.views) };
}

const nodesOf = (graph: SchemaGraph) => [...graph.models, ...graph.enums, ...(graph.ignoredModels ?? [])];

/** Tables named in areas and views mapped through `map` (name → id or id → name), those it does not know left out. */
function mapTables(board: Board, map: Map<string, string>): Board {
  const through = (tables: string[]) => tables.flatMap((t) => (map.has(t) ? [map.get(t)!] : []));
  const areas = Object.fromEntries(
    Object.entries(board.areas).map(([id, area]) => [id, { ...area, tables: through(area.tables) }]),
  );
  const views = Object.fromEntries(
    Object.entries(board.views).map(([id, view]) => [
      id,
      { ...view, ...(view.tables ? { tables: through(view.tables) } : {}), hidden: through(view.hidden) },
    ]),
  );
  return { areas, views };
}

/** The board without the tables the graph no longer has (deleted). */
export function boardOver(graph: SchemaGraph, board: Board): Board {
  return mapTables(board, new Map(nodesOf(graph).map((n) => [n.id, n.id])));
}

/** A board read from the file (tables by name) as a tab holds it (by id). */
export function boardById(graph: SchemaGraph, byName: Board): Board {
  return mapTables(byName, new Map(nodesOf(graph).map((n) => [n.name, n.id])));
}

/** A tab's board as the file keeps it (by name); tables no longer in the graph are left out. */
export function boardByName(graph: SchemaGraph, byId: Board): Board {
  return mapTables(byId, new Map(nodesOf(graph).map((n) => [n.id, n.name])));
}
