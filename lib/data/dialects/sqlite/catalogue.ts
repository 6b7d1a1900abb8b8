import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import type { SchemaGraph } from "../../../schema/graph";
import {
  describeTables,
  quoteIdentifier,
  type Catalogue,
  type DatabaseTable,
  type ForeignKey,
  type ValueKind,
} from "../../catalogue";

/** The grid's catalogue of a SQLite file: sqlite_master and its PRAGMAs. */

/** Prisma's bookkeeping and SQLite's own tables are not the user's data. */
const HIDDEN_TABLE = /^(_prisma_migrations|sqlite_.*)$/;

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

// One catalogue per database schema: rebuilt only when DDL changed it (or the file was replaced
// by another, which can repeat a schema_version number: the DDL itself is the key) or the schema file did.
let cached: { key: string; graph: SchemaGraph | undefined; catalogue: Catalogue } | undefined;

export function readSqliteCatalogue(database: Database.Database, graph?: SchemaGraph): Catalogue {
  const ddl = database
    .prepare("SELECT group_concat(type || ' ' || name || ' ' || coalesce(sql, ''), char(10)) AS ddl FROM sqlite_master")
    .get() as { ddl: string | null };
  const key = `${database.name}\0${createHash("sha1")
    .update(ddl.ddl ?? "")
    .digest("hex")}`;
  if (cached && cached.key === key && cached.graph === graph) return cached.catalogue;
  const catalogue = describeTables(readTables(database), graph);
  cached = { key, graph, catalogue };
  return catalogue;
}

function readTables(database: Database.Database): DatabaseTable[] {
  const names = (
    database.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
  )
    .map((row) => row.name)
    .filter((name) => !HIDDEN_TABLE.test(name));
  return names.map((name) => {
    const info = database.prepare(`PRAGMA table_info(${quoteIdentifier(name)})`).all() as {
      name: string;
      type: string;
      notnull: number;
      pk: number;
      dflt_value: string | null;
    }[];
    return {
      name,
      sql: quoteIdentifier(name),
      columns: info.map((column) => ({
        name: column.name,
        type: column.type,
        kind: kindOfType(column.type),
        notNull: column.notnull === 1 || column.pk > 0,
        primaryKey: column.pk,
        hasDefault: column.dflt_value !== null,
      })),
      outgoing: foreignKeys(database, name),
    };
  });
}

function foreignKeys(database: Database.Database, name: string): ForeignKey[] {
  const keys = new Map<number, ForeignKey>();
  for (const row of database.prepare(`PRAGMA foreign_key_list(${quoteIdentifier(name)})`).all() as {
    id: number;
    table: string;
    from: string;
    to: string | null;
    on_delete: string;
  }[]) {
    const key = keys.get(row.id) ?? {
      table: name,
      columns: [],
      references: row.table,
      referencedColumns: [],
      onDelete: row.on_delete,
    };
    key.columns.push(row.from);
    key.referencedColumns.push(row.to ?? "");
    keys.set(row.id, key);
  }
  return [...keys.values()];
}
