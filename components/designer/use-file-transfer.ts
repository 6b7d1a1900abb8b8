"use client";

import { useCallback, type Dispatch, type SetStateAction } from "react";
import { exportSqlAction, importFileAction, readSchemaTextAction, replaceSchemaAction } from "@/app/actions";
import { importTooLarge, MAX_IMPORT_BYTES } from "@/lib/boundary/limits";
import { download } from "../canvas/export-image";
import { DRAFT_KEY, type SyncStatus } from "./use-schema-sync";

/** Export (the schema file, its SQL) and import (a schema, models.py or a SQLite database in its place). */
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

  const importFile = useCallback(
    async (file: File) => {
      // Refused here, before any byte is sent: the server would refuse it too.
      if (file.size > MAX_IMPORT_BYTES) {
        return setStatus({ tone: "error", text: `${file.name} was not imported: ${importTooLarge(file.name, file.size)}.` });
      }
      setBusy(`Importing ${file.name}…`);
      try {
        const form = new FormData();
        form.set("file", file);
        const result = await importFileAction(form);
        if (!result.ok) return setStatus({ tone: "error", text: `${file.name} was not imported: ${result.error}` });
        const notes = result.notes.length ? `\n\nNot imported:\n- ${result.notes.join("\n- ")}` : "";
        if (!window.confirm(`Replace prisma/schema.prisma with the schema imported from ${file.name}?${notes}`)) return;
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

  return { exportFile, importFile };
}
