"use client";

import { useEffect, type RefObject } from "react";
import type { History } from "@/lib/schema/history";
import type { SchemaEditor } from "../canvas/editor-context";
import type { Design } from "./sync-client";

/** The designer's keyboard shortcuts (listed in the help dialog), except while typing in a field. */
export function useShortcuts(actions: {
  historyRef: RefObject<History<Design>>;
  selectedRef: RefObject<string[]>;
  clipboardRef: RefObject<string[]>;
  searchRef: RefObject<HTMLInputElement | null>;
  editor: SchemaEditor;
  travel(direction: "undo" | "redo"): void;
  duplicate(modelIds: string[]): void;
  addNode(kind: "table" | "enum"): void;
  arrange(): Promise<void>;
  fitView(): void;
  help(): void;
}) {
  const { historyRef, selectedRef, clipboardRef, searchRef, editor, travel, duplicate, addNode, arrange, fitView, help } =
    actions;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable=true], dialog")) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const handled = () => event.preventDefault();
      if (mod && key === "z") return (handled(), travel(event.shiftKey ? "redo" : "undo"));
      if (mod && key === "y") return (handled(), travel("redo"));
      if (mod && key === "c")
        return void (clipboardRef.current = selectedRef.current.filter((id) =>
          historyRef.current.present.graph.models.some((m) => m.id === id),
        ));
      if (mod && key === "v") return (handled(), duplicate(clipboardRef.current));
      if (mod && key === "d") return (handled(), duplicate(selectedRef.current));
      if ((mod && key === "f") || (!mod && key === "/")) return (handled(), searchRef.current?.focus());
      if (mod || event.altKey) return;
      if (key === "delete" || key === "backspace")
        return selectedRef.current.length ? (handled(), editor.deleteNodes(selectedRef.current)) : undefined;
      if (key === "n") return (handled(), addNode("table"));
      if (key === "e") return (handled(), addNode("enum"));
      if (key === "l") return (handled(), void arrange());
      if (key === "f") return (handled(), fitView());
      if (event.key === "?") return (handled(), help());
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [historyRef, selectedRef, clipboardRef, searchRef, editor, travel, duplicate, addNode, arrange, fitView, help]);
}
