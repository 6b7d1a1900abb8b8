"use client";

import { useEffect, useMemo, useState } from "react";
import { listTablesAction } from "@/app/data-actions";
import type { TableSummary } from "@/lib/data/tables";
import type { DatabaseDescription } from "@/lib/project/database-project";
import type { TableData } from "../canvas/table-data";

/**
 * The database's tables and row counts, for the nodes (a count on each) and the data panel:
 * read again after a migration, a seed (`dataVersion`) or rows changed in the grid.
 */
export function useTableCounts(options: {
  dataVersion: number;
  rowsChanged: number;
  /** A node's row count was clicked: open that table in the data panel. */
  open(table: string, model: string): void;
}) {
  const { dataVersion, rowsChanged, open } = options;
  const [tables, setTables] = useState<{
    list: TableSummary[] | null;
    database?: DatabaseDescription;
    error: string | null;
  }>({ list: null, error: null });
  useEffect(() => {
    let live = true;
    void listTablesAction().then((result) => {
      if (!live) return;
      setTables((current) =>
        result.ok ? { list: result.tables, database: result.database, error: null } : { ...current, error: result.error },
      );
    });
    return () => {
      live = false;
    };
  }, [dataVersion, rowsChanged]);
  const rows = useMemo<TableData["rows"]>(
    () => new Map((tables.list ?? []).filter((t) => t.model).map((t) => [t.model!, { table: t.name, count: t.rowCount }])),
    [tables.list],
  );
  const tableData = useMemo<TableData>(() => ({ rows, open }), [rows, open]);
  return { tables, tableData };
}
