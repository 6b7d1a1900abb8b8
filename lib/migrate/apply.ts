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
  ) {
    super(message);
  }
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

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Applies what the database has not applied yet, in folder order; returns the names applied. */
export function applyPending(databasePath: string, migrations: MigrationList): string[] {
  const database = new Database(databasePath);
  try {
    database.exec(MIGRATIONS_TABLE);
    const finished = new Set(
      (
        database
          .prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL")
          .all() as {
          migration_name: string;
        }[]
      ).map((row) => row.migration_name),
    );
    const record = database.prepare(
      `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
    );
    const applied: string[] = [];
    for (const directory of migrations.migrationDirectories) {
      if (finished.has(directory.path)) continue;
      const content = directory.migrationFile.content;
      if (content.tag === "error")
        throw new RevisionFailed(directory.path, `${directory.path}/migration.sql cannot be read: ${content.value}`);
      const startedAt = new Date();
      try {
        runAtomically(database, content.value, () =>
          record.run(randomUUID(), checksumOf(content.value), prismaTime(new Date()), directory.path, prismaTime(startedAt)),
        );
      } catch (error) {
        throw new RevisionFailed(
          directory.path,
          `${directory.path} did not apply, and the database is unchanged: ${message(error)}`,
        );
      }
      applied.push(directory.path);
    }
    return applied;
  } finally {
    database.close();
  }
}

/** Runs a revision's down.sql and removes its history row, in one transaction. */
export function revertRevision(databasePath: string, revision: string, downSql: string): void {
  const database = new Database(databasePath);
  try {
    database.exec(MIGRATIONS_TABLE);
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
  } finally {
    database.close();
  }
}
