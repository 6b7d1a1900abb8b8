"use client";

import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from "@tanstack/react-table";
import { useEffect, useMemo, useState } from "react";
import { readRowsAction } from "@/app/data-actions";
import type { RowPage } from "@/lib/data/tables";

const PAGE_SIZE = 50;

function Cell(props: { value: unknown }) {
  const { value } = props;
  if (value === null || value === undefined) return <span className="italic text-slate-400">NULL</span>;
  // React renders text, never markup: a value holding HTML shows as the text it is.
  return <span className={typeof value === "number" ? "tabular-nums" : ""}>{String(value)}</span>;
}

/** One table's rows, a page at a time from the server (TanStack Table renders them). */
export function RowGrid(props: { table: string }) {
  const [page, setPage] = useState(0);
  const [data, setData] = useState<RowPage | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void readRowsAction({ table: props.table, page, pageSize: PAGE_SIZE }).then((result) => {
      if (!live) return;
      if (result.ok) {
        setData(result.page);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [props.table, page]);

  const columns = useMemo<ColumnDef<Record<string, unknown>>[]>(
    () =>
      (data?.columns ?? []).map((column) => ({
        id: column.name,
        accessorFn: (row) => row[column.name],
        header: () => (
          <span title={`${column.type}${column.notNull ? " NOT NULL" : ""}`}>
            {column.name}
            {column.primaryKey && <span className="ml-1 text-[10px] text-amber-700">PK</span>}
            <span className="ml-1 text-[10px] font-normal text-slate-400">{column.type}</span>
          </span>
        ),
        cell: (info) => <Cell value={info.getValue()} />,
      })),
    [data?.columns],
  );
  const table = useReactTable({ data: data?.rows ?? [], columns, getCoreRowModel: getCoreRowModel() });

  if (error) {
    return (
      <p role="alert" className="m-4 rounded border border-red-200 bg-red-50 p-2 text-sm text-red-800">
        {error}
      </p>
    );
  }
  if (!data) return <p className="m-4 text-sm text-slate-500">Loading {props.table}…</p>;
  const pages = Math.max(1, Math.ceil(data.rowCount / PAGE_SIZE));
  return (
    <div className="flex h-full flex-col">
      <div className="min-h-0 flex-1 overflow-auto">
        <table aria-label={`Rows of ${data.table}`} className="w-full border-collapse text-sm">
          <thead className="sticky top-0 bg-slate-100">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <th
                    key={header.id}
                    className="whitespace-nowrap border-b border-slate-300 px-3 py-1.5 text-left font-mono text-xs font-semibold"
                  >
                    {flexRender(header.column.columnDef.header, header.getContext())}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="odd:bg-white even:bg-slate-50">
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="max-w-xs truncate border-b border-slate-100 px-3 py-1 font-mono text-xs">
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {data.rowCount === 0 && <p className="p-4 text-sm text-slate-500">{data.table} has no rows yet.</p>}
      </div>
      <footer className="flex items-center gap-2 border-t border-slate-200 px-3 py-1.5 text-xs text-slate-600">
        <span>
          {data.rowCount} row{data.rowCount === 1 ? "" : "s"}
        </span>
        <span className="ml-auto">
          Page {page + 1} of {pages}
        </span>
        <button
          type="button"
          disabled={page === 0}
          onClick={() => setPage(page - 1)}
          className="rounded border px-2 disabled:opacity-40"
        >
          Previous
        </button>
        <button
          type="button"
          disabled={page + 1 >= pages}
          onClick={() => setPage(page + 1)}
          className="rounded border px-2 disabled:opacity-40"
        >
          Next
        </button>
      </footer>
    </div>
  );
}
