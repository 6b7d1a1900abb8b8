import { existsSync } from "node:fs";
import path from "node:path";
import type { Project } from "../project/project";
import { checksumOf } from "./apply";
import { migrationDatabase } from "./database";
import { DOWN_FILE, readMigrationList } from "./migrations-dir";

/** One revision as `alembic history` and `prisma migrate status` would list it. */
export interface RevisionEntry {
  name: string;
  /**
   * applied; pending (in the folder, not in the database); failed (started, never finished);
   * edited (its migration.sql changed after it was applied); missing (applied, but its folder is gone).
   */
  state: "applied" | "pending" | "failed" | "edited" | "missing";
  appliedAt?: string;
  /** Why it failed, as recorded in the history table's logs. */
  error?: string;
  sql?: string;
  /** The last applied revision: what the database is at. */
  head: boolean;
  /** It stores the SQL that rolls it back. */
  reversible: boolean;
}

export async function readHistory(project: Project): Promise<RevisionEntry[]> {
  const database = migrationDatabase(project);
  const migrations = await readMigrationList(project.migrationsDir, database.provider);
  const rows = (await database.readMigrationRows()).filter((row) => !row.rolled_back_at);
  const entries: RevisionEntry[] = [];
  for (const directory of migrations.migrationDirectories) {
    const row = rows.find((r) => r.migration_name === directory.path);
    const sql = directory.migrationFile.content.tag === "ok" ? directory.migrationFile.content.value : undefined;
    const reversible = existsSync(path.join(project.migrationsDir, directory.path, DOWN_FILE));
    const state: RevisionEntry["state"] = !row
      ? "pending"
      : !row.finished_at
        ? "failed"
        : sql !== undefined && checksumOf(sql) !== row.checksum
          ? "edited"
          : "applied";
    entries.push({
      name: directory.path,
      state,
      ...(row?.finished_at ? { appliedAt: row.finished_at } : {}),
      ...(state === "failed" && row?.logs ? { error: row.logs } : {}),
      sql,
      head: false,
      reversible,
    });
  }
  for (const row of rows) {
    if (!entries.some((e) => e.name === row.migration_name)) {
      entries.push({
        name: row.migration_name,
        state: "missing",
        appliedAt: row.finished_at ?? undefined,
        head: false,
        reversible: false,
      });
    }
  }
  const head = [...entries].reverse().find((e) => e.state === "applied" || e.state === "edited");
  if (head) head.head = true;
  return entries;
}
