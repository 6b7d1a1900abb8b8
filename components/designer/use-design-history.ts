"use client";

import { useCallback, useRef, useState } from "react";
import { record, redo, startHistory, undo, type History } from "@/lib/schema/history";
import type { Design } from "./sync-client";
import type { SyncStatus } from "./use-schema-sync";

/**
 * The tab's design and its undo history. `historyRef` is the present at once (handlers read
 * it between renders); the state redraws. Every edit goes through `commit`, which records it
 * under a label and has it saved (`persist`, set once the sync exists) before the redraw.
 */
export function useDesignHistory(initial: Design, onStatus: (status: SyncStatus) => void) {
  const [history, setHistory] = useState<History<Design>>(() => startHistory(initial));
  const historyRef = useRef(history);
  const persistRef = useRef(() => {});

  const commit = useCallback(
    (label: string, change: (design: Design) => Design) => {
      const current = historyRef.current;
      let next: Design;
      try {
        next = change(current.present);
      } catch (error) {
        onStatus({ tone: "error", text: error instanceof Error ? error.message : String(error) });
        return;
      }
      if (next === current.present) return;
      const updated = record(current, next, label);
      historyRef.current = updated;
      persistRef.current();
      setHistory(updated);
    },
    [onStatus],
  );

  const travel = useCallback(
    (direction: "undo" | "redo") => {
      const current = historyRef.current;
      const label = direction === "undo" ? current.presentLabel : current.future[0]?.label;
      const updated = direction === "undo" ? undo(current) : redo(current);
      if (updated === current) return;
      historyRef.current = updated;
      persistRef.current();
      setHistory(updated);
      onStatus({ tone: "info", text: `${direction === "undo" ? "Undid" : "Redid"}: ${label}` });
    },
    [onStatus],
  );

  return { history, historyRef, setHistory, persistRef, commit, travel };
}
