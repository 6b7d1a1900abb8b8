"use client";

import type { DeleteImpact } from "@/lib/data/rows";

/** What deleting the checked rows will also remove (the foreign keys' ON DELETE), or what blocks it. */
export function DeleteConfirm(props: { impact: DeleteImpact; onConfirm(): void; onCancel(): void }) {
  const { impact } = props;
  return (
    <div
      role="alertdialog"
      aria-label="Confirm delete"
      className="border-b border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900"
    >
      {impact.blocked ? (
        <p>{impact.blocked}</p>
      ) : (
        <p>
          Delete {impact.tables.map((t) => `${t.deleted} row${t.deleted === 1 ? "" : "s"} of ${t.table}`).join(", ")}
          {impact.tables.some((t) => t.nulled) &&
            `, and set ${impact.tables
              .filter((t) => t.nulled)
              .map((t) => `${t.nulled} reference${t.nulled === 1 ? "" : "s"} in ${t.table}`)
              .join(", ")} to NULL`}
          ?{impact.tables.length > 1 && " The foreign keys' ON DELETE actions remove the others with it."}
        </p>
      )}
      <div className="mt-2 flex gap-2">
        {!impact.blocked && (
          <button type="button" onClick={props.onConfirm} className="rounded bg-red-600 px-3 py-0.5 text-white">
            Delete
          </button>
        )}
        <button type="button" onClick={props.onCancel} className="rounded border border-red-300 px-3 py-0.5">
          {impact.blocked ? "Close" : "Cancel"}
        </button>
      </div>
    </div>
  );
}
