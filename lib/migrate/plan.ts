import fs from "node:fs/promises";
import path from "node:path";
import type { MigrationList } from "@prisma/schema-engine-wasm";
import type { Project } from "../project/project";
import { readRenames } from "../project/renames-store";
import type { Dialect } from "../schema/provider";
import { describeRename, renameSql, type DatabaseRename } from "../schema/renames";
import { isApplied, isFailed, type MigrationRow } from "./apply";
import { migrationDatabase } from "./database";
import type { Rehearsal } from "./data-loss";
import type { EngineSession } from "./engine";
import { shadowReplayFailure } from "./engine-error";
import { withoutRecreatedExtensions } from "./dialects/postgresql/extensions";
import { partsNote } from "./dialects/postgresql/outside-transaction";
import { enumValueRowSql } from "./dialects/sqlite/enum-values";
import { readMigrationsFor, type ForeignMigrations } from "./migrations-dir";

/**
 * The next revision, planned: the engine's diff from the migrations (with the canvas's
 * renames first) to the schema file, its summary, and what a rehearsal of it found. Nothing
 * is written here; lib/migrate/revision writes and applies.
 */
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

/** The name a revision that is not written yet has in a rehearsal. */
export const NEXT_REVISION = "(next revision)";

export const FILTERS = { externalTables: [], externalEnums: [] };

/** An engine opened on the schema file, read once: `work` plans and writes from that text. */
export async function withEngine<T>(project: Project, work: (session: EngineSession, text: string) => Promise<T>): Promise<T> {
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

/** The SQL of the revisions that read (a folder that cannot be read is the plan's to report). */
function revisionSql(migrations: MigrationList): string[] {
  return migrations.migrationDirectories.flatMap((d) =>
    d.migrationFile.content.tag === "ok" ? [d.migrationFile.content.value] : [],
  );
}

/** The migrations followed by the canvas's renames, as a revision of their own the shadow database replays. */
export function withPrelude(migrations: MigrationList, prelude: string) {
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
async function diffWithRenames(
  project: Project,
  session: EngineSession,
  { text, dialect }: { text: string; dialect: Dialect },
  migrations: MigrationList,
) {
  const to = { tag: "schemaDatamodel" as const, files: [{ path: project.schemaPath, content: text }] };
  const renames = await readRenames(project);
  const renamed = renameSql(renames, dialect);
  const attempt = async (prelude: string) => {
    const from = withPrelude(migrations, prelude);
    const script = await session.engine.diff({ from, to, script: true, exitCode: true, filters: FILTERS });
    // The plain summary is a second diff as long as the first: taken when someone reads it.
    const summary = async () =>
      (await session.engine.diff({ from, to, script: false, exitCode: null, filters: FILTERS })).stdout ?? "";
    return { prelude, script, summary };
  };
  // No statement to replay (none pending, or SQLite's enum renames, which are rows): all usable.
  if (!renamed) return { ...(await attempt("")), renames, unused: [], read: renames };
  try {
    return { ...(await attempt(renamed)), renames, unused: [], read: renames };
  } catch {
    // A rename the migrations cannot replay (a table created and renamed since the last
    // revision): keep the ones that replay, and say which could not be used.
    const usable: DatabaseRename[] = [];
    for (const rename of renames) {
      try {
        await attempt(renameSql([...usable, rename], dialect));
        usable.push(rename);
      } catch {
        // not replayable: reported in the plan
      }
    }
    const unused = renames.filter((r) => !usable.includes(r));
    return { ...(await attempt(renameSql(usable, dialect))), renames: usable, unused, read: renames };
  }
}

/**
 * The next revision, rehearsed. Its summary is left empty until `summarized` is called: the
 * Migrate button and the CLI apply without showing it.
 */
export async function plan(
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
  const { prelude, renames, unused, read, script, summary } = await diffWithRenames(
    project,
    session,
    { text, dialect: database.provider },
    migrations,
  ).catch((error: unknown) => {
    throw shadowReplayFailure(error) ?? error;
  });
  // With exitCode set, the engine answers 2 when there is a difference, 0 when none.
  const stripped =
    database.provider === "postgresql"
      ? withoutRecreatedExtensions(script.stdout ?? "", revisionSql(migrations))
      : (script.stdout ?? "");
  const engineChanges = script.exitCode === 2 && !/^(\s|--[^\n]*\n)*$/.test(stripped);
  const engineScript = script.exitCode === 2 && !engineChanges ? "-- This is an empty migration.\n" : stripped;
  const rowUpdates = database.provider === "sqlite" ? enumValueRowSql(renames, text, "up") : "";
  const sql = `${prelude}${engineChanges || !(prelude || rowUpdates) ? engineScript : ""}${rowUpdates}`;
  const hasChanges = engineChanges || Boolean(prelude || rowUpdates);
  const renameLines = (prelude || rowUpdates ? renames : []).map((r) => `  - ${describeRename(r)}`);
  const summaryText = async () =>
    [
      foreign
        ? `[!] The schema moved from ${foreign.provider} to ${database.provider}: the ${foreign.revisions} revision(s) written for ${foreign.provider} cannot run here. This is a clean first revision; applying it moves them to ${path.basename(foreign.setAsideTo)}/.`
        : "",
      renameLines.length ? `[~] Renamed (data kept)\n${renameLines.join("\n")}` : "",
      unused.length
        ? `[!] Renames recorded on the canvas that the migrations cannot replay (planned as drop and add instead)\n${unused
            .map((r) => `  - ${describeRename(r)}`)
            .join("\n")}`
        : "",
      engineChanges ? (await summary()).trim() : "",
      database.provider === "postgresql" ? partsNote(sql) : "",
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
