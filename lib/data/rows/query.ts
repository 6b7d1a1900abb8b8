/**
 * Filters, keyset cursors and pages: the WHERE and ORDER BY of a grid's selection, a page of
 * rows continued from a cursor, and the count of the rows a filter selects.
 */

import type Database from "better-sqlite3";
import type { Project } from "../../project/project";
import type { SchemaGraph } from "../../schema/graph";
import {
  columnOf,
  GridRefused,
  quoteIdentifier,
  readCatalogue,
  tableOf,
  type Catalogue,
  type CatalogueColumn,
  type CatalogueTable,
} from "../catalogue";
import { operatorsFor, type Filter, type FilterOperator } from "../filters";
import { cellValue, keyValue, parseValue, storedDateTime, type CellValue, type SqlValue } from "../values";
import { gridTable, withDatabase, type Cursor, type GridRow, type RowQuery, type RowsPage, type Sort } from "./database";

/** `x LIKE ?` matching text as written: % and _ in the user's text are not wildcards. */
function likePattern(text: string, where: "contains" | "starts" | "ends"): string {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return where === "contains" ? `%${escaped}%` : where === "starts" ? `${escaped}%` : `%${escaped}`;
}

const COMPARISON: Partial<Record<FilterOperator, string>> = { gt: ">", gte: ">=", lt: "<", lte: "<=" };

function filterClause(table: CatalogueTable, filter: Filter, params: SqlValue[]): string {
  const column = columnOf(table, filter.column);
  const name = quoteIdentifier(column.name);
  if (!operatorsFor(column).includes(filter.op)) {
    throw new GridRefused(`The filter "${filter.op}" does not apply to ${column.name} (${column.kind}).`);
  }
  if (filter.op === "null") return `${name} IS NULL`;
  if (filter.op === "notnull") return `${name} IS NOT NULL`;
  const text = filter.value ?? "";
  if (filter.op === "contains" || filter.op === "starts" || filter.op === "ends") {
    params.push(likePattern(text, filter.op));
    return `${name} LIKE ? ESCAPE '\\'`;
  }
  // Equality on a day ("2024-05-01") means the whole day.
  if (column.kind === "datetime" && /^\s*\d{4}-\d{2}-\d{2}\s*$/.test(text) && (filter.op === "equals" || filter.op === "not")) {
    const start = parseValue(column, text) as string;
    const end = storedDateTime(new Date(Date.parse(`${text.trim()}T00:00:00Z`) + 86_400_000));
    params.push(start, end);
    return filter.op === "equals" ? `(${name} >= ? AND ${name} < ?)` : `(${name} IS NULL OR ${name} < ? OR ${name} >= ?)`;
  }
  // The text must be a value of the column's kind: "abc" is not a filter on a number.
  params.push(column.kind === "text" ? text : parseValue(column, text));
  if (filter.op === "equals") return `${name} = ?`;
  if (filter.op === "not") return `${name} IS NOT ?`;
  return `${name} ${COMPARISON[filter.op]} ?`;
}

/** Continues after the cursor in ORDER BY column, rowid (NULLs first ascending, last descending, as SQLite sorts them). */
function cursorClause(sort: Sort | undefined, column: CatalogueColumn | undefined, cursor: Cursor, params: SqlValue[]): string {
  if (!sort || !column) {
    params.push(cursor.rowid);
    return "rowid > ?";
  }
  const name = quoteIdentifier(column.name);
  const value = keyValue(column, cursor.value ?? null);
  if (sort.direction === "asc") {
    if (value === null) {
      params.push(cursor.rowid);
      return `((${name} IS NULL AND rowid > ?) OR ${name} IS NOT NULL)`;
    }
    params.push(value, value, cursor.rowid);
    return `(${name} >= ? AND (${name} > ? OR rowid > ?))`;
  }
  if (value === null) {
    params.push(cursor.rowid);
    return `(${name} IS NULL AND rowid < ?)`;
  }
  params.push(value, value, cursor.rowid);
  return `((${name} <= ? AND (${name} < ? OR rowid < ?)) OR ${name} IS NULL)`;
}

export function readRow(table: CatalogueTable, row: Record<string, unknown>): GridRow {
  const values: Record<string, CellValue> = {};
  for (const column of table.columns) values[column.name] = cellValue(row[column.name]);
  return { key: table.key.length ? table.key.map((k) => values[k]) : [cellValue(row.__rowid)], values };
}

export function selectList(table: CatalogueTable): string {
  return `rowid AS __rowid, ${table.columns.map((c) => quoteIdentifier(c.name)).join(", ")}`;
}

/** The WHERE and ORDER BY of a grid's selection: its filters (and cursor), its sort, rowid to break ties. */
export function selection(table: CatalogueTable, query: Omit<RowQuery, "limit">, params: SqlValue[]) {
  const conditions = (query.filters ?? []).map((filter) => filterClause(table, filter, params));
  const sortColumn = query.sort ? columnOf(table, query.sort.column) : undefined;
  if (query.after) conditions.push(cursorClause(query.sort, sortColumn, query.after, params));
  const direction = query.sort?.direction === "desc" ? "DESC" : "ASC";
  return {
    sortColumn,
    where: conditions.length ? ` WHERE ${conditions.join(" AND ")}` : "",
    order: ` ORDER BY ${sortColumn ? `${quoteIdentifier(sortColumn.name)} ${direction}, rowid ${direction}` : "rowid"}`,
  };
}

export function queryRows(database: Database.Database, catalogue: Catalogue, query: RowQuery): RowsPage {
  const table = tableOf(catalogue, query.table);
  const params: SqlValue[] = [];
  const { sortColumn, where, order } = selection(table, query, params);
  const statement = database
    .prepare(`SELECT ${selectList(table)} FROM ${quoteIdentifier(table.name)}${where}${order} LIMIT ?`)
    .safeIntegers(true);
  const raw = statement.all(...params, query.limit + 1) as Record<string, unknown>[];
  const more = raw.length > query.limit;
  const rows = raw.slice(0, query.limit);
  const last = rows.at(-1);
  return {
    table: gridTable(table),
    rows: rows.map((row) => readRow(table, row)),
    next: more && last ? { rowid: Number(last.__rowid), ...(sortColumn && { value: cellValue(last[sortColumn.name]) }) } : null,
  };
}

export function countRowsIn(database: Database.Database, catalogue: Catalogue, table: string, filters?: Filter[]): number {
  const found = tableOf(catalogue, table);
  const params: SqlValue[] = [];
  const { where } = selection(found, { table, filters }, params);
  return (database.prepare(`SELECT count(*) AS n FROM ${quoteIdentifier(found.name)}${where}`).get(...params) as { n: number }).n;
}

export function readRows(project: Project, graph: SchemaGraph | undefined, query: RowQuery): RowsPage {
  return withDatabase(project, false, (database) => queryRows(database, readCatalogue(database, graph), query));
}

export function countRows(project: Project, graph: SchemaGraph | undefined, table: string, filters?: Filter[]): number {
  return withDatabase(project, false, (database) => countRowsIn(database, readCatalogue(database, graph), table, filters));
}
