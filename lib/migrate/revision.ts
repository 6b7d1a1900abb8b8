import type { Project } from "../project/project";
import { settleRenames } from "../project/renames-store";
import { renameSql, reverseRenameSql } from "../schema/renames";
import { enumValueRowSql } from "./dialects/sqlite/enum-values";
import { RevisionFailed } from "./apply";
import { migrationDatabase } from "./database";
import type { Rehearsal } from "./data-loss";
import {
  readMigrationList,
  revisionDirectoryName,
  setAsideForeignMigrations,
  setAsideRevision,
  writeRevision,
} from "./migrations-dir";
import { FILTERS, plan, withEngine, withPrelude, type RevisionPlan } from "./plan";

export { NEXT_REVISION, planRevision, type FailedRevision, type RevisionPlan } from "./plan";

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

/**
 * `prisma migrate resolve --rolled-back` for each failed revision, and their folders (with
 * the unapplied ones planned on top of them) out of the migrations folder.
 */
async function resolveFailures(project: Project, next: RevisionPlan): Promise<string[]> {
  for (const { name } of next.failed) await migrationDatabase(project).markRolledBack(name);
  for (const name of next.supersedes) await setAsideRevision(project.migrationsDir, name);
  return next.failed.map((f) => f.name);
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
        to: withPrelude(before, renameSql(next.renames, database.provider)),
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
        // SQLite's enum values go back in their rows first, while those columns still exist.
        downSql: `${database.provider === "sqlite" ? enumValueRowSql(next.renames, text, "down") : ""}${down.stdout ?? ""}${reverseRenameSql(next.renames, database.provider)}`,
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

/** Empties the development database (deletes the SQLite file; drops what PostgreSQL holds) and applies every revision. */
export function resetDatabase(project: Project): Promise<string[]> {
  const database = migrationDatabase(project);
  return database.exclusively(async () => {
    await database.empty();
    return database.applyPending(await readMigrationList(project.migrationsDir, database.provider));
  });
}
