"use client";

import { useCallback, type Dispatch, type SetStateAction } from "react";
import {
  exportSqlAction,
  importDatabaseAction,
  importFileAction,
  readSchemaTextAction,
  replaceSchemaAction,
} from "@/app/actions";
import { importTooLarge, MAX_IMPORT_BYTES } from "@/lib/boundary/limits";
import { download } from "../canvas/export-image";
import { DRAFT_KEY, type SyncStatus } from "./use-schema-sync";

/** Export (the schema file, its SQL) and import (a schema, models.py, a SQLite or a live PostgreSQL database in its place). */
export function useFileTransfer(options: { onStatus: Dispatch<SetStateAction<SyncStatus>>; onBusy(text: string | null): void }) {
  const { onStatus: setStatus, onBusy: setBusy } = options;
  const downloadText = (text: string, fileName: string, type: string) =>
    download(URL.createObjectURL(new Blob([text], { type })), fileName);

  const exportFile = useCallback(
    async (kind: "schema" | "sql") => {
      const result = kind === "schema" ? await readSchemaTextAction() : await exportSqlAction();
      if (!result.ok) return setStatus({ tone: "error", text: result.error });
      if ("text" in result) downloadText(result.text, "schema.prisma", "text/plain");
      else downloadText(result.sql, "schema.sql", "application/sql");
    },
    [setStatus],
  );

  /** An import read by the server: shown with what it left out, then put in place of the schema if the user agrees. */
  const offer = useCallback(
    async (source: string, read: () => ReturnType<typeof importFileAction>) => {
      setBusy(`Importing ${source}…`);
      try {
        const result = await read();
        if (!result.ok) return setStatus({ tone: "error", text: `${source} was not imported: ${result.error}` });
        const notes = result.notes.length ? `\n\nNotes on the import:\n- ${result.notes.join("\n- ")}` : "";
        if (!window.confirm(`Replace prisma/schema.prisma with the schema imported from ${source}?${notes}`)) return;
        const replaced = await replaceSchemaAction(result.text);
        if (!replaced.ok) return setStatus({ tone: "error", text: replaced.error });
        localStorage.removeItem(DRAFT_KEY);
        window.location.reload();
      } finally {
        setBusy(null);
      }
    },
    [setStatus, setBusy],
  );

  const importFile = useCallback(
    async (file: File) => {
      // Refused here, before any byte is sent: the server would refuse it too.
      if (file.size > MAX_IMPORT_BYTES) {
        return setStatus({ tone: "error", text: `${file.name} was not imported: ${importTooLarge(file.name, file.size)}.` });
      }
      const form = new FormData();
      form.set("file", file);
      await offer(file.name, () => importFileAction(form));
    },
    [setStatus, offer],
  );

  /** A live PostgreSQL database, by its URL (shown without its password). */
  const importDatabase = useCallback(
    (url: string) => offer(url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@"), () => importDatabaseAction(url)),
    [offer],
  );

  return { exportFile, importFile, importDatabase };
}
