"use client";

import { createContext, useContext } from "react";

/** What the canvas knows of the data: each model's row count, and a way to open its rows in the grid. */
export interface TableData {
  /** Row counts by model name; absent until the data panel or a migration has counted them. */
  rows: ReadonlyMap<string, { table: string; count: number }>;
  /** Opens the table's rows in the data grid, keeping its node in view. */
  open(table: string, model: string): void;
}

export const TableDataContext = createContext<TableData>({ rows: new Map(), open: () => {} });

export function useTableData(): TableData {
  return useContext(TableDataContext);
}
