"use client";

import type { BackReference, GridRow } from "@/lib/data/rows";
import type { GridView } from "./RowGrid";

/** The rows of other tables that point at one row (a user's addresses), each list one click away. */
export function ReferencesPanel(props: {
  tableName: string;
  row: GridRow;
  references: BackReference[];
  onNavigate(view: GridView): void;
  onClose(): void;
}) {
  return (
    <section aria-label="Rows pointing here" className="border-t border-slate-200 bg-slate-50 px-3 py-2 text-xs">
      <header className="mb-1 flex items-center">
        <h3 className="font-semibold">
          Rows pointing at {props.tableName} {props.row.key.join(", ")}
        </h3>
        <button type="button" aria-label="Close references" onClick={props.onClose} className="ml-auto">
          ×
        </button>
      </header>
      <ul>
        {props.references.map((reference) => (
          <li key={`${reference.table}:${reference.columns.join(",")}`} className="flex items-center gap-2">
            <span className="font-mono">
              {reference.table}.{reference.columns.join(", ")}
            </span>
            <span>
              {reference.count} row{reference.count === 1 ? "" : "s"}
            </span>
            {reference.count > 0 && (
              <button
                type="button"
                onClick={() =>
                  props.onNavigate({
                    table: reference.table,
                    filters: reference.columns.map((column, i) => ({
                      column,
                      op: "equals",
                      value: String(reference.values[i] ?? ""),
                    })),
                  })
                }
                className="text-sky-700 underline"
              >
                Open {reference.table}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
