import type pg from "pg";
import { datasourceSchemas, tableInSchema, type SchemaGraph } from "../../../schema/graph";
import {
  describeTables,
  quoteIdentifier,
  type Catalogue,
  type DatabaseTable,
  type ForeignKey,
  type ValueKind,
} from "../../catalogue";

/**
 * The grid's catalogue of a PostgreSQL database, read from pg_catalog for every schema the
 * project uses: the datasource's `schemas`, else the URL's `?schema=`, else public. Tables
 * outside the first schema are named `schema.table`.
 */

/** The kind of value a PostgreSQL base type holds (by its pg_type name), as Prisma maps its types. */
export function kindOfPgType(name: string): Exclude<ValueKind, "array"> {
  switch (name) {
    case "int2":
    case "int4":
      return "int";
    case "int8":
      return "bigint";
    case "float4":
    case "float8":
      return "float";
    case "numeric":
    case "money":
      return "decimal";
    case "bool":
      return "boolean";
    case "timestamp":
    case "timestamptz":
    case "date":
      return "datetime";
    case "json":
    case "jsonb":
      return "json";
    case "bytea":
      return "bytes";
    default:
      return "text";
  }
}

const ON_DELETE: Record<string, string> = { a: "NO ACTION", r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };

/** The schemas the project's tables live in. */
export function projectSchemas(url: string, graph: SchemaGraph | undefined): string[] {
  const named = graph ? datasourceSchemas(graph) : [];
  return named.length ? named : [new URL(url).searchParams.get("schema") || "public"];
}

const COLUMNS = `
SELECT n.nspname AS schema, c.relname AS table, a.attname AS name,
       format_type(a.atttypid, a.atttypmod) AS type,
       coalesce(et.typname, t.typname)::text AS base, t.typcategory = 'A' AS is_array,
       a.attnotnull AS not_null, a.atthasdef AS has_default,
       coalesce(array_position(pk.conkey, a.attnum), 0) AS pk,
       (SELECT array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] FROM pg_enum e
         WHERE e.enumtypid = coalesce(et.oid, t.oid)) AS enum_values
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_type et ON t.typcategory = 'A' AND et.oid = t.typelem
LEFT JOIN pg_constraint pk ON pk.conrelid = c.oid AND pk.contype = 'p'
WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = ANY($1::text[])
  AND NOT (c.relname = '_prisma_migrations')
ORDER BY n.nspname, c.relname, a.attnum`;

const FOREIGN_KEYS = `
SELECT n.nspname AS schema, c.relname AS table, rn.nspname AS ref_schema, rc.relname AS ref_table,
       ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, i)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.i)::text[] AS columns,
       ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, i)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.i)::text[] AS referenced,
       con.confdeltype::text AS on_delete
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_class rc ON rc.oid = con.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
WHERE con.contype = 'f' AND n.nspname = ANY($1::text[])
ORDER BY n.nspname, c.relname, con.conname`;

interface ColumnRow {
  schema: string;
  table: string;
  name: string;
  type: string;
  base: string;
  is_array: boolean;
  not_null: boolean;
  has_default: boolean;
  pk: number;
  enum_values: string[] | null;
}

export async function readPostgresCatalogue(client: pg.ClientBase, url: string, graph?: SchemaGraph): Promise<Catalogue> {
  const schemas = projectSchemas(url, graph);
  const shownName = (schema: string, table: string) => tableInSchema(table, schema, schemas[0]);
  const tables = new Map<string, DatabaseTable>();
  for (const row of (await client.query<ColumnRow>(COLUMNS, [schemas])).rows) {
    const name = shownName(row.schema, row.table);
    let table = tables.get(name);
    if (!table) {
      table = { name, sql: `${quoteIdentifier(row.schema)}.${quoteIdentifier(row.table)}`, columns: [], outgoing: [] };
      tables.set(name, table);
    }
    const kind = kindOfPgType(row.base);
    table.columns.push({
      name: row.name,
      type: row.type,
      kind: row.is_array ? "array" : kind,
      ...(row.is_array && { element: kind }),
      notNull: row.not_null || row.pk > 0,
      primaryKey: row.pk,
      hasDefault: row.has_default,
      ...(row.enum_values && { enumValues: row.enum_values }),
    });
  }
  const keys = await client.query<{
    schema: string;
    table: string;
    ref_schema: string;
    ref_table: string;
    columns: string[];
    referenced: string[];
    on_delete: string;
  }>(FOREIGN_KEYS, [schemas]);
  for (const row of keys.rows) {
    const key: ForeignKey = {
      table: shownName(row.schema, row.table),
      columns: row.columns,
      references: shownName(row.ref_schema, row.ref_table),
      referencedColumns: row.referenced,
      onDelete: ON_DELETE[row.on_delete] ?? "NO ACTION",
    };
    tables.get(key.table)?.outgoing.push(key);
  }
  return describeTables([...tables.values()], graph);
}
