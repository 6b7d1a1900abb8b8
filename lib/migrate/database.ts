import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { MigrationList } from "@prisma/schema-engine-wasm";
import { isPostgresUrl, type Project } from "../project/project";
import type { DatabaseRename } from "../schema/renames";
import * as sqlite from "./apply";
import type { MigrationRow } from "./apply";
import type { Rehearsal } from "./data-loss";
import { openEngine, openEngineOn, type EngineSession } from "./engine";
import { rehearse } from "./rehearsal";
import { exclusively, serialized } from "./serial";
import { datasourceSchemaNames } from "../schema/datasource-provider";

/**
 * A project's database as Migrate sees it, whichever it is: what differs between SQLite and
 * PostgreSQL (how the engine connects, how the history is read and written, how a rehearsal
 * runs, how writers are kept apart) behind one small interface; the planning above it
 * (lib/migrate/revision) is the same for both.
 */
export interface MigrationDatabase {
  provider: "sqlite" | "postgresql";
  /** Keeps this process's work on the database in order (reads and writes). */
  serialized<T>(work: () => Promise<T>): Promise<T>;
  /** Keeps every writer apart, in this process and others. */
  exclusively<T>(work: () => Promise<T>): Promise<T>;
  openEngine(schema: { path: string; text: string }): Promise<EngineSession>;
  readMigrationRows(): Promise<MigrationRow[]>;
  rehearse(migrations: MigrationList, renames: DatabaseRename[]): Promise<Rehearsal>;
  /** Throws RevisionFailed (lib/migrate/apply) with the revisions that did apply. */
  applyPending(migrations: MigrationList): Promise<string[]>;
  markRolledBack(revision: string): Promise<number>;
  markApplied(revision: string, sql: string): Promise<void>;
  /** Runs a revision's down.sql and removes its history row, in one transaction. */
  revert(revision: string, downSql: string): Promise<void>;
  /** Everything in the database gone (its tables, types, history): what reset starts from. */
  empty(): Promise<void>;
  /** Whether the database is there yet (a SQLite file is created by the first Migrate; a server's database always is). */
  exists(): boolean;
}

function sqliteDatabase(project: Project): MigrationDatabase {
  const file = project.databasePath;
  return {
    provider: "sqlite",
    serialized: (work) => serialized(file, work),
    exclusively: (work) => exclusively(file, work),
    async openEngine(schema) {
      await fs.mkdir(path.dirname(file), { recursive: true });
      return openEngine(file, schema);
    },
    readMigrationRows: async () => sqlite.readMigrationRows(file),
    rehearse: (migrations, renames) => rehearse(file, migrations, renames),
    applyPending: async (migrations) => sqlite.applyPending(file, migrations),
    markRolledBack: async (revision) => sqlite.markRolledBack(file, revision),
    markApplied: async (revision, sql) => sqlite.markApplied(file, revision, sql),
    revert: async (revision, downSql) => sqlite.revertRevision(file, revision, downSql),
    async empty() {
      for (const suffix of ["", "-journal", "-wal", "-shm"]) await fs.rm(`${file}${suffix}`, { force: true });
    },
    exists: () => existsSync(file),
  };
}

/** PostgreSQL's side, loaded when a project uses it: a command on SQLite never loads its driver. */
const postgresDialect = () =>
  Promise.all([
    import("./dialects/postgresql/adapter"),
    import("./dialects/postgresql/history"),
    import("./dialects/postgresql/rehearsal"),
  ]).then(([adapter, history, rehearsal]) => ({ ...adapter, ...history, ...rehearsal }));

function postgresDatabase(project: Project): MigrationDatabase {
  const url = project.databaseUrl;
  const shadowUrl = process.env.SHADOW_DATABASE_URL || undefined;
  const engineOn = async (schema: { path: string; text: string }) =>
    openEngineOn((await postgresDialect()).postgresAdapterFactory({ url, shadowUrl }), schema);
  return {
    provider: "postgresql",
    serialized: (work) => serialized(url, work),
    // Across processes, applying takes PostgreSQL's advisory lock (dialects/postgresql/history).
    exclusively: (work) => serialized(url, work),
    openEngine: engineOn,
    readMigrationRows: async () => (await postgresDialect()).readMigrationRows(url),
    // Over every schema a multi-schema project names, not only the current one.
    rehearse: async (migrations, renames) =>
      (await postgresDialect()).rehearsePostgres(
        url,
        migrations,
        renames,
        datasourceSchemaNames(await fs.readFile(project.schemaPath, "utf8").catch(() => "")),
      ),
    applyPending: async (migrations) => (await postgresDialect()).applyPending(url, migrations),
    markRolledBack: async (revision) => (await postgresDialect()).markRolledBack(url, revision),
    markApplied: async (revision, sql) => (await postgresDialect()).markApplied(url, revision, sql),
    revert: async (revision, downSql) => (await postgresDialect()).revertRevision(url, revision, downSql),
    // Prisma's own reset: the engine drops what the database holds in the project's schemas.
    async empty() {
      const session = await engineOn({
        path: "schema.prisma",
        text: await fs.readFile(project.schemaPath, "utf8"),
      });
      try {
        await session.engine.reset({ filter: { externalTables: [], externalEnums: [] } });
      } finally {
        await session.close();
      }
    },
    exists: () => true,
  };
}

export function migrationDatabase(project: Project): MigrationDatabase {
  return isPostgresUrl(project.databaseUrl) ? postgresDatabase(project) : sqliteDatabase(project);
}
