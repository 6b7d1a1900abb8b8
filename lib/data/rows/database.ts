/**
 * Opening the grid's database (read-only, or writable with foreign keys on) for the project's
 * dialect, and the shapes the grid works with: sort, cursor, query, row, table and page.
 */

import { isPostgresUrl, type Project } from "../../project/project";
import type { CatalogueColumn, CatalogueTable, ForeignKey } from "../catalogue";
import { openPostgresGrid } from "../dialects/postgresql/grid";
import { openSqliteGrid } from "../dialects/sqlite/grid";
import type { Filter } from "../filters";
import type { GridDatabase } from "../grid-database";
import type { CellValue } from "../values";

export interface Sort {
  column: string;
  direction: "asc" | "desc";
}

/** Where the previous page ended: the sort column's value and the row's identity (rowid, or its key). */
export interface Cursor {
  value?: CellValue;
  row: CellValue[];
}

export interface RowQuery {
  table: string;
  filters?: Filter[];
  sort?: Sort;
  after?: Cursor;
  limit: number;
}

export interface GridRow {
  /** The primary key's values (or the row's identity, for a table without one): what edits and deletes name. */
  key: CellValue[];
  values: Record<string, CellValue>;
}

export interface GridTable {
  name: string;
  model?: string;
  columns: CatalogueColumn[];
  key: string[];
  outgoing: ForeignKey[];
  incoming: ForeignKey[];
}

export interface RowsPage {
  table: GridTable;
  rows: GridRow[];
  /** Where the next page starts; null at the end. */
  next: Cursor | null;
}

export async function openGrid(project: Project, writable = false): Promise<GridDatabase> {
  return isPostgresUrl(project.databaseUrl)
    ? openPostgresGrid(project.databaseUrl)
    : openSqliteGrid(project.databasePath, writable);
}

export async function withGrid<T>(project: Project, writable: boolean, work: (database: GridDatabase) => Promise<T>): Promise<T> {
  const database = await openGrid(project, writable);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

export function gridTable(table: CatalogueTable): GridTable {
  return {
    name: table.name,
    model: table.model,
    columns: table.columns,
    key: table.key,
    outgoing: table.outgoing,
    incoming: table.incoming,
  };
}
