import type { SchemaGraph } from "../schema/graph";
import { columnName } from "../schema/graph";
import { modelForTable } from "./constraints";

/**
 * What the data grid knows about the database: its tables, their columns with the kind of
 * value each holds, their foreign keys both ways. Each dialect reads it from the database's
 * own catalogue (lib/data/dialects/: the database is what the grid shows, even when the
 * schema file is ahead of it); `describeTables` then enriches it from the schema where it
 * says more than the database can (enum values, maximum lengths, values Prisma Client fills
 * in). Every table or column name a query uses comes from here; a name in a request only
 * picks one of these.
 */

export type ValueKind =
  | "int"
  | "bigint"
  | "float"
  | "decimal"
  | "boolean"
  | "datetime"
  | "json"
  | "bytes"
  | "text"
  /** A PostgreSQL array (`String[]`); its elements are of `element` kind. */
  | "array";

export interface CatalogueColumn {
  name: string;
  /** The declared type, as the migration wrote it (SQLite) or as PostgreSQL prints it. */
  type: string;
  kind: ValueKind;
  /** For an array: the kind of its elements. */
  element?: Exclude<ValueKind, "array">;
  notNull: boolean;
  /** Position in the primary key, from 1; 0 when not part of it. */
  primaryKey: number;
  /** The database's DEFAULT expression, if any. */
  hasDefault: boolean;
  /** The enum's database values (for an array, its elements'). */
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
  /** The name the grid shows and requests use: the table's, schema-qualified outside the default schema. */
  name: string;
  /** The name as SQL writes it: quoted, schema-qualified on PostgreSQL. */
  sql: string;
  columns: CatalogueColumn[];
  /** The primary key's columns in key order; empty for a table without one (rows are then named by the dialect's row identity). */
  key: string[];
  /** Foreign keys of this table (it is the child). */
  outgoing: ForeignKey[];
  /** Foreign keys of other tables that point here (it is the parent). */
  incoming: ForeignKey[];
  /** The model this table belongs to in the schema, if the schema has it. */
  model?: string;
}

export type Catalogue = Map<string, CatalogueTable>;

/** A table as a dialect reads it from its database, before the schema enriches it. */
export interface DatabaseTable {
  name: string;
  sql: string;
  columns: Omit<CatalogueColumn, "generated" | "maxLength">[];
  outgoing: ForeignKey[];
}

/** Identifier quoting has one home (lib/schema/identifiers); the grid's queries take it from here. */
export { quoteIdentifier } from "../schema/identifiers";

function generatedBy(defaultExpression: string | undefined, updatedAt: boolean): CatalogueColumn["generated"] {
  if (updatedAt) return "updatedAt";
  if (!defaultExpression) return undefined;
  if (defaultExpression.startsWith("uuid(")) return "uuid";
  if (defaultExpression.startsWith("cuid(")) return "cuid";
  if (defaultExpression === "now()") return "now";
  return undefined;
}

/** The catalogue from a database's tables, with what the schema adds, and every foreign key seen from both ends. */
export function describeTables(tables: DatabaseTable[], graph: SchemaGraph | undefined): Catalogue {
  const catalogue: Catalogue = new Map();
  for (const table of tables) {
    const model = graph && modelForTable(graph, table.name);
    const columns = table.columns.map((column): CatalogueColumn => {
      const field = model?.fields.find((f) => f.kind !== "object" && columnName(f) === column.name);
      const enumeration = field?.kind === "enum" ? graph?.enums.find((e) => e.name === field.type) : undefined;
      const generated = field && generatedBy(field.default, field.updatedAt);
      return {
        ...column,
        ...(enumeration && { enumValues: enumeration.values.map((v) => v.dbName ?? v.name) }),
        ...(field?.maxLength && { maxLength: field.maxLength }),
        ...(generated && { generated }),
      };
    });
    catalogue.set(table.name, {
      name: table.name,
      sql: table.sql,
      columns,
      key: columns
        .filter((c) => c.primaryKey > 0)
        .sort((a, b) => a.primaryKey - b.primaryKey)
        .map((c) => c.name),
      outgoing: table.outgoing,
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
