import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/**
 * One migration at a time per database, across processes: the app's server, the CLI, a
 * second server on the same project.
 *
 * The lock is SQLite's own. Beside the database lies a small SQLite file,
 * `<database>.migration-lock`, and the holder keeps a write transaction open on it
 * (`BEGIN IMMEDIATE` takes SQLite's RESERVED lock, an operating-system file lock). The
 * kernel drops that lock when the holder's process ends, however it ends: a migration
 * killed with SIGKILL leaves no stale lock to detect and clean up, and a reused pid can
 * never pass for a live holder. The file itself is never deleted (a waiter may have it
 * open). Who holds the lock is written beside it, for the message only.
 */

/** How long a migration waits for another process's migration before it gives up. */
export const LOCK_WAIT_MS = 15_000;
const POLL_MS = 50;

export class MigrationLocked extends Error {}

export const lockPathOf = (databasePath: string) => `${databasePath}.migration-lock`;
const ownerPathOf = (databasePath: string) => `${lockPathOf(databasePath)}.owner`;

interface Owner {
  pid: number;
  since: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The live process named in the owner note, if the note is readable and that process still runs. */
function currentOwner(databasePath: string): Owner | undefined {
  try {
    const owner = JSON.parse(fs.readFileSync(ownerPathOf(databasePath), "utf8")) as Owner;
    return Number.isInteger(owner.pid) && isAlive(owner.pid) ? owner : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `task` holding the database's migration lock. Waits for another holder up to
 * `waitMs` (polling, so the event loop stays free), then refuses with MigrationLocked;
 * the task has not run then.
 */
export async function withMigrationLock<T>(
  databasePath: string,
  task: () => Promise<T>,
  options: { waitMs?: number } = {},
): Promise<T> {
  const waitMs = options.waitMs ?? LOCK_WAIT_MS;
  fs.mkdirSync(path.dirname(databasePath), { recursive: true });
  // timeout 0: a busy lock answers at once instead of blocking the whole process in SQLite's busy handler.
  const lock = new Database(lockPathOf(databasePath), { timeout: 0 });
  try {
    const deadline = Date.now() + waitMs;
    for (;;) {
      try {
        lock.exec("BEGIN IMMEDIATE");
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== "SQLITE_BUSY") throw error;
        if (Date.now() >= deadline) {
          const owner = currentOwner(databasePath);
          throw new MigrationLocked(
            `another migration is running (${owner ? `pid ${owner.pid}, since ${owner.since}` : "in another process"}) on ${databasePath}; ` +
              `waited ${Math.round(waitMs / 100) / 10} s for it. Nothing was changed: try again when it has finished.`,
          );
        }
        await sleep(Math.min(POLL_MS, Math.max(1, deadline - Date.now())));
      }
    }
    const owner: Owner = { pid: process.pid, since: new Date().toISOString() };
    fs.writeFileSync(ownerPathOf(databasePath), JSON.stringify(owner));
    try {
      return await task();
    } finally {
      fs.rmSync(ownerPathOf(databasePath), { force: true });
      lock.exec("ROLLBACK");
    }
  } finally {
    lock.close();
  }
}
