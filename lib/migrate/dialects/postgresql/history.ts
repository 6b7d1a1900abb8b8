import { randomUUID } from "node:crypto";
import type { MigrationList } from "@prisma/schema-engine-wasm";
import pg from "pg";
import { checksumOf, failureReason, RevisionFailed, sqlOf, unfinishedRevisions, type MigrationRow } from "../../apply";
import { connectPostgres } from "../../../project/postgres";
import { extensionHint } from "./extensions";
import { transactionParts } from "./outside-transaction";

/**
 * The migrations history on PostgreSQL: the folder's unapplied revisions applied, each in one
 * transaction (PostgreSQL's DDL is transactional: a revision that fails leaves nothing behind),
 * recorded in `_prisma_migrations` as Prisma records them, so that `prisma migrate deploy`
 * elsewhere treats them as applied. One migration at a time across processes and machines:
 * a PostgreSQL advisory lock, held for the whole apply.
 */

/** Prisma's own history table on PostgreSQL, column for column. */
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** The advisory lock's key: the same in every process that migrates this database. */
const LOCK_KEY = 72_707_369; // "schemaflow migrate"

export class PostgresMigrationLocked extends Error {}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connectPostgres(url);
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Rows as better-sqlite3 gives them on SQLite: timestamps as text, so both histories read alike. */
function rowsOf(result: pg.QueryResult): MigrationRow[] {
  const text = (value: unknown) => (value instanceof Date ? value.toISOString() : (value as string | null));
  return result.rows.map((row) => ({
    ...row,
    started_at: text(row.started_at)!,
    finished_at: text(row.finished_at),
    rolled_back_at: text(row.rolled_back_at),
  }));
}

/** The database's history rows, oldest first; none when there is no history yet. */
export function readMigrationRows(url: string): Promise<MigrationRow[]> {
  return withClient(url, migrationRows);
}

/** The history rows, read on a connection already open (a rehearsal's transaction). */
export async function migrationRows(client: pg.ClientBase): Promise<MigrationRow[]> {
  const exists = await client.query("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present");
  if (!exists.rows[0].present) return [];
  return rowsOf(await client.query("SELECT * FROM _prisma_migrations ORDER BY started_at"));
}

/**
 * Runs `work` holding the database's migration lock: waits for another holder up to
 * `waitMs`, then gives up naming the holder's backend pid. The lock is the session's: it goes
 * with the connection, however the holder ends.
 */
export async function withMigrationLock<T>(url: string, waitMs: number, work: (client: pg.Client) => Promise<T>): Promise<T> {
  return withClient(url, async (client) => {
    const deadline = Date.now() + waitMs;
    while (!(await client.query("SELECT pg_try_advisory_lock($1) AS locked", [LOCK_KEY])).rows[0].locked) {
      if (Date.now() >= deadline) {
        const holder = await client.query(
          "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
          [LOCK_KEY],
        );
        const pid = holder.rows[0]?.pid as number | undefined;
        throw new PostgresMigrationLocked(
          `another migration is running on this database (${pid ? `server process ${pid}` : "another session"}); try again when it is done`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    try {
      return await work(client);
    } finally {
      // A lost connection released the lock with the session.
      await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    }
  });
}

/** One script and its history row in one transaction; throws with the reason, the database as it was. */
async function runAtomically(client: pg.Client, sql: string, bookkeeping: () => Promise<unknown>): Promise<void> {
  await client.query("BEGIN");
  try {
    await client.query(sql);
    await bookkeeping();
    await client.query("COMMIT");
  } catch (error) {
    // On a lost connection there is nothing to roll back (the server did): the first error is the one to tell.
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

/** The server ended the session (shut down, the backend killed) or the socket closed. */
function connectionLost(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  return (
    (code !== undefined && /^57P0[123]$/.test(code)) ||
    /Connection terminated|connection ended|not queryable/i.test(message ?? "")
  );
}

const RECORD = `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
  VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)`;
const RECORD_FAILED = `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
  VALUES ($1, $2, NULL, $3, $4, NULL, $5, 0)`;
const MARK_ROLLED_BACK =
  "UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1 AND finished_at IS NULL AND rolled_back_at IS NULL";

/**
 * Applies what the database has not applied yet, in folder order; returns the names applied.
 * A revision that fails rolls back completely and is recorded as Prisma records a failure
 * (started, never finished, the error in `logs`); trying it again first resolves that attempt
 * as rolled back, as on SQLite (lib/migrate/apply).
 */
export function applyPending(url: string, migrations: MigrationList, options: { waitMs?: number } = {}): Promise<string[]> {
  return withMigrationLock(url, options.waitMs ?? 10_000, async (client) => {
    await client.query(MIGRATIONS_TABLE);
    const rows = rowsOf(await client.query("SELECT * FROM _prisma_migrations"));
    const applied: string[] = [];
    for (const revision of unfinishedRevisions(rows, migrations)) {
      const sql = sqlOf(revision, applied);
      if (revision.failedBefore) await client.query(MARK_ROLLED_BACK, [revision.name]);
      const startedAt = new Date();
      const checksum = checksumOf(sql);
      const record = () => client.query(RECORD, [randomUUID(), checksum, revision.name, startedAt]);
      const parts = transactionParts(sql);
      // What of a revision in parts is in the database when a later part fails.
      let kept = "";
      try {
        if (!parts) await runAtomically(client, sql, record);
        else {
          for (const statement of parts.first) await client.query(statement);
          if (parts.first.length) kept = " Its new enum values were committed first and stay.";
          await runAtomically(client, parts.inside, parts.last.length ? async () => {} : record);
          if (parts.last.length)
            kept =
              " Its transaction was committed, but a CONCURRENTLY statement after it failed: the revision is recorded as failed; run what is left of it by hand.";
          for (const statement of parts.last) await client.query(statement);
          if (parts.last.length) await record();
        }
      } catch (error) {
        if (connectionLost(error)) {
          // Its transaction died with the connection: nothing of it applied, and nothing can be recorded.
          const reason = `${revision.name} did not apply, and the database is unchanged: the connection to the PostgreSQL server was lost during it (${(error as Error).message}), so its transaction rolled back. Run Migrate again once the server is back.`;
          throw new RevisionFailed(revision.name, reason, applied);
        }
        const reason = `${failureReason(revision.name, error)}${extensionHint((error as Error).message ?? "")}${kept}`;
        await client.query(RECORD_FAILED, [randomUUID(), checksum, revision.name, reason, startedAt]);
        throw new RevisionFailed(revision.name, reason, applied);
      }
      applied.push(revision.name);
    }
    return applied;
  });
}

/**
 * `prisma migrate resolve --rolled-back`: the failed attempts of a revision are marked rolled
 * back, kept as the trail, and ignored from then on. Returns how many there were.
 */
export function markRolledBack(url: string, revision: string): Promise<number> {
  return withClient(url, async (client) => {
    await client.query(MIGRATIONS_TABLE);
    return (await client.query(MARK_ROLLED_BACK, [revision])).rowCount ?? 0;
  });
}

/**
 * `prisma migrate resolve --applied`: records a revision as applied without running it, with
 * the row Prisma writes for that (the file's checksum, started and finished at once, empty
 * logs, no step counted).
 */
export function markApplied(url: string, revision: string, sql: string): Promise<void> {
  return withClient(url, async (client) => {
    await client.query(MIGRATIONS_TABLE);
    await client.query(
      `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES ($1, $2, now(), $3, '', NULL, now(), 0)`,
      [randomUUID(), checksumOf(sql), revision],
    );
  });
}

/** Runs a revision's down.sql and removes its history row, in one transaction, under the migration lock. */
export function revertRevision(url: string, revision: string, downSql: string): Promise<void> {
  return withMigrationLock(url, 10_000, async (client) => {
    try {
      await runAtomically(client, downSql, () =>
        client.query("DELETE FROM _prisma_migrations WHERE migration_name = $1", [revision]),
      );
    } catch (error) {
      throw new RevisionFailed(
        revision,
        `${revision} could not be rolled back, and the database is unchanged: ${message(error)}`,
      );
    }
  });
}
