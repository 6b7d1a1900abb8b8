"use client";

import type { CatalogueColumn } from "@/lib/data/catalogue";
import type { GridTable, Sort } from "@/lib/data/rows";

/** The grid's column headers: select-all, and each column with its type, keys and sort. */
export function GridHeader(props: {
  table: GridTable | null;
  sort: Sort | undefined;
  allChecked: boolean;
  onCheckAll(checked: boolean): void;
  onSort(column: CatalogueColumn): void;
}) {
  const { sort } = props;
  return (
    <thead className="sticky top-0 z-10 bg-slate-100">
      <tr>
        <th className="w-20 border-b border-slate-300 px-2 text-left">
          <input
            type="checkbox"
            aria-label="Select all loaded rows"
            checked={props.allChecked}
            onChange={(e) => props.onCheckAll(e.target.checked)}
          />
        </th>
        {(props.table?.columns ?? []).map((column) => {
          const key = props.table?.outgoing.find((k) => k.columns.includes(column.name));
          return (
            <th
              key={column.name}
              aria-sort={sort?.column === column.name ? (sort.direction === "asc" ? "ascending" : "descending") : "none"}
              className="whitespace-nowrap border-b border-slate-300 px-3 py-1.5 text-left font-mono font-semibold"
            >
              <button
                type="button"
                onClick={() => props.onSort(column)}
                title={`${column.type || "untyped"}${column.notNull ? " NOT NULL" : ""}${key ? ` → ${key.references}.${key.referencedColumns.join(", ")}` : ""}. Click to sort.`}
                className="flex items-center gap-1"
              >
                {column.name}
                {column.primaryKey > 0 && <span className="text-[10px] text-amber-700">PK</span>}
                {key && <span className="text-[10px] text-sky-700">FK</span>}
                <span className="text-[10px] font-normal text-slate-400">{column.enumValues ? "enum" : column.kind}</span>
                {sort?.column === column.name && <span aria-hidden>{sort.direction === "asc" ? "▲" : "▼"}</span>}
              </button>
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
