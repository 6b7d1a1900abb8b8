"use client";

import { useEffect, useState } from "react";
import type { TableSummary } from "@/lib/data/tables";
import type { DatabaseDescription } from "@/lib/project/database-project";
import { SidePanel } from "../SidePanel";
import { RowGrid, type GridView } from "./RowGrid";
import { SampleDataForm } from "./SampleDataForm";

/**
 * Every table with its row count; the chosen one's rows beside. Following a foreign key
 * (or a back-reference) opens another table filtered to the rows it names; Back returns.
 */
export function DataPanel(props: {
  version: number;
  /** The database's tables with their row counts (the Designer keeps them, for the canvas too). */
  tables: TableSummary[] | null;
  /** Where the rows live (SQLite file or PostgreSQL server). */
  database?: DatabaseDescription;
  error: string | null;
  /** A table to show, chosen from outside (a node's row count on the canvas). */
  open?: { table: string; at: number };
  onClose(): void;
  onShowOnCanvas(model: string): void;
  /** Rows were inserted, deleted or generated: the counts are stale. */
  onRowsChanged(): void;
}) {
  const { tables, error } = props;
  const [view, setView] = useState<GridView | null>(props.open ? { table: props.open.table, filters: [] } : null);
  const [trail, setTrail] = useState<GridView[]>([]);
  const [generated, setGenerated] = useState(0);

  // The first table until one is chosen; another when the chosen one is gone.
  useEffect(() => {
    if (!tables) return;
    setView((current) =>
      current && tables.some((t) => t.name === current.table)
        ? current
        : tables[0]
          ? { table: tables[0].name, filters: [] }
          : null,
    );
  }, [tables]);

  useEffect(() => {
    if (props.open) {
      setView({ table: props.open.table, filters: [] });
      setTrail([]);
    }
  }, [props.open]);

  const go = (next: GridView) => {
    if (view) setTrail([...trail, view]);
    setView(next);
  };
  const current = tables?.find((t) => t.name === view?.table);

  return (
    <SidePanel
      label="Data"
      title="Data"
      subtitle={`rows in ${props.database?.label ?? "the database"}`}
      width="w-[56rem] max-w-[65vw]"
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
          <div className="flex w-52 shrink-0 flex-col border-r border-slate-200">
            <SampleDataForm
              onGenerated={() => {
                props.onRowsChanged();
                setGenerated((n) => n + 1);
              }}
            />
            <nav aria-label="Tables" className="min-h-0 flex-1 overflow-auto">
              <ul>
                {tables.map((table) => (
                  <li key={table.name}>
                    <button
                      type="button"
                      aria-current={view?.table === table.name}
                      onClick={() => {
                        setTrail([]);
                        setView({ table: table.name, filters: [] });
                      }}
                      className={`flex w-full items-center justify-between px-3 py-1.5 text-left font-mono text-sm ${
                        view?.table === table.name ? "bg-sky-100 text-sky-900" : "hover:bg-slate-50"
                      }`}
                    >
                      <span className="truncate">{table.name}</span>
                      <span
                        className="ml-2 rounded bg-slate-200 px-1.5 text-xs text-slate-700"
                        aria-label={`${table.rowCount} rows`}
                      >
                        {table.rowCount.toLocaleString("en-US")}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          {view && (
            <div className="flex min-w-0 flex-1 flex-col">
              <div className="flex items-center gap-2 border-b border-slate-200 px-3 py-1.5 text-sm">
                {trail.length > 0 && (
                  <button
                    type="button"
                    onClick={() => {
                      setView(trail.at(-1)!);
                      setTrail(trail.slice(0, -1));
                    }}
                    className="rounded border border-slate-300 px-2 text-xs hover:bg-slate-50"
                  >
                    ← Back
                  </button>
                )}
                <h3 className="font-mono font-semibold">{view.table}</h3>
                {current?.model ? (
                  <button
                    type="button"
                    onClick={() => props.onShowOnCanvas(current.model!)}
                    title="Select this table's node on the canvas"
                    className="text-xs text-sky-700 underline"
                  >
                    model {current.model} on the canvas
                  </button>
                ) : (
                  <span className="text-xs text-slate-500">not in the schema file</span>
                )}
              </div>
              <div className="min-h-0 flex-1">
                <RowGrid
                  key={view.table}
                  view={view}
                  version={props.version + generated}
                  onNavigate={go}
                  onFiltersChange={(filters) => setView({ ...view, filters })}
                  onChanged={props.onRowsChanged}
                />
              </div>
            </div>
          )}
        </div>
      )}
    </SidePanel>
  );
}
