/**
 * Single rows: naming a row by its key, reading it, writing one cell, inserting a row (with
 * the values Prisma Client would generate), and saying why SQLite refused a write.
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
import { columnValue, keyValue, storedDateTime, type CellValue, type SqlValue } from "../values";
import { withDatabase, type GridRow } from "./database";
import { readRow, selectList } from "./query";

/** The columns that name a row: the primary key, or the rowid for a table without one. */
function keyColumns(table: CatalogueTable): string[] {
  return table.key.length ? table.key.map(quoteIdentifier) : ["rowid"];
}

/** `WHERE key = ?` for a row the grid named by its key values (as the grid received them). */
export function keyCondition(table: CatalogueTable, key: CellValue[], params: SqlValue[]): string {
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

export function readOne(
  database: Database.Database,
  table: CatalogueTable,
  condition: string,
  params: SqlValue[],
): GridRow | undefined {
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
