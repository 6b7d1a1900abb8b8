import fs from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import type { Project } from "../project/project";
import { applyPending } from "./apply";
import type { Rehearsal } from "./data-loss";
import { rehearse } from "./rehearsal";
import type { MigrationList } from "@prisma/schema-engine-wasm";
import { clearRenames, readRenames } from "../project/renames-store";
import { renameSql } from "../schema/renames";
import { openEngine, type EngineSession } from "./engine";
import { readMigrationList, revisionDirectoryName, writeRevision } from "./migrations-dir";
import { serialized } from "./serial";

/** The next revision: what the engine would write to go from the migrations to the schema. */
export interface RevisionPlan {
  /** The migration.sql the revision would hold. */
  sql: string;
  /** The engine's plain summary: "[+] Added tables", "[*] Changed the `address` table"... */
  summary: string;
  /** False when the schema already matches the migrations. */
  hasChanges: boolean;
  /** Revisions already in the folder that the database has not applied yet. */
  unapplied: string[];
  /** What applying it (and the unapplied ones) did to a copy of the database. */
  rehearsal: Rehearsal;
}

export type ApplyResult =
  | { status: "applied"; revision: string; applied: string[] }
  | { status: "up-to-date"; applied: string[] }
  | { status: "changed-since-preview"; plan: RevisionPlan }
  /** The rehearsal lost data and the user has not accepted it: nothing was written. */
  | { status: "needs-data-loss-consent"; plan: RevisionPlan }
  /** The revision fails on a copy of the database: nothing was written. */
  | { status: "rehearsal-failed"; plan: RevisionPlan };

/** The name a revision that is not written yet has in a rehearsal. */
export const NEXT_REVISION = "(next revision)";

const FILTERS = { externalTables: [], externalEnums: [] };

async function withEngine<T>(project: Project, work: (session: EngineSession) => Promise<T>): Promise<T> {
  const text = await fs.readFile(project.schemaPath, "utf8");
  await fs.mkdir(path.dirname(project.databasePath), { recursive: true });
  const session = await openEngine(project.databasePath, { path: project.schemaPath, text });
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

/** Names of the folder's revisions that the database's _prisma_migrations has not finished. */
function unappliedRevisions(project: Project, names: string[]): string[] {
  let database: Database.Database | undefined;
  try {
    database = new Database(project.databasePath, { fileMustExist: true, readonly: true });
    const table = database.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return names;
    const applied = new Set(
      (
        database
          .prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL")
          .all() as {
          migration_name: string;
        }[]
      ).map((row) => row.migration_name),
    );
    return names.filter((name) => !applied.has(name));
  } catch {
    return names;
  } finally {
    database?.close();
  }
}

/**
 * The engine's diff, told about the renames made on the canvas: they run first (as a
 * revision of their own that the shadow database replays), so the engine sees the tables
 * and columns already renamed and adds no drop and create of its own.
 */
async function diffWithRenames(project: Project, session: EngineSession, text: string, migrations: MigrationList) {
  const to = { tag: "schemaDatamodel" as const, files: [{ path: project.schemaPath, content: text }] };
  const renames = await readRenames(project);
  const renamed = renameSql(renames);
  const attempt = async (prelude: string) => {
    const from = {
      tag: "migrations" as const,
      ...migrations,
      migrationDirectories: prelude
        ? [
            ...migrations.migrationDirectories,
            {
              path: "99999999999999_renames",
              migrationFile: { path: "migration.sql", content: { tag: "ok" as const, value: prelude } },
            },
          ]
        : migrations.migrationDirectories,
    };
    const script = await session.engine.diff({ from, to, script: true, exitCode: true, filters: FILTERS });
    const summary = await session.engine.diff({ from, to, script: false, exitCode: null, filters: FILTERS });
    return { prelude, renames: prelude ? renames : [], script, summary };
  };
  if (!renamed) return attempt("");
  try {
    return await attempt(renamed);
  } catch {
    // A rename the migrations cannot replay (the table was never migrated): plan without renames.
    return attempt("");
  }
}

async function plan(project: Project, session: EngineSession): Promise<RevisionPlan> {
  const text = await fs.readFile(project.schemaPath, "utf8");
  const migrations = await readMigrationList(project.migrationsDir);
  const { prelude, renames, script, summary } = await diffWithRenames(project, session, text, migrations);
  // With exitCode set, the engine answers 2 when there is a difference, 0 when none.
  const engineChanges = script.exitCode === 2;
  const sql = `${prelude}${engineChanges || !prelude ? (script.stdout ?? "") : ""}`;
  const hasChanges = engineChanges || Boolean(prelude);
  const renameLines = prelude
    .split("\n")
    .filter((line) => line.startsWith("ALTER TABLE"))
    .map((line) => `  - ${line.replace(/^ALTER TABLE /, "").replace(/;$/, "")}`);
  const summaryText = [
    renameLines.length ? `[~] Renamed (data kept)\n${renameLines.join("\n")}` : "",
    engineChanges ? (summary.stdout ?? "").trim() : "",
  ]
    .filter(Boolean)
    .join("\n\n");
  const unapplied = unappliedRevisions(
    project,
    migrations.migrationDirectories.map((d) => d.path),
  );
  const next = hasChanges
    ? [{ path: NEXT_REVISION, migrationFile: { path: "migration.sql", content: { tag: "ok" as const, value: sql } } }]
    : [];
  const rehearsal: Rehearsal =
    hasChanges || unapplied.length
      ? await rehearse(
          project.databasePath,
          { ...migrations, migrationDirectories: [...migrations.migrationDirectories, ...next] },
          renames,
        )
      : { ok: true, losses: [] };
  return { sql, summary: summaryText, hasChanges, unapplied, rehearsal };
}

export function planRevision(project: Project): Promise<RevisionPlan> {
  return serialized(project.databasePath, () => withEngine(project, (session) => plan(project, session)));
}

/**
 * Writes the pending revision to the migrations folder and applies every unapplied one.
 * `expectedSql` is the SQL the user reviewed: if the schema changed since, nothing is
 * written and the new plan comes back to be reviewed again.
 */
export function applyRevision(
  project: Project,
  options: { name: string; expectedSql?: string; acceptDataLoss?: boolean; writeOnly?: boolean },
): Promise<ApplyResult> {
  return serialized(project.databasePath, () =>
    withEngine(project, async (session) => {
      const next = await plan(project, session);
      const apply = async () => applyPending(project.databasePath, await readMigrationList(project.migrationsDir));
      if (!next.hasChanges) return { status: "up-to-date" as const, applied: await apply() };
      if (options.expectedSql !== undefined && options.expectedSql !== next.sql) {
        return { status: "changed-since-preview" as const, plan: next };
      }
      if (!next.rehearsal.ok) return { status: "rehearsal-failed" as const, plan: next };
      if (next.rehearsal.losses.length && !options.acceptDataLoss)
        return { status: "needs-data-loss-consent" as const, plan: next };
      // The way back: the engine's diff from the new schema to the migrations as they were.
      const text = await fs.readFile(project.schemaPath, "utf8");
      const before = await readMigrationList(project.migrationsDir);
      const down = await session.engine.diff({
        from: { tag: "schemaDatamodel", files: [{ path: project.schemaPath, content: text }] },
        to: { tag: "migrations", ...before },
        script: true,
        exitCode: null,
        filters: FILTERS,
      });
      const revision = revisionDirectoryName(options.name);
      const directory = await writeRevision(project.migrationsDir, revision, next.sql, {
        downSql: down.stdout ?? "",
        schemaSnapshot: text,
      });
      if (options.writeOnly) {
        await clearRenames(project);
        return { status: "applied" as const, revision, applied: [] };
      }
      try {
        const applied = await apply();
        await clearRenames(project); // the revision carried them out
        return { status: "applied" as const, revision, applied };
      } catch (error) {
        // A revision that did not apply is not kept: it rolled back, the folder loses it
        // too, and the user can fix the schema and migrate again.
        await fs.rm(directory, { recursive: true, force: true });
        throw error;
      }
    }),
  );
}

/** The engine's own check of the migrations folder against the database's history. */
export function diagnoseHistory(project: Project) {
  return serialized(project.databasePath, () =>
    withEngine(project, async (session) =>
      session.engine.diagnoseMigrationHistory({
        migrationsList: await readMigrationList(project.migrationsDir),
        optInToShadowDatabase: true,
        filters: FILTERS,
      }),
    ),
  );
}

export type UpgradeResult =
  { status: "applied"; applied: string[] } | { status: "needs-data-loss-consent" | "rehearsal-failed"; rehearsal: Rehearsal };

/** `alembic upgrade head`: the folder's unapplied revisions, rehearsed first, then applied. */
export function applyUnapplied(project: Project, options: { acceptDataLoss?: boolean } = {}): Promise<UpgradeResult> {
  return serialized(project.databasePath, async () => {
    const migrations = await readMigrationList(project.migrationsDir);
    const rehearsal = await rehearse(project.databasePath, migrations);
    if (!rehearsal.ok) return { status: "rehearsal-failed" as const, rehearsal };
    if (rehearsal.losses.length && !options.acceptDataLoss) return { status: "needs-data-loss-consent" as const, rehearsal };
    return { status: "applied" as const, applied: applyPending(project.databasePath, migrations) };
  });
}

/** Deletes the development database and applies every revision to a new one. */
export function resetDatabase(project: Project): Promise<string[]> {
  return serialized(project.databasePath, async () => {
    for (const suffix of ["", "-journal", "-wal", "-shm"]) await fs.rm(`${project.databasePath}${suffix}`, { force: true });
    return applyPending(project.databasePath, await readMigrationList(project.migrationsDir));
  });
}
