import fs from "node:fs/promises";
import type { MigrationList } from "@prisma/schema-engine-wasm";
import type { Project } from "../project/project";
import { isApplied, isFailed } from "./apply";
import { migrationDatabase, type MigrationDatabase } from "./database";
import { engineErrorMessage, type EngineSession } from "./engine";
import { readMigrationList, revisionDirectoryName, setAsideRevision, writeRevision } from "./migrations-dir";

/** How the database differs from what its applied migrations say it should be. */
export interface Drift {
  drifted: boolean;
  /** The engine's plain summary of the difference ("[+] Added tables - handmade"). */
  summary: string;
}

/** A reconciling revision: the database's own changes, recorded as applied. */
export interface Reconciled {
  revision: string;
  sql: string;
  /** The engine's plain summary of what it records. */
  summary: string;
  /** Failed revisions resolved as rolled back on the way (they never applied). */
  rolledBack: string[];
}

export class NoDrift extends Error {}

const FILTERS = { externalTables: [], externalEnums: [] };
/** A schema with the datasource only: the engine reads the live database through it. */
const base = (database: MigrationDatabase) => `datasource db {\n  provider = "${database.provider}"\n}\n`;

/** The folder's revisions as the database's history sorts them: applied, failed, never tried. */
async function migrationsOfTheDatabase(project: Project, database: MigrationDatabase) {
  const folder = await readMigrationList(project.migrationsDir, database.provider);
  const rows = await database.readMigrationRows();
  const applied = new Set(rows.filter(isApplied).map((row) => row.migration_name));
  const failed = new Set(rows.filter(isFailed).map((row) => row.migration_name));
  const names = folder.migrationDirectories.map((d) => d.path);
  return {
    applied: { ...folder, migrationDirectories: folder.migrationDirectories.filter((d) => applied.has(d.path)) },
    failed: [...failed],
    pending: names.filter((name) => !applied.has(name) && !failed.has(name)),
  };
}

/**
 * The engine's diff from the applied migrations (replayed on a shadow database) to the live
 * database, as `prisma migrate diff --from-migrations --to-schema-datasource` computes it.
 */
async function compare(project: Project, session: EngineSession, applied: MigrationList, script: boolean, schema: string) {
  try {
    return await session.engine.diff({
      from: { tag: "migrations", ...applied },
      to: { tag: "schemaDatasource", configDir: project.root, files: [{ path: "schema.prisma", content: schema }] },
      script,
      exitCode: true,
      filters: FILTERS,
    });
  } catch (error) {
    throw new Error(`The database could not be compared with the migrations: ${engineErrorMessage(error)}`);
  }
}

/**
 * A database changed outside the migrations (a table added by hand, a column dropped): the
 * engine diffs the revisions the database has applied against the live database. Revisions
 * written but not applied yet are not drift.
 */
export function detectDrift(project: Project): Promise<Drift> {
  const database = migrationDatabase(project);
  return database.serialized(async () => {
    if (!database.exists()) return { drifted: false, summary: "" };
    const { applied } = await migrationsOfTheDatabase(project, database);
    const schema = base(database);
    const session = await database.openEngine({ path: "schema.prisma", text: schema });
    try {
      const result = await compare(project, session, applied, false, schema);
      const drifted = result.exitCode === 2;
      return { drifted, summary: drifted ? (result.stdout ?? "").trim() : "" };
    } finally {
      await session.close();
    }
  });
}

const HEADER =
  "-- Recorded by Schemaflow: changes made to the database outside the migrations.\n" +
  "-- Marked as applied without running here (the database already had them); a new database runs it.\n\n";

/**
 * "Keep the database's changes": Prisma's hotfix workflow in one step. The revision's SQL is
 * the engine's diff from the applied migrations to the live database; it is written like any
 * revision (with its way back and the schema file's snapshot) and recorded as applied, as
 * `prisma migrate resolve --applied` records one, without running anything on the database.
 * The history describes the database again, no row is touched, and the next Migrate proposes
 * whatever the schema file asks, with the usual data-loss checks.
 */
export function reconcileDrift(project: Project, options: { name?: string } = {}): Promise<Reconciled> {
  const database = migrationDatabase(project);
  return database.exclusively(async () => {
    const noDrift = new NoDrift("no drift: the database matches its migrations, so there is nothing to record");
    if (!database.exists()) throw noDrift;
    const { applied, failed, pending } = await migrationsOfTheDatabase(project, database);
    if (pending.length) {
      throw new Error(
        `${pending[0]} is written but not applied: apply it first (Migrate, or npm run migrate -- up), ` +
          "then record the database's changes",
      );
    }
    const text = await fs.readFile(project.schemaPath, "utf8");
    const schema = base(database);
    const session = await database.openEngine({ path: "schema.prisma", text: schema });
    let script: string;
    let summary: string;
    let downSql: string;
    try {
      const forward = await compare(project, session, applied, true, schema);
      if (forward.exitCode !== 2) throw noDrift;
      script = forward.stdout ?? "";
      summary = ((await compare(project, session, applied, false, schema)).stdout ?? "").trim();
      // The way back: from the live database to what the migrations made.
      downSql =
        (
          await session.engine.diff({
            from: { tag: "schemaDatasource", configDir: project.root, files: [{ path: "schema.prisma", content: schema }] },
            to: { tag: "migrations", ...applied },
            script: true,
            exitCode: null,
            filters: FILTERS,
          })
        ).stdout ?? "";
    } finally {
      await session.close();
    }
    // Failed revisions never applied; the history goes on after them, so they are resolved.
    for (const name of failed) {
      await database.markRolledBack(name);
      await setAsideRevision(project.migrationsDir, name).catch(() => undefined); // its folder may be gone already
    }
    const existing = (await readMigrationList(project.migrationsDir, database.provider)).migrationDirectories.map((d) => d.path);
    const revision = revisionDirectoryName(options.name?.trim() || "reconcile drift", new Date(), existing);
    const sql = `${HEADER}${script}`;
    await writeRevision(project.migrationsDir, revision, sql, { downSql, schemaSnapshot: text, provider: database.provider });
    await database.markApplied(revision, sql);
    return { revision, sql, summary, rolledBack: failed };
  });
}
