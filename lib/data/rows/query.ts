/**
 * Filters, keyset cursors and pages: the WHERE and ORDER BY of a grid's selection, a page of
 * rows continued from a cursor, and the count of the rows a filter selects.
 */

import type { Project } from "../../project/project";
import type { SchemaGraph } from "../../schema/graph";
import {
  columnOf,
  GridRefused,
  quoteIdentifier,
  tableOf,
  type Catalogue,
  type CatalogueColumn,
  type CatalogueTable,
} from "../catalogue";
import { jsonPathFilter, operatorsFor, type Filter, type FilterOperator } from "../filters";
import { Params, type GridDatabase, type RowIdentity } from "../grid-database";
import { cellValue, keyValue, parseValue, storedDateTime, type CellValue } from "../values";
import { gridTable, withGrid, type Cursor, type GridRow, type RowQuery, type RowsPage, type Sort } from "./database";

/** `x LIKE ?` matching text as written: % and _ in the user's text are not wildcards. */
function likePattern(text: string, where: "contains" | "starts" | "ends"): string {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return where === "contains" ? `%${escaped}%` : where === "starts" ? `${escaped}%` : `%${escaped}`;
}

const COMPARISON: Partial<Record<FilterOperator, string>> = { gt: ">", gte: ">=", lt: "<", lte: "<=" };

function filterClause(database: GridDatabase, table: CatalogueTable, filter: Filter, params: Params): string {
  const column = columnOf(table, filter.column);
  const name = quoteIdentifier(column.name);
  if (!operatorsFor(column).includes(filter.op)) {
    throw new GridRefused(`The filter "${filter.op}" does not apply to ${column.name} (${column.kind}).`);
  }
  if (filter.op === "null") return `${name} IS NULL`;
  if (filter.op === "notnull") return `${name} IS NOT NULL`;
  const text = filter.value ?? "";
  if (filter.op === "contains" || filter.op === "starts" || filter.op === "ends") {
    return database.like(column, params.add(likePattern(text, filter.op)));
  }
  if (filter.op === "has") {
    const element = { ...column, kind: column.element ?? "text", enumValues: column.enumValues } as CatalogueColumn;
    return database.arrayHas(column, params.add([database.bind(element, parseValue(element, text))]));
  }
  if (filter.op === "path") {
    const { path, value } = jsonPathFilter(text);
    return database.jsonPathEquals(column, path, value, params);
  }
  // Equality on a day ("2024-05-01") means the whole day.
  if (column.kind === "datetime" && /^\s*\d{4}-\d{2}-\d{2}\s*$/.test(text) && (filter.op === "equals" || filter.op === "not")) {
    const start = params.of(column, parseValue(column, text));
    const end = params.of(column, storedDateTime(new Date(Date.parse(`${text.trim()}T00:00:00Z`) + 86_400_000)));
    return filter.op === "equals"
      ? `(${name} >= ${start} AND ${name} < ${end})`
      : `(${name} IS NULL OR ${name} < ${start} OR ${name} >= ${end})`;
  }
  // The text must be a value of the column's kind: "abc" is not a filter on a number.
  const value = params.of(column, column.kind === "text" ? text : parseValue(column, text));
  if (filter.op === "equals") return `${name} = ${value}`;
  if (filter.op === "not") return database.distinct(name, value);
  return `${name} ${COMPARISON[filter.op]} ${value}`;
}

/** `(a, b) > (?, ?)`: the row's identity after (or before) the cursor's. */
function identityAfter(identity: RowIdentity[], cursor: Cursor, operator: ">" | "<", params: Params): string {
  if (cursor.row.length !== identity.length) throw new GridRefused("The grid's place in the table is out of date; reload it.");
  const values = identity.map((id, i) => params.of(id.column, keyValue(id.column, cursor.row[i])));
  return identity.length === 1
    ? `${identity[0].sql} ${operator} ${values[0]}`
    : `(${identity.map((id) => id.sql).join(", ")}) ${operator} (${values.join(", ")})`;
}

/**
 * Continues after the cursor in ORDER BY column, identity, with NULLs where the database
 * sorts them (`nullsFirst`: before the values in this direction, or after them).
 */
function cursorClause(
  identity: RowIdentity[],
  sort: Sort | undefined,
  column: CatalogueColumn | undefined,
  cursor: Cursor,
  nullsFirst: boolean,
  params: Params,
): string {
  if (!sort || !column) return identityAfter(identity, cursor, ">", params);
  const name = quoteIdentifier(column.name);
  const value = keyValue(column, cursor.value ?? null);
  const [after, from] = sort.direction === "asc" ? ([">", ">="] as const) : (["<", "<="] as const);
  if (value === null) {
    const nullsAfter = `(${name} IS NULL AND ${identityAfter(identity, cursor, after, params)})`;
    return nullsFirst ? `(${nullsAfter} OR ${name} IS NOT NULL)` : nullsAfter;
  }
  const valuesAfter = `(${name} ${from} ${params.of(column, value)} AND (${name} ${after} ${params.of(column, value)} OR ${identityAfter(identity, cursor, after, params)}))`;
  // A column without NULLs needs no branch for them, and its index then bounds the scan.
  return nullsFirst || column.notNull ? valuesAfter : `(${valuesAfter} OR ${name} IS NULL)`;
}

export function readRow(table: CatalogueTable, identity: RowIdentity[], row: Record<string, unknown>): GridRow {
  const values: Record<string, CellValue> = {};
  for (const column of table.columns) values[column.name] = cellValue(row[column.name]);
  return {
    key: table.key.length ? table.key.map((k) => values[k]) : identity.map((_, i) => cellValue(row[`__id${i}`])),
    values,
  };
}

export function selectList(database: GridDatabase, table: CatalogueTable): string {
  const identity = database.rowIdentity(table).map((id, i) => `${id.sql} AS __id${i}`);
  return [...identity, ...table.columns.map((c) => database.selectColumn(c))].join(", ");
}

/** The WHERE and ORDER BY of a grid's selection: its filters (and cursor), its sort, the row's identity to break ties. */
export function selection(database: GridDatabase, table: CatalogueTable, query: Omit<RowQuery, "limit">, params: Params) {
  const identity = database.rowIdentity(table);
  const conditions = (query.filters ?? []).map((filter) => filterClause(database, table, filter, params));
  const sortColumn = query.sort ? columnOf(table, query.sort.column) : undefined;
  const nullsFirst = database.nullsFirst === (query.sort?.direction !== "desc");
  if (query.after) conditions.push(cursorClause(identity, query.sort, sortColumn, query.after, nullsFirst, params));
  const direction = query.sort?.direction === "desc" ? "DESC" : "ASC";
  const ties = identity.map((id) => `${id.sql} ${direction}`).join(", ");
  return {
    identity,
    sortColumn,
    where: conditions.length ? ` WHERE ${conditions.join(" AND ")}` : "",
    // Qualified: the select list may read a column as text under its own name, and ORDER BY prefers that alias.
    order: ` ORDER BY ${sortColumn ? `${table.sql}.${quoteIdentifier(sortColumn.name)} ${direction}, ` : ""}${ties}`,
  };
}

export async function queryRows(database: GridDatabase, catalogue: Catalogue, query: RowQuery): Promise<RowsPage> {
  const table = tableOf(catalogue, query.table);
  const params = new Params(database);
  const { identity, sortColumn, where, order } = selection(database, table, query, params);
  const limit = params.add(query.limit + 1);
  const raw = await database.all(
    `SELECT ${selectList(database, table)} FROM ${table.sql}${where}${order} LIMIT ${limit}`,
    params.values,
  );
  const more = raw.length > query.limit;
  const rows = raw.slice(0, query.limit);
  const last = rows.at(-1);
  return {
    table: gridTable(table),
    rows: rows.map((row) => readRow(table, identity, row)),
    next:
      more && last
        ? {
            row: identity.map((_, i) => cellValue(last[`__id${i}`])),
            ...(sortColumn && { value: cellValue(last[sortColumn.name]) }),
          }
        : null,
  };
}

export async function countRowsIn(
  database: GridDatabase,
  catalogue: Catalogue,
  table: string,
  filters?: Filter[],
): Promise<number> {
  const found = tableOf(catalogue, table);
  const params = new Params(database);
  const { where } = selection(database, found, { table, filters }, params);
  const [row] = await database.all(`SELECT count(*) AS n FROM ${found.sql}${where}`, params.values);
  return Number(row.n);
}

export function readRows(project: Project, graph: SchemaGraph | undefined, query: RowQuery): Promise<RowsPage> {
  return withGrid(project, false, async (database) => queryRows(database, await database.catalogue(graph), query));
}

export function countRows(project: Project, graph: SchemaGraph | undefined, table: string, filters?: Filter[]): Promise<number> {
  return withGrid(project, false, async (database) => countRowsIn(database, await database.catalogue(graph), table, filters));
}
