/**
 * Opening the database for the grid (read-only, or writable with foreign keys on) and the
 * shapes the grid works with: sort, cursor, query, row, table and page.
 */

import Database from "better-sqlite3";
import type { Project } from "../../project/project";
import { GridRefused, type CatalogueColumn, type CatalogueTable, type ForeignKey } from "../catalogue";
import type { Filter } from "../filters";
import type { CellValue } from "../values";

export interface Sort {
  column: string;
  direction: "asc" | "desc";
}

/** Where the previous page ended: the sort column's value and the row's rowid. */
export interface Cursor {
  value?: CellValue;
  rowid: number;
}

export interface RowQuery {
  table: string;
  filters?: Filter[];
  sort?: Sort;
  after?: Cursor;
  limit: number;
}

export interface GridRow {
  /** The primary key's values (or the rowid, for a table without one): what edits and deletes name. */
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

export function open(project: Project, writable = false): Database.Database {
  let database: Database.Database;
  try {
    database = new Database(project.databasePath, { readonly: !writable, fileMustExist: true });
  } catch {
    throw new GridRefused("The database does not exist yet: run Migrate first.");
  }
  if (writable) database.pragma("foreign_keys = ON");
  return database;
}

export function withDatabase<T>(project: Project, writable: boolean, work: (database: Database.Database) => T): T {
  const database = open(project, writable);
  try {
    return work(database);
  } finally {
    database.close();
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
