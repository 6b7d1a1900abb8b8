import type pg from "pg";
import { quoteIdentifier, type CatalogueColumn, type CatalogueTable } from "../../catalogue";
import type { GridDatabase, Refusal, RowIdentity, TableChanges } from "../../grid-database";
import type { SqlValue } from "../../values";
import { readPostgresCatalogue } from "./catalogue";
import { checkout } from "./pool";

/**
 * The grid on a PostgreSQL server through pg: one pooled connection per request. A row is
 * named by its primary key (by ctid in a table without one); arrays and json are read as
 * PostgreSQL's own text, so nothing is lost on the way; a cascade is counted from the
 * transaction's own statistics (pg_stat_xact_user_tables), which see every row a foreign
 * key's ON DELETE action removes or changes.
 */
export async function openPostgresGrid(url: string): Promise<GridDatabase> {
  const client = await checkout(url);
  const query = (sql: string, params: unknown[]) => client.query(sql, params);
  return {
    nullsFirst: false,
    catalogue: (graph) => readPostgresCatalogue(client, url, graph),
    placeholder: (n) => `$${n}`,
    rowIdentity,
    selectColumn: (column) =>
      column.kind === "array" || column.kind === "json"
        ? `${quoteIdentifier(column.name)}::text AS ${quoteIdentifier(column.name)}`
        : quoteIdentifier(column.name),
    distinct: (left, right) => `${left} IS DISTINCT FROM ${right}`,
    like: (column, pattern) => `${quoteIdentifier(column.name)}::text LIKE ${pattern} ESCAPE '\\'`,
    arrayHas: (column, element) => `${quoteIdentifier(column.name)} @> ${element}::${column.type}`,
    jsonPathEquals: (column, path, value, params) =>
      `(${quoteIdentifier(column.name)}::jsonb #> ${params.add(path)}::text[]) = ${params.add(JSON.stringify(value))}::jsonb`,
    bind,
    all: async (sql, params) => (await query(sql, params)).rows,
    run: async (sql, params) => (await query(sql, params)).rowCount ?? 0,
    async *batches(sql, params, size) {
      // A cursor in a read-only transaction: the server holds the result, the export fetches it in batches.
      await client.query("BEGIN READ ONLY");
      try {
        await client.query(`DECLARE sf_export NO SCROLL CURSOR FOR ${sql}`, params);
        for (;;) {
          const { rows } = await client.query<unknown[]>({ text: `FETCH ${size} FROM sf_export`, rowMode: "array" });
          if (!rows.length) break;
          yield rows;
        }
      } finally {
        await client.query("ROLLBACK");
      }
    },
    async transaction(work) {
      await client.query("BEGIN");
      try {
        const result = await work();
        await client.query("COMMIT");
        return result;
      } catch (error) {
        // On a lost connection there is nothing to roll back: the first error is the one to tell.
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      }
    },
    async countChanges(tables) {
      const before = await transactionChanges(client, tables);
      return async () => {
        const after = await transactionChanges(client, tables);
        return tables.map(({ name }) => ({
          table: name,
          deleted: (after.get(name)?.deleted ?? 0) - (before.get(name)?.deleted ?? 0),
          nulled: (after.get(name)?.nulled ?? 0) - (before.get(name)?.nulled ?? 0),
        }));
      };
    },
    refusal,
    close: async () => client.release(),
  };
}

function rowIdentity(table: CatalogueTable): RowIdentity[] {
  if (!table.key.length) return [{ sql: `${table.sql}.ctid` }];
  return table.key.map((name) => ({
    sql: `${table.sql}.${quoteIdentifier(name)}`,
    column: table.columns.find((c) => c.name === name),
  }));
}

/** A value parsed for SQLite's storage, as PostgreSQL takes it: booleans as booleans, big numbers as their digits. */
function bind(column: CatalogueColumn | undefined, value: SqlValue): unknown {
  if (Array.isArray(value)) return value.map((element) => bindScalar(column?.element, element));
  return bindScalar(column?.kind, value);
}

function bindScalar(kind: CatalogueColumn["kind"] | undefined, value: Exclude<SqlValue, unknown[]>): unknown {
  if (value === null) return null;
  if (kind === "boolean" && typeof value === "number") return value === 1;
  if (typeof value === "bigint" || (kind === "decimal" && typeof value === "number")) return String(value);
  return value;
}

/**
 * Rows deleted and updated per table as this connection's statistics count them. They hold
 * the current transaction's statements and earlier ones not yet reported (PostgreSQL reports
 * them at most once a second, never inside a transaction): a count is the difference of two.
 */
async function transactionChanges(client: pg.ClientBase, tables: CatalogueTable[]): Promise<Map<string, TableChanges>> {
  const bySql = new Map(tables.map((t) => [t.sql, t.name]));
  const { rows } = await client.query<{ schemaname: string; relname: string; deleted: string; nulled: string }>(
    "SELECT schemaname, relname, n_tup_del::text AS deleted, n_tup_upd::text AS nulled FROM pg_stat_xact_user_tables",
  );
  const changes = new Map<string, TableChanges>();
  for (const row of rows) {
    const name = bySql.get(`${quoteIdentifier(row.schemaname)}.${quoteIdentifier(row.relname)}`);
    if (name) changes.set(name, { table: name, deleted: Number(row.deleted), nulled: Number(row.nulled) });
  }
  return changes;
}

/** PostgreSQL's SQLSTATE codes in the grid's terms. */
function refusal(error: unknown): Refusal | undefined {
  const { code, detail } = error as { code?: string; detail?: string };
  if (typeof code !== "string") return undefined;
  const message = [error instanceof Error ? error.message : String(error), detail].filter(Boolean).join(": ");
  if (code === "23503") return { kind: "foreign-key", message };
  if (code === "23505") {
    // "Key (name, email)=(sandy, x) already exists."
    const columns = /^Key \((.*?)\)=/
      .exec(detail ?? "")?.[1]
      ?.split(", ")
      .map((c) => c.replace(/^"|"$/g, ""));
    return { kind: "unique", columns, message };
  }
  if (code === "23502") return { kind: "not-null", message };
  if (code.startsWith("23") || code.startsWith("22")) return { kind: "invalid", message };
  if (code === "40P01" || code === "55P03" || code === "40001") return { kind: "busy", message };
  return undefined;
}
