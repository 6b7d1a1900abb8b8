"use client";

import type { SyncStatus } from "./use-schema-sync";

/** The line above the canvas: what just happened, what went wrong, or what is under way. */
export function StatusMessage(props: { status: SyncStatus; busy: string | null; onDismiss(): void }) {
  const { status, busy } = props;
  if (!status && !busy) return null;
  return (
    <div
      role={status?.tone === "error" ? "alert" : "status"}
      className={`absolute left-1/2 top-3 z-20 flex max-w-2xl -translate-x-1/2 items-start gap-2 rounded-md border px-4 py-2 text-sm shadow-md ${
        status?.tone === "error"
          ? "border-red-200 bg-red-50 text-red-800"
          : status?.tone === "success"
            ? "border-emerald-200 bg-emerald-50 text-emerald-800"
            : "border-sky-200 bg-sky-50 text-sky-800"
      }`}
    >
      <p className="flex-1 whitespace-pre-wrap">{busy ?? status?.text}</p>
      {!busy && (
        <button type="button" aria-label="Dismiss message" onClick={props.onDismiss} className="opacity-60 hover:opacity-100">
          ×
        </button>
      )}
    </div>
  );
}
