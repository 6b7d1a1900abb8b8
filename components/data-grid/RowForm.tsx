"use client";

import { useState } from "react";
import type { CatalogueColumn } from "@/lib/data/catalogue";
import type { GridTable } from "@/lib/data/rows";

/** What an empty input in the new-row form means for this column. */
function emptyMeans(table: GridTable, column: CatalogueColumn): string {
  if (column.generated === "uuid" || column.generated === "cuid") return `generated (${column.generated}())`;
  if (column.generated) return "now";
  if (column.primaryKey && column.kind === "int" && table.key.length === 1) return "next id";
  if (column.hasDefault) return "default";
  if (!column.notNull) return "NULL";
  return "required";
}

/** A new row: one input per column; the server checks every value and says what it refuses. */
export function RowForm(props: {
  table: GridTable;
  onSubmit(values: Record<string, string>): Promise<string | null>;
  onCancel(): void;
}) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      aria-label={`New row of ${props.table.name}`}
      className="border-b border-slate-200 bg-slate-50 px-3 py-2 text-xs"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        try {
          const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ""));
          setError(await props.onSubmit(given));
        } finally {
          setBusy(false);
        }
      }}
    >
      <div className="grid grid-cols-[auto_1fr] items-center gap-x-3 gap-y-1">
        {props.table.columns.map((column) => (
          <label key={column.name} className="contents">
            <span className="font-mono">
              {column.name}{" "}
              <span className="text-slate-400">{column.enumValues ? column.enumValues.join(" | ") : column.kind}</span>
            </span>
            <input
              value={values[column.name] ?? ""}
              placeholder={emptyMeans(props.table, column)}
              onChange={(e) => setValues({ ...values, [column.name]: e.target.value })}
              className="rounded border border-slate-300 px-1 py-0.5 font-mono"
            />
          </label>
        ))}
      </div>
      {error && (
        <p role="alert" className="mt-2 rounded border border-red-200 bg-red-50 p-1.5 text-red-800">
          {error}
        </p>
      )}
      <div className="mt-2 flex gap-2">
        <button type="submit" disabled={busy} className="rounded bg-sky-600 px-3 py-0.5 text-white disabled:opacity-50">
          Insert
        </button>
        <button type="button" onClick={props.onCancel} className="rounded border border-slate-300 px-3 py-0.5">
          Cancel
        </button>
      </div>
    </form>
  );
}
