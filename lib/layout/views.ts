import type { SchemaGraph } from "../schema/graph";
import { randomId } from "../schema/random-id";
import type { Rect } from "./areas";
import { WHOLE_SCHEMA, type Board, type SavedView, type Viewport } from "./board";
import { extent, type Position } from "./pack";
import { nodeSize } from "./sizes";

/**
 * Saved views and hidden tables (lib/layout/board): which nodes a view shows, and the
 * edits of a board that save, delete, hide and show. Hidden tables stay in the schema, the
 * Text panel, Migrate and the grid: only the canvas leaves them out.
 */

/** The graph with only the given nodes (the same model and enum objects, so their nodes stay equal). */
export function onlyNodes(graph: SchemaGraph, ids: Set<string>): SchemaGraph {
  return {
    ...graph,
    models: graph.models.filter((m) => ids.has(m.id)),
    enums: graph.enums.filter((e) => ids.has(e.id)),
    ignoredModels: (graph.ignoredModels ?? []).filter((m) => ids.has(m.id)),
  };
}

const nodeIds = (graph: SchemaGraph) => [...graph.models, ...graph.enums, ...(graph.ignoredModels ?? [])].map((n) => n.id);

/** What a view shows of the graph: its tables (every one for the whole schema) but the hidden. */
export function viewGraph(graph: SchemaGraph, view: SavedView): SchemaGraph {
  if (!view.hidden.length && !view.tables) return graph;
  const hidden = new Set(view.hidden);
  const listed = view.tables && new Set(view.tables);
  return onlyNodes(graph, new Set(nodeIds(graph).filter((id) => !hidden.has(id) && (!listed || listed.has(id)))));
}

/**
 * The rectangle around the tables a view shows, at their places in `layout` (by id) and their
 * estimated sizes: a view without a viewport of its own is fitted to it before it is drawn,
 * so its tables are not first drawn where the previous view looked.
 */
export function viewBounds(graph: SchemaGraph, view: SavedView, layout: Record<string, Position>): Rect | undefined {
  const shown = viewGraph(graph, view);
  const placed = [...shown.models, ...shown.enums, ...(shown.ignoredModels ?? [])].filter((node) => layout[node.id]);
  if (!placed.length) return undefined;
  const sizes = new Map(placed.map((node) => [node.id, nodeSize(node)]));
  return extent(Object.fromEntries(placed.map((node) => [node.id, layout[node.id]])), (id) => sizes.get(id)!);
}

/** The view (the whole schema when the id names none: deleted, or a link from another project). */
export function viewOrWhole(board: Board, id: string | null | undefined): SavedView {
  return (id && board.views[id]) || board.views[WHOLE_SCHEMA];
}

/** The tables and enums whose name contains `query` (any case). */
export function matching(graph: SchemaGraph, query: string): string[] {
  const wanted = query.trim().toLowerCase();
  if (!wanted) return [];
  return [...graph.models, ...graph.enums].filter((n) => n.name.toLowerCase().includes(wanted)).map((n) => n.id);
}

function withView(board: Board, view: SavedView): Board {
  return { ...board, views: { ...board.views, [view.id]: view } };
}

/** `ids` hidden in the view (added to what it hid). */
export function hide(board: Board, viewId: string, ids: string[]): Board {
  const view = viewOrWhole(board, viewId);
  return withView(board, { ...view, hidden: [...new Set([...view.hidden, ...ids])] });
}

/** `ids` shown again in the view; every hidden table when none are named. */
export function unhide(board: Board, viewId: string, ids?: string[]): Board {
  const view = viewOrWhole(board, viewId);
  const shown = ids && new Set(ids);
  return withView(board, { ...view, hidden: shown ? view.hidden.filter((id) => !shown.has(id)) : [] });
}

/** A new view named `name` keeping what is shown (`tables`, or every table), what is hidden and where the view looks. */
export function saveView(
  board: Board,
  content: { name: string; tables?: string[]; hidden: string[]; viewport?: Viewport },
): { board: Board; id: string } {
  const id = `view-${randomId().slice(0, 8)}`;
  const view: SavedView = {
    id,
    name: content.name.trim() || "Untitled view",
    ...(content.tables ? { tables: content.tables } : {}),
    hidden: content.hidden,
    ...(content.viewport ? { viewport: content.viewport } : {}),
  };
  return { board: withView(board, view), id };
}

/** A saved view removed (the whole schema stays). */
export function deleteView(board: Board, id: string): Board {
  if (id === WHOLE_SCHEMA) return board;
  const { [id]: _gone, ...views } = board.views;
  return { ...board, views };
}
