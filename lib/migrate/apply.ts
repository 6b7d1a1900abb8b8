import { createHash, randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import type { MigrationList } from "@prisma/schema-engine-wasm";

/**
 * Applies the folder's unapplied revisions to the SQLite database, each completely or not
 * at all, and records them in `_prisma_migrations` exactly as Prisma does (same table, the
 * SHA-256 of migration.sql as checksum, names, timestamps, applied_steps_count), so that
 * `prisma migrate deploy` elsewhere treats them as applied.
 *
 * Prisma's own apply runs a script outside any transaction: a failure half-way leaves a
 * half-changed database. Here each revision runs in one transaction, with foreign keys
 * switched off before it starts (inside one the pragma does nothing, and a table rebuild
 * would delete child rows), and `PRAGMA foreign_key_check` before commit: a revision that
 * would leave a dangling reference rolls back.
 */

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/** Prisma's timestamp text: 2026-11-24T23:06:06.252+00:00. */
const prismaTime = (date: Date) => date.toISOString().replace("Z", "+00:00");

export function checksumOf(sql: string): string {
  return createHash("sha256").update(sql, "utf8").digest("hex");
}

export class RevisionFailed extends Error {
  constructor(
    readonly revision: string,
    message: string,
    /** The revisions before it that did apply. */
    readonly applied: string[] = [],
  ) {
    super(message);
  }
}

/** A row of `_prisma_migrations`. */
export interface MigrationRow {
  id: string;
  migration_name: string;
  checksum: string;
  started_at: string;
  finished_at: string | null;
  rolled_back_at: string | null;
  logs: string | null;
  applied_steps_count: number;
}

/** The database's history rows, oldest first; none when there is no database or no history yet. */
export function readMigrationRows(databasePath: string): MigrationRow[] {
  let database: Database.Database | undefined;
  try {
    database = new Database(databasePath, { readonly: true, fileMustExist: true });
    const exists = database.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    return exists ? (database.prepare("SELECT * FROM _prisma_migrations ORDER BY started_at").all() as MigrationRow[]) : [];
  } catch {
    return [];
  } finally {
    database?.close();
  }
}

/** Applied: finished and not rolled back. */
export const isApplied = (row: MigrationRow) => row.finished_at !== null && row.rolled_back_at === null;
/** Failed: started, never finished, not resolved as rolled back (what `prisma migrate deploy` stops at). */
export const isFailed = (row: MigrationRow) => row.finished_at === null && row.rolled_back_at === null;

/** A revision of the folder that the history has not finished, in folder order. */
export interface UnfinishedRevision {
  name: string;
  content: MigrationList["migrationDirectories"][number]["migrationFile"]["content"];
  /** An earlier attempt failed: it is resolved as rolled back before this one runs. */
  failedBefore: boolean;
}

/** What applying the folder runs, on any database: its revisions the history has not finished. */
export function unfinishedRevisions(rows: MigrationRow[], migrations: MigrationList): UnfinishedRevision[] {
  const finished = new Set(rows.filter(isApplied).map((row) => row.migration_name));
  const failed = new Set(rows.filter(isFailed).map((row) => row.migration_name));
  return migrations.migrationDirectories
    .filter((directory) => !finished.has(directory.path))
    .map((directory) => ({
      name: directory.path,
      content: directory.migrationFile.content,
      failedBefore: failed.has(directory.path),
    }));
}

/** The revision's SQL, or why it cannot run (with the revisions `applied` before it). */
export function sqlOf(revision: UnfinishedRevision, applied: string[]): string {
  if (revision.content.tag === "error")
    throw new RevisionFailed(revision.name, `${revision.name}/migration.sql cannot be read: ${revision.content.value}`, applied);
  return revision.content.value;
}

/** What the history's `logs` and the user are told when a revision fails. */
export function failureReason(revision: string, error: unknown): string {
  return `${revision} did not apply, and the database is unchanged: ${message(error)}`;
}

/**
 * Runs one script in one transaction with foreign keys off before it starts and checked
 * before it commits; `bookkeeping` runs inside the same transaction (the history row).
 * Throws with the reason; the database is then as it was.
 */
function runAtomically(database: Database.Database, sql: string, bookkeeping: () => void): void {
  database.pragma("foreign_keys = OFF");
  database.exec("BEGIN IMMEDIATE");
  try {
    database.exec(sql);
    const broken = database.pragma("foreign_key_check") as { table: string; parent: string }[];
    if (broken.length) {
      const tables = [...new Set(broken.map((row) => `${row.table} → ${row.parent}`))].join(", ");
      throw new Error(`it would leave ${broken.length} row(s) pointing at rows that do not exist (${tables})`);
    }
    bookkeeping();
    database.exec("COMMIT");
  } catch (error) {
    if (database.inTransaction) database.exec("ROLLBACK");
    throw error;
  } finally {
    database.pragma("foreign_keys = ON");
  }
}

/** Opens the database with Prisma's history table in place, for `work`, and closes it. */
function withHistoryTable<T>(databasePath: string, work: (database: Database.Database) => T): T {
  const database = new Database(databasePath);
  try {
    database.exec(MIGRATIONS_TABLE);
    return work(database);
  } finally {
    database.close();
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

const RECORD_FAILED = `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
   VALUES (?, ?, NULL, ?, ?, NULL, ?, 0)`;
const MARK_ROLLED_BACK =
  "UPDATE _prisma_migrations SET rolled_back_at = ? WHERE migration_name = ? AND finished_at IS NULL AND rolled_back_at IS NULL";

/**
 * Applies what the database has not applied yet, in folder order; returns the names applied.
 *
 * A revision that fails rolls back completely and is then recorded as Prisma records a
 * failure: a row started and never finished, no step applied, the error in `logs`. The
 * database being unchanged, trying it again is safe: a failed attempt is first resolved as
 * `prisma migrate resolve --rolled-back` would (rolled_back_at set, the row kept as the
 * trail), then the revision runs again.
 */
export function applyPending(databasePath: string, migrations: MigrationList): string[] {
  return withHistoryTable(databasePath, (database) => {
    const rows = database.prepare("SELECT * FROM _prisma_migrations").all() as MigrationRow[];
    const record = database.prepare(
      `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
    );
    const applied: string[] = [];
    for (const revision of unfinishedRevisions(rows, migrations)) {
      const sql = sqlOf(revision, applied);
      if (revision.failedBefore) database.prepare(MARK_ROLLED_BACK).run(prismaTime(new Date()), revision.name);
      const startedAt = new Date();
      try {
        runAtomically(database, sql, () =>
          record.run(randomUUID(), checksumOf(sql), prismaTime(new Date()), revision.name, prismaTime(startedAt)),
        );
      } catch (error) {
        const reason = failureReason(revision.name, error);
        database.prepare(RECORD_FAILED).run(randomUUID(), checksumOf(sql), revision.name, reason, prismaTime(startedAt));
        throw new RevisionFailed(revision.name, reason, applied);
      }
      applied.push(revision.name);
    }
    return applied;
  });
}

/**
 * `prisma migrate resolve --rolled-back`: the failed attempts of a revision are marked
 * rolled back, kept as the trail, and ignored from then on. Returns how many there were.
 */
export function markRolledBack(databasePath: string, revision: string): number {
  return withHistoryTable(
    databasePath,
    (database) => database.prepare(MARK_ROLLED_BACK).run(prismaTime(new Date()), revision).changes,
  );
}

/**
 * `prisma migrate resolve --applied`: records a revision as applied without running it,
 * with the row Prisma writes for that (the file's checksum, started and finished at the
 * same instant, empty logs, no step counted).
 */
export function markApplied(databasePath: string, revision: string, sql: string): void {
  withHistoryTable(databasePath, (database) => {
    const now = prismaTime(new Date());
    database
      .prepare(
        `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
         VALUES (?, ?, ?, ?, '', NULL, ?, 0)`,
      )
      .run(randomUUID(), checksumOf(sql), now, revision, now);
  });
}

/** Runs a revision's down.sql and removes its history row, in one transaction. */
export function revertRevision(databasePath: string, revision: string, downSql: string): void {
  withHistoryTable(databasePath, (database) => {
    try {
      runAtomically(database, downSql, () =>
        database.prepare("DELETE FROM _prisma_migrations WHERE migration_name = ?").run(revision),
      );
    } catch (error) {
      throw new RevisionFailed(
        revision,
        `${revision} could not be rolled back, and the database is unchanged: ${message(error)}`,
      );
    }
  });
}
