import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { engineErrorMessage, openEngine } from "./engine";

const FILTERS = { externalTables: [], externalEnums: [] };

/** The SQL that creates a schema from nothing: the engine's diff from an empty database. */
export async function schemaDdl(schemaText: string): Promise<string> {
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), "schemaflow-ddl-"));
  const session = await openEngine(path.join(scratch, "empty.db"), { path: "schema.prisma", text: schemaText });
  try {
    const result = await session.engine.diff({
      from: { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schemaText }] },
      script: true,
      exitCode: null,
      filters: FILTERS,
    });
    return result.stdout ?? "";
  } catch (error) {
    throw new Error(engineErrorMessage(error));
  } finally {
    await session.close();
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

export interface IntrospectedSchema {
  text: string;
  /** What the engine could not represent, in its own words. */
  warnings: string | null;
  /** Views and triggers of the database, which the schema does not hold. */
  views: string[];
  triggers: string[];
}

function viewsAndTriggers(databasePath: string): { views: string[]; triggers: string[] } {
  const database = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const rows = database
      .prepare("SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger') ORDER BY name")
      .all() as {
      type: string;
      name: string;
    }[];
    return {
      views: rows.filter((r) => r.type === "view").map((r) => r.name),
      triggers: rows.filter((r) => r.type === "trigger").map((r) => r.name),
    };
  } finally {
    database.close();
  }
}

const SQLITE_HEADER = "SQLite format 3\u0000";

/**
 * A Prisma schema for an existing SQLite database, by the engine's introspection (what
 * `prisma db pull` runs). A file that is not a SQLite database is refused before the
 * engine sees it.
 */
export async function introspectDatabase(databasePath: string): Promise<IntrospectedSchema> {
  const handle = await fs.open(databasePath, "r").catch(() => {
    throw new Error(`${databasePath} cannot be read`);
  });
  try {
    const header = Buffer.alloc(16);
    await handle.read(header, 0, 16, 0);
    if (header.toString("latin1") !== SQLITE_HEADER) throw new Error(`${path.basename(databasePath)} is not a SQLite database`);
  } finally {
    await handle.close();
  }
  const base = 'datasource db {\n  provider = "sqlite"\n}\n';
  const session = await openEngine(databasePath, { path: "schema.prisma", text: base });
  try {
    const result = await session.engine.introspect({
      schema: { files: [{ path: "schema.prisma", content: base }] },
      baseDirectoryPath: path.dirname(databasePath),
      force: true,
      compositeTypeDepth: -1,
      namespaces: null,
    });
    return { text: result.schema.files[0]?.content ?? base, warnings: result.warnings, ...viewsAndTriggers(databasePath) };
  } catch (error) {
    throw new Error(`The database could not be introspected: ${engineErrorMessage(error)}`);
  } finally {
    await session.close();
  }
}
