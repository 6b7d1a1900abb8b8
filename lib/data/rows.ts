import Database from "better-sqlite3";
import type { Project } from "../project/project";
import type { SchemaGraph } from "../schema/graph";
import {
  columnOf,
  GridRefused,
  quoteIdentifier,
  readCatalogue,
  tableOf,
  type Catalogue,
  type CatalogueColumn,
  type CatalogueTable,
  type ForeignKey,
} from "./catalogue";
import { operatorsFor, type Filter, type FilterOperator } from "./filters";
import { cellValue, columnValue, keyValue, parseValue, storedDateTime, type CellValue, type SqlValue } from "./values";

/**
 * The data grid's queries: a page of rows (filtered, sorted, continued from a cursor), the
 * count, edits, inserts, deletes with what their cascade removes, and a row's
 * back-references. Names come from the catalogue; every value is a bound parameter.
 */

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

function open(project: Project, writable = false): Database.Database {
  let database: Database.Database;
  try {
    database = new Database(project.databasePath, { readonly: !writable, fileMustExist: true });
  } catch {
    throw new GridRefused("The database does not exist yet: run Migrate first.");
  }
  if (writable) database.pragma("foreign_keys = ON");
  return database;
}

function withDatabase<T>(project: Project, writable: boolean, work: (database: Database.Database) => T): T {
  const database = open(project, writable);
  try {
    return work(database);
  } finally {
    database.close();
  }
}

function gridTable(table: CatalogueTable): GridTable {
  return {
    name: table.name,
    model: table.model,
    columns: table.columns,
    key: table.key,
    outgoing: table.outgoing,
    incoming: table.incoming,
  };
}

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

function readRow(table: CatalogueTable, row: Record<string, unknown>): GridRow {
  const values: Record<string, CellValue> = {};
  for (const column of table.columns) values[column.name] = cellValue(row[column.name]);
  return { key: table.key.length ? table.key.map((k) => values[k]) : [cellValue(row.__rowid)], values };
}

function selectList(table: CatalogueTable): string {
  return `rowid AS __rowid, ${table.columns.map((c) => quoteIdentifier(c.name)).join(", ")}`;
}

/** The WHERE and ORDER BY of a grid's selection: its filters (and cursor), its sort, rowid to break ties. */
function selection(table: CatalogueTable, query: Omit<RowQuery, "limit">, params: SqlValue[]) {
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

/** The columns that name a row: the primary key, or the rowid for a table without one. */
function keyColumns(table: CatalogueTable): string[] {
  return table.key.length ? table.key.map(quoteIdentifier) : ["rowid"];
}

/** `WHERE key = ?` for a row the grid named by its key values (as the grid received them). */
function keyCondition(table: CatalogueTable, key: CellValue[], params: SqlValue[]): string {
  const names = keyColumns(table);
  if (key.length !== names.length) throw new GridRefused(`A row of ${table.name} is named by ${names.join(", ")}.`);
  key.forEach((value, i) =>
    params.push(
      keyValue(
        table.columns.find((c) => c.name === table.key[i]),
        value,
      ),
    ),
  );
  return names.map((name) => `${name} = ?`).join(" AND ");
}

function readOne(database: Database.Database, table: CatalogueTable, condition: string, params: SqlValue[]): GridRow | undefined {
  const row = database
    .prepare(`SELECT ${selectList(table)} FROM ${quoteIdentifier(table.name)} WHERE ${condition}`)
    .safeIntegers(true)
    .get(...params) as Record<string, unknown> | undefined;
  return row && readRow(table, row);
}

const shown = (value: SqlValue) =>
  value === null
    ? "NULL"
    : Buffer.isBuffer(value)
      ? `0x${value.toString("hex")}`
      : typeof value === "string"
        ? `"${value}"`
        : String(value);

/** Says in the grid's words why SQLite refused a write, naming the table and columns. */
function explainConstraint(
  database: Database.Database,
  catalogue: Catalogue,
  table: CatalogueTable,
  values: Map<string, SqlValue>,
  error: unknown,
): GridRefused {
  const code = (error as { code?: string }).code ?? "";
  const message = error instanceof Error ? error.message : String(error);
  if (code === "SQLITE_CONSTRAINT_FOREIGNKEY") {
    for (const key of table.outgoing) {
      if (!key.columns.some((c) => values.has(c))) continue;
      const parent = catalogue.get(key.references);
      const keyValues = key.columns.map((c) => values.get(c) ?? null);
      if (!parent || keyValues.some((v) => v === null)) continue;
      const exists = database
        .prepare(
          `SELECT 1 FROM ${quoteIdentifier(parent.name)} WHERE ${key.referencedColumns.map((c) => `${quoteIdentifier(c)} = ?`).join(" AND ")}`,
        )
        .get(...keyValues);
      if (!exists) {
        return new GridRefused(
          `${table.name}.${key.columns.join(", ")} = ${keyValues.map(shown).join(", ")} points at no row: ${parent.name} has no ${key.referencedColumns.join(", ")} = ${keyValues.map(shown).join(", ")}.`,
        );
      }
    }
    return new GridRefused(`The database refused the change: other rows still reference this one (${message}).`);
  }
  if (code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY") {
    const columns = message.split("constraint failed: ").at(1) ?? "";
    return new GridRefused(
      `Another row of ${table.name} already has this ${columns.replaceAll(`${table.name}.`, "")}: it must be unique.`,
    );
  }
  if (code === "SQLITE_CONSTRAINT_NOTNULL") return new GridRefused(`The database refused the change: ${message}.`);
  if (code.startsWith("SQLITE_CONSTRAINT")) return new GridRefused(`The database refused the change: ${message}.`);
  if (code === "SQLITE_BUSY") return new GridRefused("The database is busy (a migration is running); try again in a moment.");
  throw error;
}

/** Values Prisma Client would write for fields the schema marks @updatedAt. */
function touchUpdatedAt(table: CatalogueTable, values: Map<string, SqlValue>) {
  for (const column of table.columns) {
    if (column.generated === "updatedAt" && !values.has(column.name)) values.set(column.name, storedDateTime(new Date()));
  }
}

export interface CellEdit {
  table: string;
  key: CellValue[];
  column: string;
  /** The text typed, or null for NULL. */
  value: string | null;
}

/** Writes one cell; returns the row as it now is. Nothing changes when it is refused. */
export function updateCell(project: Project, graph: SchemaGraph | undefined, edit: CellEdit): GridRow {
  return withDatabase(project, true, (database) => {
    const catalogue = readCatalogue(database, graph);
    const table = tableOf(catalogue, edit.table);
    const column = columnOf(table, edit.column);
    const values = new Map<string, SqlValue>([[column.name, columnValue(column, edit.value)]]);
    touchUpdatedAt(table, values);
    const keyParams: SqlValue[] = [];
    const condition = keyCondition(table, edit.key, keyParams);
    let changes: number;
    try {
      changes = database
        .prepare(
          `UPDATE ${quoteIdentifier(table.name)} SET ${[...values.keys()].map((c) => `${quoteIdentifier(c)} = ?`).join(", ")} WHERE ${condition}`,
        )
        .run(...values.values(), ...keyParams).changes;
    } catch (error) {
      throw explainConstraint(database, catalogue, table, values, error);
    }
    if (changes === 0) throw new GridRefused(`That row of ${table.name} no longer exists; reload the grid.`);
    // Editing a key column moves the row: read it back by its new key.
    const newKey = table.key.length ? table.key.map((k, i) => (values.has(k) ? values.get(k)! : keyParams[i])) : keyParams;
    return (
      readOne(
        database,
        table,
        keyColumns(table)
          .map((name) => `${name} = ?`)
          .join(" AND "),
        newKey,
      ) ?? { key: edit.key, values: {} }
    );
  });
}

function generatedValue(column: CatalogueColumn): SqlValue {
  switch (column.generated) {
    case "uuid":
      return crypto.randomUUID();
    case "cuid":
      return `c${Date.now().toString(36)}${crypto.getRandomValues(new Uint32Array(3)).reduce((s, n) => s + n.toString(36), "")}`.slice(
        0,
        25,
      );
    case "now":
    case "updatedAt":
      return storedDateTime(new Date());
    default:
      return null;
  }
}

/**
 * Inserts a row. A column left out takes the database's default, or the value Prisma
 * Client would generate (uuid(), cuid(), now(), @updatedAt); a required column without
 * either must be given.
 */
export function insertRow(
  project: Project,
  graph: SchemaGraph | undefined,
  input: { table: string; values: Record<string, string | null> },
): GridRow {
  return withDatabase(project, true, (database) => {
    const catalogue = readCatalogue(database, graph);
    const table = tableOf(catalogue, input.table);
    for (const name of Object.keys(input.values)) columnOf(table, name);
    const values = new Map<string, SqlValue>();
    const missing: string[] = [];
    for (const column of table.columns) {
      const given = Object.hasOwn(input.values, column.name) ? input.values[column.name] : undefined;
      if (given !== undefined && !(given === "" && column.kind !== "text")) {
        values.set(column.name, columnValue(column, given));
      } else if (column.generated) {
        values.set(column.name, generatedValue(column));
      } else if (
        column.notNull &&
        !column.hasDefault &&
        !(column.primaryKey && column.kind === "int" && table.key.length === 1)
      ) {
        missing.push(column.name);
      }
    }
    if (missing.length) throw new GridRefused(`${missing.join(", ")} ${missing.length > 1 ? "are" : "is"} required.`);
    const names = [...values.keys()];
    let rowid: number | bigint;
    try {
      rowid = names.length
        ? database
            .prepare(
              `INSERT INTO ${quoteIdentifier(table.name)} (${names.map(quoteIdentifier).join(", ")}) VALUES (${names.map(() => "?").join(", ")})`,
            )
            .run(...values.values()).lastInsertRowid
        : database.prepare(`INSERT INTO ${quoteIdentifier(table.name)} DEFAULT VALUES`).run().lastInsertRowid;
    } catch (error) {
      throw explainConstraint(database, catalogue, table, values, error);
    }
    return readOne(database, table, "rowid = ?", [rowid]) ?? { key: [], values: {} };
  });
}

export interface DeleteImpact {
  /** Rows removed or changed per table, the deleted table first. */
  tables: { table: string; deleted: number; nulled: number }[];
  /** Set when a foreign key forbids the delete (ON DELETE RESTRICT / NO ACTION). */
  blocked?: string;
}

/** Every table a delete here can reach through ON DELETE actions (and the ones that can block it). */
function reachable(catalogue: Catalogue, start: CatalogueTable): CatalogueTable[] {
  const seen = new Map<string, CatalogueTable>([[start.name, start]]);
  const queue = [start];
  while (queue.length) {
    for (const key of queue.shift()!.incoming) {
      const child = catalogue.get(key.table);
      if (child && !seen.has(child.name)) {
        seen.set(child.name, child);
        queue.push(child);
      }
    }
  }
  return [...seen.values()];
}

/** Rows of the foreign key's table whose key columns hold these values. */
function countReferencing(database: Database.Database, key: ForeignKey, values: SqlValue[]): number {
  const condition = key.columns.map((c) => `${quoteIdentifier(c)} = ?`).join(" AND ");
  return (
    database.prepare(`SELECT count(*) AS n FROM ${quoteIdentifier(key.table)} WHERE ${condition}`).get(...values) as { n: number }
  ).n;
}

function blockingReferences(database: Database.Database, table: CatalogueTable, keys: CellValue[][]): string {
  const parts: string[] = [];
  for (const key of table.incoming) {
    if (key.onDelete !== "RESTRICT" && key.onDelete !== "NO ACTION") continue;
    let count = 0;
    for (const rowKey of keys) {
      const params: SqlValue[] = [];
      const row = readOne(database, table, keyCondition(table, rowKey, params), params);
      if (!row) continue;
      const referenced = key.referencedColumns.map((c) => keyValue(columnOf(table, c), row.values[c]));
      count += countReferencing(database, key, referenced);
    }
    if (count)
      parts.push(`${count} row${count === 1 ? "" : "s"} of ${key.table} (${key.columns.join(", ")}, ON DELETE ${key.onDelete})`);
  }
  return `Nothing was deleted: ${parts.length ? parts.join(" and ") : "other rows"} still point at it. Delete or re-point those first.`;
}

/**
 * Deletes rows by key, counting what the foreign keys' ON DELETE actions do to other
 * tables (temporary triggers count each row removed or set to NULL). With `commit: false`
 * the transaction is rolled back: the grid's "what will this remove?" before it happens.
 */
export function deleteRows(
  project: Project,
  graph: SchemaGraph | undefined,
  input: { table: string; keys: CellValue[][] },
  options: { commit: boolean },
): DeleteImpact {
  return withDatabase(project, true, (database) => {
    const catalogue = readCatalogue(database, graph);
    const table = tableOf(catalogue, input.table);
    const tables = reachable(catalogue, table);
    database.exec("CREATE TEMP TABLE sf_counts (name TEXT PRIMARY KEY, deleted INTEGER NOT NULL, nulled INTEGER NOT NULL)");
    const insertCount = database.prepare("INSERT INTO temp.sf_counts VALUES (?, 0, 0)");
    tables.forEach((t, i) => {
      insertCount.run(t.name);
      const label = `'${t.name.replaceAll("'", "''")}'`;
      database.exec(
        `CREATE TEMP TRIGGER sf_deleted_${i} AFTER DELETE ON main.${quoteIdentifier(t.name)} BEGIN UPDATE sf_counts SET deleted = deleted + 1 WHERE name = ${label}; END;` +
          `CREATE TEMP TRIGGER sf_updated_${i} AFTER UPDATE ON main.${quoteIdentifier(t.name)} BEGIN UPDATE sf_counts SET nulled = nulled + 1 WHERE name = ${label}; END;`,
      );
    });
    const remove = database.transaction(() => {
      let deleted = 0;
      for (const key of input.keys) {
        const params: SqlValue[] = [];
        deleted += database
          .prepare(`DELETE FROM ${quoteIdentifier(table.name)} WHERE ${keyCondition(table, key, params)}`)
          .run(...params).changes;
      }
      if (deleted === 0) throw new GridRefused(`Those rows of ${table.name} no longer exist; reload the grid.`);
      const counts = database.prepare("SELECT name, deleted, nulled FROM temp.sf_counts").all() as {
        name: string;
        deleted: number;
        nulled: number;
      }[];
      const impact: DeleteImpact = {
        tables: counts
          .filter((c) => c.deleted || c.nulled)
          .sort((a, b) => (a.name === table.name ? -1 : b.name === table.name ? 1 : a.name.localeCompare(b.name)))
          .map((c) => ({ table: c.name, deleted: c.deleted, nulled: c.nulled })),
      };
      if (!options.commit) throw new Preview(impact);
      return impact;
    });
    try {
      return remove();
    } catch (error) {
      if (error instanceof Preview) return error.impact;
      // ON DELETE RESTRICT fails as SQLITE_CONSTRAINT_TRIGGER, NO ACTION as SQLITE_CONSTRAINT_FOREIGNKEY.
      const code = (error as { code?: string }).code;
      if (
        code === "SQLITE_CONSTRAINT_FOREIGNKEY" ||
        (code === "SQLITE_CONSTRAINT_TRIGGER" && /FOREIGN KEY/.test(String(error)))
      ) {
        const blocked = blockingReferences(database, table, input.keys);
        if (options.commit) throw new GridRefused(blocked);
        return { tables: [], blocked };
      }
      throw error;
    }
  });
}

/** Thrown to roll a preview's transaction back with its counts. */
class Preview extends Error {
  constructor(readonly impact: DeleteImpact) {
    super("preview");
  }
}

export interface BackReference {
  /** The child table and its foreign key columns, with the values that point at this row. */
  table: string;
  columns: string[];
  values: CellValue[];
  count: number;
}

/** The rows of other tables that point at this row (a user's addresses), counted per foreign key. */
export function backReferences(
  project: Project,
  graph: SchemaGraph | undefined,
  input: { table: string; key: CellValue[] },
): BackReference[] {
  return withDatabase(project, false, (database) => {
    const catalogue = readCatalogue(database, graph);
    const table = tableOf(catalogue, input.table);
    const params: SqlValue[] = [];
    const row = readOne(database, table, keyCondition(table, input.key, params), params);
    if (!row) throw new GridRefused(`That row of ${table.name} no longer exists; reload the grid.`);
    return table.incoming.map((key) => {
      const values = key.referencedColumns.map((c) => row.values[c] ?? null);
      const bound = key.referencedColumns.map((c, i) => keyValue(columnOf(table, c), values[i]));
      const count = countReferencing(database, key, bound);
      return { table: key.table, columns: key.columns, values, count };
    });
  });
}

/** Every row a filter and sort select, for CSV export: streamed, not held in memory. */
export function* exportRows(
  project: Project,
  graph: SchemaGraph | undefined,
  query: Omit<RowQuery, "limit" | "after">,
): Generator<{ columns: string[] } | CellValue[]> {
  const database = open(project);
  try {
    const catalogue = readCatalogue(database, graph);
    const table = tableOf(catalogue, query.table);
    const params: SqlValue[] = [];
    const { where, order } = selection(table, query, params);
    yield { columns: table.columns.map((c) => c.name) };
    const statement = database
      .prepare(
        `SELECT ${table.columns.map((c) => quoteIdentifier(c.name)).join(", ")} FROM ${quoteIdentifier(table.name)}${where}${order}`,
      )
      .safeIntegers(true)
      .raw(true);
    for (const row of statement.iterate(...params) as Iterable<unknown[]>) yield row.map(cellValue);
  } finally {
    database.close();
  }
}
