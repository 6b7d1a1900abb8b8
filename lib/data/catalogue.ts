import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import type { SchemaGraph } from "../schema/graph";
import { columnName, modelForTable } from "./constraints";
import { quoteIdentifier } from "../schema/identifiers";

/**
 * What the data grid knows about the database: its tables, their columns with the kind of
 * value each holds, their foreign keys both ways. Read from SQLite's own catalogue (the
 * database is what the grid shows, even when the schema file is ahead of it), enriched by
 * the schema where it says more than SQLite can (enum values, maximum lengths, defaults
 * Prisma Client fills in). Every table or column name a query uses comes from here; a
 * name in a request only picks one of these.
 */

export type ValueKind = "int" | "bigint" | "float" | "decimal" | "boolean" | "datetime" | "json" | "bytes" | "text";

export interface CatalogueColumn {
  name: string;
  /** The declared SQLite type, as the migration wrote it. */
  type: string;
  kind: ValueKind;
  notNull: boolean;
  /** Position in the primary key, from 1; 0 when not part of it. */
  primaryKey: number;
  /** The database's DEFAULT expression, if any. */
  hasDefault: boolean;
  /** From the schema: the enum's database values. */
  enumValues?: string[];
  maxLength?: number;
  /** From the schema: a value Prisma Client would fill in when none is given. */
  generated?: "uuid" | "cuid" | "now" | "updatedAt";
}

export interface ForeignKey {
  /** The referencing table and its columns. */
  table: string;
  columns: string[];
  /** The referenced table and its columns (the parent). */
  references: string;
  referencedColumns: string[];
  onDelete: string;
}

export interface CatalogueTable {
  name: string;
  columns: CatalogueColumn[];
  /** The primary key's columns in key order; empty for a table without one (rows are then keyed by rowid). */
  key: string[];
  /** Foreign keys of this table (it is the child). */
  outgoing: ForeignKey[];
  /** Foreign keys of other tables that point here (it is the parent). */
  incoming: ForeignKey[];
  /** The model this table belongs to in the schema, if the schema has it. */
  model?: string;
}

export type Catalogue = Map<string, CatalogueTable>;

/** Prisma's bookkeeping and SQLite's own tables are not the user's data. */
const HIDDEN_TABLE = /^(_prisma_migrations|sqlite_.*)$/;

/** Identifier quoting has one home (lib/schema/identifiers); the grid's queries take it from here. */
export { quoteIdentifier } from "../schema/identifiers";

/** The kind of value a declared SQLite type holds, as Prisma's SQLite connector maps its types. */
export function kindOfType(declared: string): ValueKind {
  const type = declared.toUpperCase().replace(/\(.*$/, "").trim();
  if (type === "BIGINT" || type === "INT8" || type === "UNSIGNED BIG INT") return "bigint";
  if (type.includes("INT")) return "int";
  if (type === "BOOLEAN" || type === "BOOL") return "boolean";
  if (type === "DATETIME" || type === "TIMESTAMP" || type === "DATE") return "datetime";
  if (type === "DECIMAL" || type === "NUMERIC") return "decimal";
  if (type === "REAL" || type === "FLOAT" || type === "DOUBLE" || type === "DOUBLE PRECISION") return "float";
  if (type === "JSONB" || type === "JSON") return "json";
  if (type === "BLOB") return "bytes";
  return "text";
}

function generatedBy(defaultExpression: string | undefined, updatedAt: boolean): CatalogueColumn["generated"] {
  if (updatedAt) return "updatedAt";
  if (!defaultExpression) return undefined;
  if (defaultExpression.startsWith("uuid(")) return "uuid";
  if (defaultExpression.startsWith("cuid(")) return "cuid";
  if (defaultExpression === "now()") return "now";
  return undefined;
}

// One catalogue per database schema: rebuilt only when DDL changed it (or the file was replaced
// by another, which can repeat a schema_version number: the DDL itself is the key) or the schema file did.
let cached: { key: string; graph: SchemaGraph | undefined; catalogue: Catalogue } | undefined;

export function readCatalogue(database: Database.Database, graph?: SchemaGraph): Catalogue {
  const ddl = database
    .prepare("SELECT group_concat(type || ' ' || name || ' ' || coalesce(sql, ''), char(10)) AS ddl FROM sqlite_master")
    .get() as {
    ddl: string | null;
  };
  const key = `${database.name}\0${createHash("sha1")
    .update(ddl.ddl ?? "")
    .digest("hex")}`;
  if (cached && cached.key === key && cached.graph === graph) return cached.catalogue;
  const catalogue = buildCatalogue(database, graph);
  cached = { key, graph, catalogue };
  return catalogue;
}

function buildCatalogue(database: Database.Database, graph: SchemaGraph | undefined): Catalogue {
  const names = (
    database.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
  )
    .map((row) => row.name)
    .filter((name) => !HIDDEN_TABLE.test(name));
  const catalogue: Catalogue = new Map();
  for (const name of names) {
    const model = graph && modelForTable(graph, name);
    const info = database.prepare(`PRAGMA table_info(${quoteIdentifier(name)})`).all() as {
      name: string;
      type: string;
      notnull: number;
      pk: number;
      dflt_value: string | null;
    }[];
    const columns = info.map((column): CatalogueColumn => {
      const field = model?.fields.find((f) => f.kind !== "object" && columnName(f) === column.name);
      const enumeration = field?.kind === "enum" ? graph?.enums.find((e) => e.name === field.type) : undefined;
      return {
        name: column.name,
        type: column.type,
        kind: kindOfType(column.type),
        notNull: column.notnull === 1 || column.pk > 0,
        primaryKey: column.pk,
        hasDefault: column.dflt_value !== null,
        ...(enumeration && { enumValues: enumeration.values.map((v) => v.dbName ?? v.name) }),
        ...(field?.maxLength && { maxLength: field.maxLength }),
        ...(field && generatedBy(field.default, field.updatedAt) && { generated: generatedBy(field.default, field.updatedAt) }),
      };
    });
    const foreignKeys = new Map<number, ForeignKey>();
    for (const row of database.prepare(`PRAGMA foreign_key_list(${quoteIdentifier(name)})`).all() as {
      id: number;
      table: string;
      from: string;
      to: string | null;
      on_delete: string;
    }[]) {
      const key = foreignKeys.get(row.id) ?? {
        table: name,
        columns: [],
        references: row.table,
        referencedColumns: [],
        onDelete: row.on_delete,
      };
      key.columns.push(row.from);
      key.referencedColumns.push(row.to ?? "");
      foreignKeys.set(row.id, key);
    }
    catalogue.set(name, {
      name,
      columns,
      key: columns
        .filter((c) => c.primaryKey > 0)
        .sort((a, b) => a.primaryKey - b.primaryKey)
        .map((c) => c.name),
      outgoing: [...foreignKeys.values()],
      incoming: [],
      ...(model && { model: model.name }),
    });
  }
  for (const table of catalogue.values()) {
    for (const key of table.outgoing) {
      const parent = catalogue.get(key.references);
      if (!parent) continue;
      // A foreign key written without columns references the parent's primary key.
      if (key.referencedColumns.some((c) => !c)) key.referencedColumns = parent.key.slice(0, key.columns.length);
      parent.incoming.push(key);
    }
  }
  return catalogue;
}

export class GridRefused extends Error {}

export function tableOf(catalogue: Catalogue, name: string): CatalogueTable {
  const table = catalogue.get(name);
  if (!table) throw new GridRefused(`There is no table "${name}" in the database.`);
  return table;
}

export function columnOf(table: CatalogueTable, name: string): CatalogueColumn {
  const column = table.columns.find((c) => c.name === name);
  if (!column) throw new GridRefused(`${table.name} has no column "${name}".`);
  return column;
}
