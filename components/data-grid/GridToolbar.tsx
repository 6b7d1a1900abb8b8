"use client";

import { CSV_FORMULA_NOTE } from "@/lib/data/csv";
import type { Filter } from "@/lib/data/filters";
import type { Sort } from "@/lib/data/rows";

/** Above the grid: how many rows match, and what can be done with them. */
export function GridToolbar(props: {
  tableName: string;
  filters: Filter[];
  sort: Sort | undefined;
  count: number | null;
  checkedCount: number;
  onDelete(): void;
  onAdd(): void;
}) {
  const { tableName, count, checkedCount } = props;
  const csvHref = `/api/tables/${encodeURIComponent(tableName)}/csv?query=${encodeURIComponent(
    JSON.stringify({ filters: props.filters, sort: props.sort }),
  )}`;
  return (
    <div className="flex items-center gap-2 border-b border-slate-200 px-3 py-1.5 text-xs">
      <span role="status" aria-label="Row count" className="text-slate-600">
        {count === null ? "counting…" : `${count.toLocaleString("en-US")} row${count === 1 ? "" : "s"}`}
        {props.filters.length > 0 && " match"}
      </span>
      <span className="ml-auto" />
      {checkedCount > 0 && (
        <button
          type="button"
          onClick={props.onDelete}
          className="rounded border border-red-300 px-2 py-0.5 text-red-700 hover:bg-red-50"
        >
          Delete {checkedCount} row{checkedCount === 1 ? "" : "s"}
        </button>
      )}
      <button type="button" onClick={props.onAdd} className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-50">
        + Row
      </button>
      <a
        href={csvHref}
        download={`${tableName}.csv`}
        title={CSV_FORMULA_NOTE}
        className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-50"
      >
        Export CSV
      </a>
    </div>
  );
}
