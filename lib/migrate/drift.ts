import type { Project } from "../project/project";
import { openEngine, engineErrorMessage } from "./engine";
import { readMigrationList } from "./migrations-dir";
import { serialized } from "./serial";
import fs from "node:fs/promises";

/** How the database differs from what its applied migrations say it should be. */
export interface Drift {
  drifted: boolean;
  /** The engine's plain summary of the difference ("[+] Added tables - handmade"). */
  summary: string;
}

const FILTERS = { externalTables: [], externalEnums: [] };
const BASE = 'datasource db {\n  provider = "sqlite"\n}\n';

/**
 * A database changed outside the migrations (a table added by hand, a column dropped):
 * the engine introspects the live database and diffs the migrations against it.
 */
export function detectDrift(project: Project): Promise<Drift> {
  return serialized(project.databasePath, async () => {
    const exists = await fs.stat(project.databasePath).then(
      () => true,
      () => false,
    );
    if (!exists) return { drifted: false, summary: "" };
    const session = await openEngine(project.databasePath, { path: "schema.prisma", text: BASE });
    try {
      const live = await session.engine.introspect({
        schema: { files: [{ path: "schema.prisma", content: BASE }] },
        baseDirectoryPath: project.root,
        force: true,
        compositeTypeDepth: -1,
        namespaces: null,
      });
      const migrations = await readMigrationList(project.migrationsDir);
      const result = await session.engine.diff({
        from: { tag: "migrations", ...migrations },
        to: { tag: "schemaDatamodel", files: live.schema.files },
        script: false,
        exitCode: true,
        filters: FILTERS,
      });
      return { drifted: result.exitCode === 2, summary: (result.stdout ?? "").trim() };
    } catch (error) {
      throw new Error(`The database could not be compared with the migrations: ${engineErrorMessage(error)}`);
    } finally {
      await session.close();
    }
  });
}
