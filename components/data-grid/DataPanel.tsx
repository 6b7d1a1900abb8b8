"use client";

import { SidePanel } from "../SidePanel";
import { useEffect, useState } from "react";
import { listTablesAction } from "@/app/data-actions";
import type { TableSummary } from "@/lib/data/tables";
import { RowGrid } from "./RowGrid";

/** Every table with its row count; the chosen one's rows below. */
export function DataPanel(props: { version: number; onClose(): void }) {
  const [tables, setTables] = useState<TableSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void listTablesAction().then((result) => {
      if (!live) return;
      if (!result.ok) return setError(result.error);
      setError(null);
      setTables(result.tables);
      setChosen((current) =>
        current && result.tables.some((t) => t.name === current) ? current : (result.tables[0]?.name ?? null),
      );
    });
    return () => {
      live = false;
    };
  }, [props.version]);

  return (
    <SidePanel
      label="Data"
      title="Data"
      subtitle="rows in the SQLite database"
      width="w-[48rem] max-w-[60vw]"
      onClose={props.onClose}
    >
      {error && (
        <p role="alert" className="m-4 rounded border border-red-200 bg-red-50 p-2 text-sm text-red-800">
          {error}
        </p>
      )}
      {tables && tables.length === 0 && (
        <p className="m-4 text-sm text-slate-500">The database has no tables yet: run Migrate first.</p>
      )}
      {tables && tables.length > 0 && (
        <div className="flex min-h-0 flex-1">
          <nav aria-label="Tables" className="w-48 shrink-0 overflow-auto border-r border-slate-200">
            <ul>
              {tables.map((table) => (
                <li key={table.name}>
                  <button
                    type="button"
                    aria-current={chosen === table.name}
                    onClick={() => setChosen(table.name)}
                    className={`flex w-full items-center justify-between px-3 py-1.5 text-left font-mono text-sm ${
                      chosen === table.name ? "bg-sky-100 text-sky-900" : "hover:bg-slate-50"
                    }`}
                  >
                    <span className="truncate">{table.name}</span>
                    <span
                      className="ml-2 rounded bg-slate-200 px-1.5 text-xs text-slate-700"
                      aria-label={`${table.rowCount} rows`}
                    >
                      {table.rowCount}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <div className="min-w-0 flex-1">{chosen && <RowGrid key={`${chosen}:${props.version}`} table={chosen} />}</div>
        </div>
      )}
    </SidePanel>
  );
}
