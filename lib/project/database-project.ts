import fs from "node:fs/promises";
import { readConfig } from "../schema/prisma-wasm";
import { dialectOf, isProvider } from "../schema/provider";
import { currentProject, isPostgresUrl, type Project } from "./project";

/** Work on the database that this project's database cannot do yet: said, not attempted. */
export class DatabaseUnavailable extends Error {}

/**
 * The project, for work on its database (Migrate, history, drift, Seed, sample data, the
 * grid), from the app or the CLI. A PostgreSQL schema is designed and saved like any other,
 * but its database work runs on SQLite only for now: it gets this sentence rather than an
 * engine's error; so does a PostgreSQL DATABASE_URL under a SQLite schema.
 */
export async function databaseProject(project: Project = currentProject()): Promise<Project> {
  let provider: string | undefined;
  try {
    provider = readConfig(await fs.readFile(project.schemaPath, "utf8")).datasources[0]?.provider;
  } catch {
    // A schema that does not parse is left to the work itself to report.
  }
  if (provider && isProvider(provider) && dialectOf(provider) === "postgresql") {
    throw new DatabaseUnavailable(
      "This schema is for PostgreSQL. The designer edits and saves it, but Migrate, Seed and the data grid work on SQLite only for now.",
    );
  }
  if (isPostgresUrl(project.databaseUrl)) {
    throw new DatabaseUnavailable(
      `DATABASE_URL names a PostgreSQL server, but the schema's provider is "${provider ?? "unknown"}": set DATABASE_URL to a SQLite file (file:./prisma/dev.db), or the schema's provider to "postgresql".`,
    );
  }
  return project;
}
