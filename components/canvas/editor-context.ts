"use client";

import { createContext, useContext } from "react";
import type { SchemaGraph } from "@/lib/schema/graph";

/** What the inspector is showing. */
export type Focus =
  | { kind: "model"; id: string }
  | { kind: "field"; id: string; modelId: string }
  | { kind: "enum"; id: string }
  | { kind: "relation"; modelId: string; fieldId: string };

/**
 * The one way nodes and the inspector change the schema: an operation on the graph,
 * named for the undo menu. A stable object, so nodes do not re-render because of it.
 */
export interface SchemaEditor {
  edit(label: string, change: (graph: SchemaGraph) => SchemaGraph): void;
  /** Sets a node's color (view state, undoable like any edit). */
  setColor(nodeId: string, color: string | undefined): void;
  deleteNodes(nodeIds: string[]): void;
  focus(target: Focus | null): void;
}

export const SchemaEditorContext = createContext<SchemaEditor | null>(null);

export function useSchemaEditor(): SchemaEditor {
  const editor = useContext(SchemaEditorContext);
  if (!editor) throw new Error("useSchemaEditor outside SchemaEditorContext");
  return editor;
}
