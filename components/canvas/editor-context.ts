"use client";

import { createContext, useContext } from "react";
import type { Field } from "@/lib/schema/graph";

/** The edits a table node can ask for; one stable object, so nodes do not re-render for it. */
export interface SchemaEditor {
  renameModel(modelId: string, name: string): void;
  deleteModel(modelId: string): void;
  addField(modelId: string): void;
  renameField(fieldId: string, name: string): void;
  updateField(fieldId: string, changes: Partial<Omit<Field, "id" | "name">>): void;
  deleteField(fieldId: string): void;
}

export const SchemaEditorContext = createContext<SchemaEditor | null>(null);

export function useSchemaEditor(): SchemaEditor {
  const editor = useContext(SchemaEditorContext);
  if (!editor) throw new Error("useSchemaEditor outside SchemaEditorContext");
  return editor;
}
