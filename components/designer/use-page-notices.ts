"use client";

import { useEffect, type Dispatch, type SetStateAction } from "react";
import type { SchemaGraph } from "@/lib/schema/graph";
import type { Design } from "./sync-client";
import { DRAFT_KEY, type SyncStatus } from "./use-schema-sync";

/**
 * What the page says when it opens, and how long a message stays: a notice left before a
 * reload (after a rollback), a draft Prisma had refused restored, the layout file's repairs;
 * a success or info message goes after six seconds.
 */
export function usePageNotices(options: {
  commit(label: string, change: (design: Design) => Design): void;
  status: SyncStatus;
  setStatus: Dispatch<SetStateAction<SyncStatus>>;
  versionHash: string;
  layoutNotes: string[];
}) {
  const { commit, status, setStatus, versionHash, layoutNotes } = options;
  // A message left by the page before it reloaded (after a rollback).
  useEffect(() => {
    const notice = sessionStorage.getItem("schemaflow:notice");
    if (!notice) return;
    sessionStorage.removeItem("schemaflow:notice");
    setStatus({ tone: "success", text: notice });
  }, [setStatus]);

  // Restore a draft that Prisma had refused, if it was based on the file as it is now.
  useEffect(() => {
    const raw = localStorage.getItem(DRAFT_KEY);
    if (!raw) return;
    try {
      const draft = JSON.parse(raw) as { base: string; design: Design };
      if (draft.base !== versionHash) return localStorage.removeItem(DRAFT_KEY);
      // A draft from before areas and views has no board: the current one stays.
      commit("Restore unsaved changes", (current) => ({ ...draft.design, board: draft.design.board ?? current.board }));
      setStatus({ tone: "info", text: "Restored the changes that were not saved yet." });
    } catch {
      localStorage.removeItem(DRAFT_KEY);
    }
  }, [commit, setStatus, versionHash]);

  useEffect(() => {
    if (status?.tone !== "success" && status?.tone !== "info") return;
    const timer = setTimeout(() => setStatus(null), 6000);
    return () => clearTimeout(timer);
  }, [status, setStatus]);

  // The layout file had parts that did not fit the schema (lib/layout/layout-file): said once.
  useEffect(() => {
    if (layoutNotes.length) setStatus({ tone: "info", text: `The layout file was repaired: ${layoutNotes.join(" ")}` });
  }, [layoutNotes, setStatus]);
}

/** The page's first message: what the designer cannot edit in this schema, when there is any. */
export function readOnlyStatus(graph: SchemaGraph): SyncStatus {
  if (!graph.readOnly?.length) return null;
  return {
    tone: "error",
    text: `Shown read-only: this schema uses what the designer cannot edit yet (${graph.readOnly.join("; ")}). Edit prisma/schema.prisma as text for now.`,
  };
}
