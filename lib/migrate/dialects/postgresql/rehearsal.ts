import type { MigrationList } from "@prisma/schema-engine-wasm";
import pg from "pg";
import { castLosses, keepOldValues, keptColumns, typeChanges, writesRows } from "./casts";
import { extensionHint } from "./extensions";
import { rehearsable, transactionParts } from "./outside-transaction";
import type { DatabaseRename } from "../../../schema/renames";
import { unfinishedRevisions } from "../../apply";
import { statements } from "../../migrations-dir";
import { migrationRows, withMigrationLock } from "./history";
import type { Rehearsal } from "../../data-loss";
import { compare, renamed, type Snapshot } from "../../snapshot";
import { quoteIdentifier as quote } from "../../../schema/identifiers";
import { tableInSchema } from "../../../schema/graph";

/**
 * Before revisions touch a PostgreSQL database they run on the database itself, in a
 * transaction that is rolled back (PostgreSQL's DDL is transactional: nothing is copied, and
 * nothing stays). Compared before and after, as on SQLite (lib/migrate/rehearsal): tables and
 * columns that held data and are gone, tables that lost rows, values a type change cast into
 * others (./casts). A revision PostgreSQL refuses
 * there is reported with its failing statement and, for a unique constraint, the duplicates.
 */

/** How SQL names a table the snapshot named (`schema.table` outside the current schema). */
type TableSql = (key: string) => string;

/** Rows and non-null values of every table in the project's schemas, else the current one (Prisma's history aside). */
async function snapshot(client: pg.ClientBase, schemas: string[]): Promise<{ snapshot: Snapshot; sqlOf: TableSql }> {
  // The type as PostgreSQL prints it, precision and all: NUMERIC(10,2) to NUMERIC(10,1) is a change.
  // An enum (or a list of one) is its type's oid, which ALTER TYPE ... RENAME [VALUE] keeps:
  // the engine's drop and re-create of the type is a change, a rename on the canvas is not.
  const { rows: columns } = await client.query<{ schema: string; current: string; table: string; column: string; type: string }>(
    `SELECT n.nspname AS schema, current_schema() AS current, c.relname AS table, a.attname AS column,
            CASE WHEN 'e' IN (t.typtype, e.typtype) THEN 'enum ' || a.atttypid ELSE format_type(a.atttypid, a.atttypmod) END AS type
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typelem <> 0
      WHERE c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'
        AND (n.nspname = ANY($1::text[]) OR (cardinality($1::text[]) = 0 AND n.nspname = current_schema()))
      ORDER BY n.nspname, c.relname, a.attnum`,
    [schemas],
  );
  const tables: Snapshot["tables"] = new Map();
  const sql = new Map<string, string>();
  const byTable = new Map<string, { column: string; type: string }[]>();
  for (const column of columns) {
    const key = tableInSchema(column.table, column.schema, column.current);
    sql.set(key, `${quote(column.schema)}.${quote(column.table)}`);
    byTable.set(key, [...(byTable.get(key) ?? []), column]);
  }
  for (const [table, list] of byTable) {
    const counts = (
      await client.query(
        `SELECT count(*)::int AS __rows${list.map((c, i) => `, count(${quote(c.column)})::int AS c${i}`).join("")} FROM ${sql.get(table)}`,
      )
    ).rows[0] as Record<string, number>;
    tables.set(table, {
      rows: counts.__rows,
      columns: new Map(list.map((c, i) => [c.column, { values: counts[`c${i}`], type: c.type }])),
    });
  }
  return { snapshot: { tables }, sqlOf: (key) => sql.get(key) ?? quote(key) };
}

/**
 * The statement of a failed revision that PostgreSQL refuses: the revisions before it run
 * again in a new transaction, then its statements one at a time (the database keeps no trace).
 */
async function failingStatement(client: pg.ClientBase, before: string[], sql: string): Promise<string | undefined> {
  await client.query("ROLLBACK");
  await client.query("BEGIN");
  for (const earlier of before) await client.query(earlier);
  for (const statement of statements(sql)) {
    await client.query("SAVEPOINT statement");
    try {
      await client.query(statement);
    } catch {
      // Back to before it: the transaction stays usable (the duplicates are read in it).
      await client.query("ROLLBACK TO SAVEPOINT statement");
      return statement;
    }
  }
  return undefined;
}

/**
 * "Key (email)=(a@b.c) is duplicated.": the duplicated values, and how many rows share them,
 * read from the database as it is (none when the table is one the revisions create).
 */
async function duplicatesOf(client: pg.ClientBase, error: pg.DatabaseError) {
  const key = /^Key \((.+)\)=\((.*)\) is duplicated\.$/.exec(error.detail ?? "");
  if (!key || !error.table) return undefined;
  const list = key[1]
    .split(", ")
    .map((c) => quote(c.replace(/^"|"$/g, "")))
    .join(", ");
  try {
    const { rows } = await client.query(
      `SELECT ${list}, count(*)::int AS n FROM ${quote(error.table)} GROUP BY ${list} HAVING count(*) > 1 ORDER BY n DESC LIMIT 10`,
    );
    return rows.map(({ n, ...values }) => ({ values: Object.values(values).map(String).join(", "), count: n as number }));
  } catch {
    return undefined;
  }
}

/**
 * A revision in the rehearsal's transaction. One that applies in parts (./outside-transaction)
 * runs a statement at a time: CONCURRENTLY is dropped, and a statement that uses an enum value
 * the revision adds is skipped, as no transaction may use it (applying commits the value first).
 */
async function rehearseRevision(client: pg.ClientBase, sql: string): Promise<void> {
  if (!transactionParts(sql)) {
    await client.query(sql);
    return;
  }
  for (const statement of statements(sql)) {
    await client.query("SAVEPOINT part");
    try {
      await client.query(rehearsable(statement));
    } catch (error) {
      if ((error as pg.DatabaseError).code !== "55P04") throw error;
      await client.query("ROLLBACK TO SAVEPOINT part");
    }
  }
}

/**
 * The folder's revisions the database has not applied, run and measured, then rolled back.
 * It holds the migration lock as applying does: a rehearsal beside another process's apply
 * would otherwise run the same revision again, into that apply's uncommitted tables.
 */
export function rehearsePostgres(
  url: string,
  migrations: MigrationList,
  renames: DatabaseRename[] = [],
  /** A multi-schema project's schemas (the datasource's `schemas`); none: the current schema. */
  schemas: string[] = [],
): Promise<Rehearsal> {
  return withMigrationLock(url, 10_000, async (client) => {
    await client.query("BEGIN");
    try {
      const pending = unfinishedRevisions(await migrationRows(client), migrations);
      const { snapshot: before, sqlOf: sqlBefore } = await snapshot(client, schemas);
      const ran: string[] = [];
      for (const revision of pending) {
        if (revision.content.tag === "error") {
          const error = `${revision.name}/migration.sql cannot be read: ${revision.content.value}`;
          return { ok: false, revision: revision.name, error };
        }
        const sql = revision.content.value;
        try {
          await rehearseRevision(client, sql);
          ran.push(sql);
        } catch (error) {
          const failure = error as pg.DatabaseError;
          const statement = await failingStatement(client, ran, sql);
          return {
            ok: false,
            revision: revision.name,
            error: `${revision.name} did not apply: ${failure.message}.${extensionHint(failure.message)}`,
            statement,
            duplicates: failure.code === "23505" ? await duplicatesOf(client, failure) : undefined,
          };
        }
      }
      const { snapshot: after, sqlOf } = await snapshot(client, schemas);
      const losses = compare(renamed(before, renames), after);
      const changes = (writesRows(ran) ? keptColumns : typeChanges)(renamed(before, renames), after);
      if (!changes.length) return { ok: true, losses };
      // Again, with the old values of the retyped (or rewritten) columns kept beside: what became of them.
      await client.query("ROLLBACK");
      await client.query("BEGIN");
      const kept = await keepOldValues(client, changes, renames, sqlBefore);
      for (const sql of ran) await rehearseRevision(client, sql);
      return { ok: true, losses: [...losses, ...(await castLosses(client, kept, sqlOf))] };
    } finally {
      await client.query("ROLLBACK").catch(() => {});
    }
  });
}
