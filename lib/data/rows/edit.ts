/**
 * Single rows: naming a row by its key, reading it, writing one cell, inserting a row (with
 * the values Prisma Client would generate), and saying why the database refused a write.
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
import { Params, type GridDatabase } from "../grid-database";
import { columnValue, keyValue, storedDateTime, type CellValue, type SqlValue } from "../values";
import { withGrid, type GridRow } from "./database";
import { readRow, selectList } from "./query";

/** `WHERE key = ?` for a row the grid named by its key values, or its identity for a table without a key. */
export function keyCondition(database: GridDatabase, table: CatalogueTable, key: CellValue[], params: Params): string {
  const names = table.key.length
    ? table.key.map((name) => ({ sql: quoteIdentifier(name), column: columnOf(table, name) }))
    : database.rowIdentity(table);
  if (key.length !== names.length)
    throw new GridRefused(`A row of ${table.name} is named by ${names.map((n) => n.sql).join(", ")}.`);
  return names.map(({ sql, column }, i) => `${sql} = ${params.of(column, keyValue(column, key[i]))}`).join(" AND ");
}

export async function readOne(database: GridDatabase, table: CatalogueTable, key: CellValue[]): Promise<GridRow | undefined> {
  const params = new Params(database);
  const condition = keyCondition(database, table, key, params);
  const [row] = await database.all(`SELECT ${selectList(database, table)} FROM ${table.sql} WHERE ${condition}`, params.values);
  return row && readRow(table, database.rowIdentity(table), row);
}

const shown = (value: SqlValue) =>
  value === null
    ? "NULL"
    : Buffer.isBuffer(value)
      ? `0x${value.toString("hex")}`
      : typeof value === "string"
        ? `"${value}"`
        : String(value);

/** Says in the grid's words why the database refused a write, naming the table and columns. */
async function explainRefusal(
  database: GridDatabase,
  catalogue: Catalogue,
  table: CatalogueTable,
  values: Map<string, SqlValue>,
  error: unknown,
): Promise<GridRefused> {
  const refusal = database.refusal(error);
  if (!refusal) throw error;
  if (refusal.kind === "foreign-key") {
    for (const key of table.outgoing) {
      if (!key.columns.some((c) => values.has(c))) continue;
      const parent = catalogue.get(key.references);
      const keyValues = key.columns.map((c) => values.get(c) ?? null);
      if (!parent || keyValues.some((v) => v === null)) continue;
      const params = new Params(database);
      const condition = key.referencedColumns
        .map((c, i) => `${quoteIdentifier(c)} = ${params.of(columnOf(parent, c), keyValues[i])}`)
        .join(" AND ");
      const [exists] = await database.all(`SELECT 1 AS found FROM ${parent.sql} WHERE ${condition}`, params.values);
      if (!exists) {
        return new GridRefused(
          `${table.name}.${key.columns.join(", ")} = ${keyValues.map(shown).join(", ")} points at no row: ${parent.name} has no ${key.referencedColumns.join(", ")} = ${keyValues.map(shown).join(", ")}.`,
        );
      }
    }
    return new GridRefused(`The database refused the change: other rows still reference this one (${refusal.message}).`);
  }
  if (refusal.kind === "unique") {
    return new GridRefused(
      `Another row of ${table.name} already has this ${(refusal.columns ?? []).join(", ")}: it must be unique.`,
    );
  }
  if (refusal.kind === "busy") return new GridRefused("The database is busy (a migration is running); try again in a moment.");
  return new GridRefused(`The database refused the change: ${refusal.message}.`);
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
export function updateCell(project: Project, graph: SchemaGraph | undefined, edit: CellEdit): Promise<GridRow> {
  return withGrid(project, true, async (database) => {
    const catalogue = await database.catalogue(graph);
    const table = tableOf(catalogue, edit.table);
    const column = columnOf(table, edit.column);
    const values = new Map<string, SqlValue>([[column.name, columnValue(column, edit.value)]]);
    touchUpdatedAt(table, values);
    const params = new Params(database);
    const assignments = [...values].map(
      ([name, value]) => `${quoteIdentifier(name)} = ${params.of(columnOf(table, name), value)}`,
    );
    const condition = keyCondition(database, table, edit.key, params);
    let rows: Record<string, unknown>[];
    try {
      // RETURNING: editing a key column moves the row, and it is read back where it now is.
      rows = await database.all(
        `UPDATE ${table.sql} SET ${assignments.join(", ")} WHERE ${condition} RETURNING ${selectList(database, table)}`,
        params.values,
      );
    } catch (error) {
      throw await explainRefusal(database, catalogue, table, values, error);
    }
    if (rows.length === 0) throw new GridRefused(`That row of ${table.name} no longer exists; reload the grid.`);
    return readRow(table, database.rowIdentity(table), rows[0]);
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

/** The values of a new row: given, generated as Prisma Client would, or left to the database's default. */
function newRowValues(table: CatalogueTable, input: Record<string, string | null>): Map<string, SqlValue> {
  for (const name of Object.keys(input)) columnOf(table, name);
  const values = new Map<string, SqlValue>();
  const missing: string[] = [];
  for (const column of table.columns) {
    const given = Object.hasOwn(input, column.name) ? input[column.name] : undefined;
    if (given !== undefined && !(given === "" && column.kind !== "text")) {
      values.set(column.name, columnValue(column, given));
    } else if (column.generated) {
      values.set(column.name, generatedValue(column));
    } else if (column.notNull && !column.hasDefault && !(column.primaryKey && column.kind === "int" && table.key.length === 1)) {
      missing.push(column.name);
    }
  }
  if (missing.length) throw new GridRefused(`${missing.join(", ")} ${missing.length > 1 ? "are" : "is"} required.`);
  return values;
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
): Promise<GridRow> {
  return withGrid(project, true, async (database) => {
    const catalogue = await database.catalogue(graph);
    const table = tableOf(catalogue, input.table);
    const values = newRowValues(table, input.values);
    const params = new Params(database);
    const names = [...values.keys()];
    const placeholders = names.map((name) => params.of(columnOf(table, name), values.get(name)!));
    const into = names.length
      ? `(${names.map(quoteIdentifier).join(", ")}) VALUES (${placeholders.join(", ")})`
      : "DEFAULT VALUES";
    let rows: Record<string, unknown>[];
    try {
      rows = await database.all(`INSERT INTO ${table.sql} ${into} RETURNING ${selectList(database, table)}`, params.values);
    } catch (error) {
      throw await explainRefusal(database, catalogue, table, values, error);
    }
    return readRow(table, database.rowIdentity(table), rows[0]);
  });
}
