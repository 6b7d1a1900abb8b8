import fs from "node:fs/promises";
import path from "node:path";
import type { Project } from "../project/project";
import { applyPending, isApplied, isFailed, RevisionFailed, type MigrationRow } from "./apply";
import { migrationDatabase } from "./database";
import type { Rehearsal } from "./data-loss";
import type { MigrationList } from "@prisma/schema-engine-wasm";
import { readRenames, settleRenames } from "../project/renames-store";
import { renameSql, reverseRenameSql, type DatabaseRename } from "../schema/renames";
import type { EngineSession } from "./engine";
import {
  readMigrationList,
  readMigrationsFor,
  revisionDirectoryName,
  setAsideForeignMigrations,
  setAsideRevision,
  writeRevision,
  type ForeignMigrations,
} from "./migrations-dir";
import { exclusively } from "./serial";

/** A revision the database refused: recorded as failed, its error in the history table. */
export interface FailedRevision {
  name: string;
  error: string;
}

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
  /** Revisions the database refused. The next revision replaces them: they are resolved as rolled back. */
  failed: FailedRevision[];
  /**
   * The folders the next revision replaces, moved to prisma/rolled-back/ when it is written:
   * the failed revisions and the unapplied ones after them (planned on top of a failure).
   */
  supersedes: string[];
  /** What applying it (and the unapplied ones) did to a copy of the database. */
  rehearsal: Rehearsal;
  /** The canvas's renames the revision carries out (its first statements). */
  renames: DatabaseRename[];
  /** Revisions written for another database (the schema switched provider), set aside when this one is written. */
  foreign?: ForeignMigrations;
}

export type ApplyResult =
  /** `rolledBack`: the failed revisions resolved as rolled back and replaced (see RevisionPlan.failed). */
  | { status: "applied"; revision: string; applied: string[]; rolledBack: string[] }
  | { status: "up-to-date"; applied: string[]; rolledBack: string[] }
  /** The real database refused `revision`: it is recorded as failed with `error`, and the database is unchanged. */
  | { status: "failed"; revision: string; error: string; applied: string[]; rolledBack: string[] }
  | { status: "changed-since-preview"; plan: RevisionPlan }
  /** The rehearsal lost data and the user has not accepted it: nothing was written. */
  | { status: "needs-data-loss-consent"; plan: RevisionPlan }
  /** The revision fails on a copy of the database: nothing was written. */
  | { status: "rehearsal-failed"; plan: RevisionPlan };

/** The name a revision that is not written yet has in a rehearsal. */
export const NEXT_REVISION = "(next revision)";

const FILTERS = { externalTables: [], externalEnums: [] };

/** An engine opened on the schema file, read once: `work` plans and writes from that text. */
async function withEngine<T>(project: Project, work: (session: EngineSession, text: string) => Promise<T>): Promise<T> {
  const text = await fs.readFile(project.schemaPath, "utf8");
  const session = await migrationDatabase(project).openEngine({ path: project.schemaPath, text });
  try {
    return await work(session, text);
  } finally {
    await session.close();
  }
}

/** Names of the folder's revisions that the database's _prisma_migrations has not finished. */
function unappliedRevisions(rows: MigrationRow[], names: string[]): string[] {
  const applied = new Set(rows.filter(isApplied).map((row) => row.migration_name));
  return names.filter((name) => !applied.has(name));
}

/** The failed revisions, and the folders the next revision replaces (see RevisionPlan.supersedes). */
function failures(rows: MigrationRow[], names: string[]): { failed: FailedRevision[]; supersedes: string[] } {
  const failed = new Map<string, string>();
  for (const row of rows.filter(isFailed)) failed.set(row.migration_name, row.logs ?? "");
  const first = names.findIndex((name) => failed.has(name));
  return {
    failed: [...failed].map(([name, error]) => ({ name, error })),
    supersedes: first < 0 ? [] : unappliedRevisions(rows, names.slice(first)),
  };
}

/**
 * `prisma migrate resolve --rolled-back` for each failed revision, and their folders (with
 * the unapplied ones planned on top of them) out of the migrations folder.
 */
async function resolveFailures(project: Project, plan: RevisionPlan): Promise<string[]> {
  for (const { name } of plan.failed) await migrationDatabase(project).markRolledBack(name);
  for (const name of plan.supersedes) await setAsideRevision(project.migrationsDir, name);
  return plan.failed.map((f) => f.name);
}

/** The migrations followed by the canvas's renames, as a revision of their own the shadow database replays. */
function withPrelude(migrations: MigrationList, prelude: string) {
  return {
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
    const from = withPrelude(migrations, prelude);
    const script = await session.engine.diff({ from, to, script: true, exitCode: true, filters: FILTERS });
    // The plain summary is a second diff as long as the first: taken when someone reads it.
    const summary = async () =>
      (await session.engine.diff({ from, to, script: false, exitCode: null, filters: FILTERS })).stdout ?? "";
    return { prelude, script, summary };
  };
  if (!renamed) return { ...(await attempt("")), renames: [], unused: [], read: renames };
  try {
    return { ...(await attempt(renamed)), renames, unused: [], read: renames };
  } catch {
    // A rename the migrations cannot replay (a table created and renamed since the last
    // revision): keep the ones that replay, and say which could not be used.
    const usable: DatabaseRename[] = [];
    for (const rename of renames) {
      try {
        await attempt(renameSql([...usable, rename]));
        usable.push(rename);
      } catch {
        // not replayable: reported in the plan
      }
    }
    const unused = renames.filter((r) => !usable.includes(r));
    return { ...(await attempt(renameSql(usable))), renames: usable, unused, read: renames };
  }
}

/**
 * The next revision, rehearsed. Its summary is left empty until `summarized` is called: the
 * Migrate button and the CLI apply without showing it.
 */
async function plan(
  project: Project,
  session: EngineSession,
  text: string,
): Promise<{
  plan: RevisionPlan;
  summarized: () => Promise<RevisionPlan>;
  migrations: MigrationList;
  /** Every rename pending when the plan was made: what a revision that applies settles. */
  renamesRead: DatabaseRename[];
}> {
  const database = migrationDatabase(project);
  const { list: folder, foreign } = await readMigrationsFor(project.migrationsDir, database.provider);
  const rows = await database.readMigrationRows();
  const { failed, supersedes } = failures(
    rows,
    folder.migrationDirectories.map((d) => d.path),
  );
  // Planned as if the failed revisions were already set aside: the next revision replaces them.
  const migrations = { ...folder, migrationDirectories: folder.migrationDirectories.filter((d) => !supersedes.includes(d.path)) };
  const { prelude, renames, unused, read, script, summary } = await diffWithRenames(project, session, text, migrations);
  // With exitCode set, the engine answers 2 when there is a difference, 0 when none.
  const engineChanges = script.exitCode === 2;
  const sql = `${prelude}${engineChanges || !prelude ? (script.stdout ?? "") : ""}`;
  const hasChanges = engineChanges || Boolean(prelude);
  const renameLines = prelude
    .split("\n")
    .filter((line) => line.startsWith("ALTER TABLE"))
    .map((line) => `  - ${line.replace(/^ALTER TABLE /, "").replace(/;$/, "")}`);
  const summaryText = async () =>
    [
      foreign
        ? `[!] The schema moved from ${foreign.provider} to ${database.provider}: the ${foreign.revisions} revision(s) written for ${foreign.provider} cannot run here. This is a clean first revision; applying it moves them to ${path.basename(foreign.setAsideTo)}/.`
        : "",
      renameLines.length ? `[~] Renamed (data kept)\n${renameLines.join("\n")}` : "",
      unused.length
        ? `[!] Renames recorded on the canvas that the migrations cannot replay (planned as drop and add instead)\n${unused
            .map((r) => `  - ${r.kind === "table" ? r.from : `${r.table}.${r.from}`} → ${r.to}`)
            .join("\n")}`
        : "",
      engineChanges ? (await summary()).trim() : "",
    ]
      .filter(Boolean)
      .join("\n\n");
  const unapplied = unappliedRevisions(
    rows,
    migrations.migrationDirectories.map((d) => d.path),
  );
  const next = hasChanges
    ? [{ path: NEXT_REVISION, migrationFile: { path: "migration.sql", content: { tag: "ok" as const, value: sql } } }]
    : [];
  const rehearsal: Rehearsal =
    hasChanges || unapplied.length
      ? await database.rehearse({ ...migrations, migrationDirectories: [...migrations.migrationDirectories, ...next] }, renames)
      : { ok: true, losses: [] };
  const planned = {
    sql,
    summary: "",
    hasChanges,
    unapplied,
    failed,
    supersedes,
    rehearsal,
    renames,
    ...(foreign ? { foreign } : {}),
  };
  return { plan: planned, summarized: async () => ({ ...planned, summary: await summaryText() }), migrations, renamesRead: read };
}

export function planRevision(project: Project): Promise<RevisionPlan> {
  return migrationDatabase(project).serialized(() =>
    withEngine(project, async (session, text) => (await plan(project, session, text)).summarized()),
  );
}

/**
 * Writes the pending revision to the migrations folder and applies every unapplied one.
 * `expectedSql` is the SQL the user reviewed: if the schema changed since, nothing is
 * written and the new plan comes back to be reviewed again.
 *
 * Failed revisions are resolved first (see RevisionPlan.failed): the new revision carries
 * their changes. A revision the database refuses is recorded as failed and its folder kept;
 * the database is unchanged, and the next Migrate, after a fix, replaces it.
 */
export function applyRevision(
  project: Project,
  options: { name: string; expectedSql?: string; acceptDataLoss?: boolean; writeOnly?: boolean },
): Promise<ApplyResult> {
  const database = migrationDatabase(project);
  return database.exclusively(() =>
    withEngine(project, async (session, text) => {
      const { plan: next, summarized, migrations: before, renamesRead } = await plan(project, session, text);
      const apply = async (rolledBack: string[]) => {
        try {
          return { applied: await database.applyPending(await readMigrationList(project.migrationsDir, database.provider)) };
        } catch (error) {
          if (!(error instanceof RevisionFailed)) throw error;
          return {
            failure: {
              status: "failed" as const,
              revision: error.revision,
              error: error.message,
              applied: error.applied,
              rolledBack,
            },
          };
        }
      };
      if (!next.hasChanges) {
        const rolledBack = await resolveFailures(project, next);
        const outcome = await apply(rolledBack);
        return outcome.failure ?? { status: "up-to-date" as const, applied: outcome.applied, rolledBack };
      }
      if (options.expectedSql !== undefined && options.expectedSql !== next.sql) {
        return { status: "changed-since-preview" as const, plan: await summarized() };
      }
      if (!next.rehearsal.ok) return { status: "rehearsal-failed" as const, plan: await summarized() };
      if (next.rehearsal.losses.length && !options.acceptDataLoss)
        return { status: "needs-data-loss-consent" as const, plan: await summarized() };
      if (next.foreign) await setAsideForeignMigrations(project.migrationsDir, next.foreign);
      const rolledBack = await resolveFailures(project, next);
      // The way back: the engine's diff from the new schema to the migrations as they were,
      // with this revision's renames already made (so the engine keeps those columns), and
      // then the renames undone: a rolled-back rename keeps its data too.
      const down = await session.engine.diff({
        from: { tag: "schemaDatamodel", files: [{ path: project.schemaPath, content: text }] },
        to: withPrelude(before, renameSql(next.renames)),
        script: true,
        exitCode: null,
        filters: FILTERS,
      });
      const revision = revisionDirectoryName(
        options.name,
        new Date(),
        before.migrationDirectories.map((d) => d.path),
      );
      await writeRevision(project.migrationsDir, revision, next.sql, {
        downSql: `${down.stdout ?? ""}${reverseRenameSql(next.renames)}`,
        schemaSnapshot: text,
        provider: database.provider,
      });
      if (options.writeOnly) {
        await settleRenames(project, renamesRead);
        return { status: "applied" as const, revision, applied: [], rolledBack };
      }
      const outcome = await apply(rolledBack);
      // A failure keeps the renames: the revision that carried them did not apply.
      if (outcome.failure) return outcome.failure;
      await settleRenames(project, renamesRead); // the revision carried them out (or made them moot)
      return { status: "applied" as const, revision, applied: outcome.applied, rolledBack };
    }),
  );
}

/** The engine's own check of the migrations folder against the database's history. */
export function diagnoseHistory(project: Project) {
  const database = migrationDatabase(project);
  return database.serialized(() =>
    withEngine(project, async (session) =>
      session.engine.diagnoseMigrationHistory({
        migrationsList: await readMigrationList(project.migrationsDir, database.provider),
        optInToShadowDatabase: true,
        filters: FILTERS,
      }),
    ),
  );
}

export type UpgradeResult =
  | { status: "applied"; applied: string[] }
  | { status: "needs-data-loss-consent" | "rehearsal-failed"; rehearsal: Rehearsal }
  /** The real database refused `revision`: recorded as failed with `error`; the database is unchanged. */
  | { status: "failed"; revision: string; error: string; applied: string[] };

/**
 * `alembic upgrade head`: the folder's unapplied revisions, rehearsed first, then applied.
 * A failed revision is tried again (its database being unchanged), as `prisma migrate
 * resolve --rolled-back` and `prisma migrate deploy` would.
 */
export function applyUnapplied(project: Project, options: { acceptDataLoss?: boolean } = {}): Promise<UpgradeResult> {
  const database = migrationDatabase(project);
  return database.exclusively(async () => {
    const migrations = await readMigrationList(project.migrationsDir, database.provider);
    const rehearsal = await database.rehearse(migrations, []);
    if (!rehearsal.ok) return { status: "rehearsal-failed" as const, rehearsal };
    if (rehearsal.losses.length && !options.acceptDataLoss) return { status: "needs-data-loss-consent" as const, rehearsal };
    try {
      return { status: "applied" as const, applied: await database.applyPending(migrations) };
    } catch (error) {
      if (!(error instanceof RevisionFailed)) throw error;
      return { status: "failed" as const, revision: error.revision, error: error.message, applied: error.applied };
    }
  });
}

/** Deletes the development database and applies every revision to a new one. */
export function resetDatabase(project: Project): Promise<string[]> {
  return exclusively(project.databasePath, async () => {
    for (const suffix of ["", "-journal", "-wal", "-shm"]) await fs.rm(`${project.databasePath}${suffix}`, { force: true });
    return applyPending(project.databasePath, await readMigrationList(project.migrationsDir));
  });
}
