"use client";

import type { ReactFlowInstance } from "@xyflow/react";
import { useCallback, useMemo, type RefObject } from "react";
import type { SchemaGraph } from "@/lib/schema/graph";
import type { History } from "@/lib/schema/history";
import type { Focus, SchemaEditor } from "../canvas/editor-context";
import type { Position } from "@/lib/layout/positions";
import * as edits from "./design-edits";
import type { Design } from "./sync-client";

/**
 * The canvas's, the inspector's and the text panel's edits, each one undoable step
 * (`commit`) of design-edits, with what the user sees after it: the copy in view, the new
 * relation in the inspector, a confirmation before a delete.
 */
export function useDesignEditor(options: {
  commit(label: string, change: (design: Design) => Design): void;
  historyRef: RefObject<History<Design>>;
  flow: ReactFlowInstance;
  centerOfView(): Position;
  setFocus(focus: Focus | null): void;
}) {
  const { commit, historyRef, flow, centerOfView, setFocus } = options;

  const addNode = useCallback(
    (kind: "table" | "enum", at?: Position) =>
      commit(kind === "table" ? "Add table" : "Add enum", (design) =>
        edits.addNode(design, kind, { at, center: centerOfView() }),
      ),
    [commit, centerOfView],
  );

  const duplicate = useCallback(
    (modelIds: string[]) => {
      if (!modelIds.length) return;
      let at: Position | undefined;
      commit(modelIds.length > 1 ? "Duplicate tables" : "Duplicate table", (design) => {
        const result = edits.duplicateModels(design, modelIds);
        at = result.firstCopy;
        return result.design;
      });
      // Show the copy where it landed, at the current zoom.
      const copy = at as Position | undefined;
      if (copy)
        requestAnimationFrame(() => void flow.setCenter(copy.x + 144, copy.y + 100, { zoom: flow.getZoom(), duration: 200 }));
    },
    [commit, flow],
  );

  const editor = useMemo<SchemaEditor>(
    () => ({
      edit: (label, change) => commit(label, (design) => ({ ...design, graph: change(design.graph) })),
      setColor: (id, color) => commit("Change color", (design) => edits.setColor(design, id, color)),
      deleteNodes: (selected) => {
        const current = historyRef.current.present.graph;
        // Views are read-only (Prisma does not migrate them): a selection's views stay.
        const ids = selected.filter((id) => !current.models.some((m) => m.id === id && m.isView));
        const names = [...current.models, ...current.enums].filter((n) => ids.includes(n.id)).map((n) => n.name);
        if (
          !names.length ||
          !window.confirm(`Delete ${names.join(", ")} and the relations to ${names.length > 1 ? "them" : "it"}?`)
        )
          return;
        commit(names.length > 1 ? "Delete tables" : "Delete table", (design) => edits.deleteNodes(design, ids));
        setFocus(null);
      },
      focus: setFocus,
    }),
    [commit, historyRef, setFocus],
  );

  const onMoved = useCallback(
    (moved: Record<string, Position>) =>
      commit(Object.keys(moved).length > 1 ? "Move tables" : "Move table", (design) => edits.moveNodes(design, moved)),
    [commit],
  );

  const onConnectModels = useCallback(
    (connection: { fromModelId: string; fromFieldId?: string; toModelId: string }) => {
      let relationFieldId = "";
      commit("Add relation", (design) => {
        const result = edits.connect(design, connection);
        relationFieldId = result.relationFieldId;
        return result.design;
      });
      if (relationFieldId) setFocus({ kind: "relation", modelId: connection.fromModelId, fieldId: relationFieldId });
    },
    [commit, setFocus],
  );

  const onTextGraph = useCallback(
    (next: SchemaGraph) => commit("Edit schema text", (design) => edits.replaceGraph(design, next, centerOfView())),
    [commit, centerOfView],
  );

  return { editor, addNode, duplicate, onMoved, onConnectModels, onTextGraph };
}
