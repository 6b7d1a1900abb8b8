"use client";

import { getViewportForBounds, useReactFlow, useStoreApi } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useState, type RefObject } from "react";
import { groupIntoArea, ungroup, updateArea } from "@/lib/layout/areas";
import { layoutByAreas } from "@/lib/layout/area-layout";
import { nodeSize } from "@/lib/layout/sizes";
import { arrange } from "./design-edits";
import { WHOLE_SCHEMA, type Area, type Board } from "@/lib/layout/board";
import { deleteView, hide, matching, saveView, unhide, viewBounds, viewGraph, viewOrWhole } from "@/lib/layout/views";
import type { SchemaGraph } from "@/lib/schema/graph";
import type { History } from "@/lib/schema/history";
import type { AreaActions } from "../canvas/area-context";
import { useCanvasNodes } from "../canvas/canvas-nodes";
import type { Design } from "./sync-client";
import type { SyncStatus } from "./use-schema-sync";

const VIEW_PARAM = "view";

/** The view a link names (`?view=`), read once when the page opens. */
function viewInUrl(): string | null {
  return typeof window === "undefined" ? null : new URLSearchParams(window.location.search).get(VIEW_PARAM);
}

/** The view's link: this page with `?view=` (or without it, for the whole schema). */
function urlOf(viewId: string): string {
  const url = new URL(window.location.href);
  if (viewId === WHOLE_SCHEMA) url.searchParams.delete(VIEW_PARAM);
  else url.searchParams.set(VIEW_PARAM, viewId);
  return url.toString();
}

/**
 * Saved views, hidden tables and areas (lib/layout: board, views, areas) for the designer:
 * which view this tab shows (its own choice, kept in the URL so that it can be shared), what
 * that leaves on the canvas, and the board's edits, each undoable and saved like any edit.
 */
export type BoardControls = ReturnType<typeof useBoard>;

export function useBoard(options: {
  graph: SchemaGraph;
  board: Board;
  historyRef: RefObject<History<Design>>;
  commit(label: string, change: (design: Design) => Design): void;
  onStatus(status: SyncStatus): void;
}) {
  const { graph, board, historyRef, commit, onStatus } = options;
  const flow = useReactFlow();
  const store = useStoreApi();
  const canvas = useCanvasNodes();
  const [viewId, setViewId] = useState<string>(() => viewInUrl() ?? WHOLE_SCHEMA);
  const view = viewOrWhole(board, viewId);
  const shownGraph = useMemo(() => viewGraph(graph, view), [graph, view]);
  const areas = useMemo(() => Object.values(board.areas), [board.areas]);

  // A view deleted (here, in another tab, or a stale link): the whole schema, and the URL says so.
  useEffect(() => {
    if (view.id !== viewId) setViewId(view.id);
    if (urlOf(view.id) !== window.location.href) window.history.replaceState(null, "", urlOf(view.id));
  }, [view.id, viewId]);

  const editBoard = useCallback(
    (label: string, change: (board: Board) => Board) => commit(label, (design) => ({ ...design, board: change(design.board) })),
    [commit],
  );

  const switchView = useCallback(
    (id: string) => {
      const { graph, layout, board } = historyRef.current.present;
      const next = viewOrWhole(board, id);
      // Where the view looks is set before it is drawn, at once, not animated: a view is another
      // page of the schema. Drawn first where the previous view looked, or through the frames
      // of a zoom from one table to thousands, its tables would be drawn at the wrong detail.
      const bounds = next.viewport ? undefined : viewBounds(graph, next, layout);
      const { width, height, minZoom } = store.getState();
      const viewport = next.viewport ?? (bounds && getViewportForBounds(bounds, width, height, minZoom, 1, 0.1));
      if (viewport) void flow.setViewport(viewport);
      setViewId(next.id);
    },
    [flow, store, historyRef],
  );

  /** A new view of what is shown now (`tables`: a focus's tables, else the current view's), then on it. */
  const saveAs = useCallback(
    (name: string, tables?: string[]) => {
      const { id, board: saved } = saveView(historyRef.current.present.board, {
        name,
        tables: tables ?? view.tables,
        // Hidden among what the view shows (a focus shows no hidden table).
        hidden: tables ? [] : view.hidden,
        // A focus's tables sit elsewhere in the whole layout: the view is fitted to them instead.
        viewport: tables ? undefined : flow.getViewport(),
      });
      editBoard(`Save view ${saved.views[id].name}`, (b) => ({ ...b, views: { ...b.views, [id]: saved.views[id] } }));
      setViewId(id);
      if (tables) requestAnimationFrame(() => canvas.fit({ padding: 0.1, maxZoom: 1, duration: 200 }));
    },
    [editBoard, flow, canvas, historyRef, view],
  );

  const hideTables = useCallback(
    (ids: string[], label = `Hide ${ids.length} table${ids.length === 1 ? "" : "s"}`) => {
      if (ids.length) editBoard(label, (b) => hide(b, view.id, ids));
    },
    [editBoard, view.id],
  );

  const areaActions = useMemo<AreaActions>(
    () => ({
      update: (id, change) => editBoard("Change area", (b) => updateArea(b, id, change)),
      hide: (id) => {
        const area = historyRef.current.present.board.areas[id];
        if (area) hideTables(area.tables, `Hide area ${area.name}`);
      },
      ungroup: (id) => editBoard("Ungroup area", (b) => ungroup(b, id)),
    }),
    [editBoard, hideTables, historyRef],
  );

  return {
    view,
    views: Object.values(board.views),
    shownGraph,
    areas,
    areaActions,
    switchView,
    saveAs,
    deleteView: (id: string) => editBoard("Delete view", (b) => deleteView(b, id)),
    hideTables,
    hideMatching: (query: string) => {
      const ids = matching(shownGraph, query);
      if (!ids.length) return onStatus({ tone: "error", text: `No shown table matches "${query}".` });
      hideTables(ids, `Hide tables matching "${query}"`);
    },
    showHidden: () => editBoard("Show hidden tables", (b) => unhide(b, view.id)),
    group: (ids: string[]) => editBoard("Group into an area", (b) => groupIntoArea(b, ids).board),
    areasFromSchema: async () => {
      // graphology comes with it: loaded when asked for, not with the page.
      const { areasFromSchema } = await import("@/lib/layout/areas-from-schema");
      const { areas: made, how } = areasFromSchema(historyRef.current.present.graph);
      if (!made.length) return onStatus({ tone: "info", text: "The schema has no related tables to group." });
      const byId = Object.fromEntries(made.map((area: Area) => [area.id, area]));
      // Laid out area by area, so that the areas do not overlap (lib/layout/area-layout).
      commit("Areas from the schema", (design) => {
        const nodes = new Map([...design.graph.models, ...design.graph.enums].map((n) => [n.id, n]));
        const positions = layoutByAreas(design.graph, made, (id) => nodeSize(nodes.get(id)));
        return { ...arrange(design, positions), board: { ...design.board, areas: byId } };
      });
      requestAnimationFrame(() => canvas.fit({ padding: 0.1, maxZoom: 1, duration: 200 }));
      const source = {
        namespaces: "its /// @namespace tags",
        components: "its connected parts",
        clusters: "clusters of its relations",
      };
      onStatus({ tone: "success", text: `${made.length} areas made from ${source[how]}.` });
    },
    copyLink: async () => {
      const url = urlOf(view.id);
      try {
        await navigator.clipboard.writeText(url);
        onStatus({ tone: "success", text: `Link to view "${view.name}" copied.` });
      } catch {
        // No clipboard over plain http from another machine: the link is shown to copy by hand.
        onStatus({ tone: "info", text: `Link to view "${view.name}": ${url}` });
      }
    },
  };
}
