import Database from "better-sqlite3";
import type { Project } from "../project/project";

/**
 * Rows for the data grid. Table and column names come from the database's own catalogue,
 * never from the request: a name the request gives is only used to pick one of them.
 * Values are always bound parameters.
 */

export interface TableSummary {
  name: string;
  rowCount: number;
}

export interface ColumnInfo {
  name: string;
  type: string;
  notNull: boolean;
  primaryKey: boolean;
}

export interface RowPage {
  table: string;
  columns: ColumnInfo[];
  rows: Record<string, unknown>[];
  page: number;
  pageSize: number;
  rowCount: number;
}

/** Prisma's bookkeeping and SQLite's own tables are not the user's data. */
const HIDDEN_TABLE = /^(_prisma_migrations|sqlite_.*)$/;

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function openReadOnly(project: Project): Database.Database | null {
  try {
    return new Database(project.databasePath, { readonly: true, fileMustExist: true });
  } catch {
    return null;
  }
}

function userTables(database: Database.Database): string[] {
  return (database.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[])
    .map((row) => row.name)
    .filter((name) => !HIDDEN_TABLE.test(name));
}

/** Every table of the database with its row count; empty when the database does not exist yet. */
export function listTables(project: Project): TableSummary[] {
  const database = openReadOnly(project);
  if (!database) return [];
  try {
    return userTables(database).map((name) => ({
      name,
      rowCount: (database.prepare(`SELECT count(*) AS n FROM ${quoteIdentifier(name)}`).get() as { n: number }).n,
    }));
  } finally {
    database.close();
  }
}

export class UnknownTable extends Error {}

/** One page of a table's rows, in primary-key (rowid) order. */
export function readRows(project: Project, table: string, options: { page: number; pageSize: number }): RowPage {
  const database = openReadOnly(project);
  if (!database) throw new UnknownTable("The database does not exist yet: run Migrate first.");
  try {
    const name = userTables(database).find((t) => t === table);
    if (!name) throw new UnknownTable(`There is no table "${table}" in the database.`);
    const columns = (
      database.prepare(`PRAGMA table_info(${quoteIdentifier(name)})`).all() as {
        name: string;
        type: string;
        notnull: number;
        pk: number;
      }[]
    ).map((c) => ({ name: c.name, type: c.type, notNull: c.notnull === 1, primaryKey: c.pk > 0 }));
    const order = columns.filter((c) => c.primaryKey).map((c) => quoteIdentifier(c.name));
    const rowCount = (database.prepare(`SELECT count(*) AS n FROM ${quoteIdentifier(name)}`).get() as { n: number }).n;
    const rows = database
      .prepare(`SELECT * FROM ${quoteIdentifier(name)} ORDER BY ${order.length ? order.join(", ") : "rowid"} LIMIT ? OFFSET ?`)
      .all(options.pageSize, options.page * options.pageSize) as Record<string, unknown>[];
    return { table: name, columns, rows: rows.map(toPlainRow), page: options.page, pageSize: options.pageSize, rowCount };
  } finally {
    database.close();
  }
}

/** Values the browser can receive as they are: bytes as hex, big integers as text. */
function toPlainRow(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      Buffer.isBuffer(value) ? `0x${value.toString("hex")}` : typeof value === "bigint" ? value.toString() : value,
    ]),
  );
}
