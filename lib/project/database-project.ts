import fs from "node:fs/promises";
import { datasourceProvider } from "../schema/datasource-provider";
import { dialectOf, isProvider } from "../schema/provider";
import path from "node:path";
import { describeServer } from "./postgres";
import { currentProject, isPostgresUrl, type Project } from "./project";

/** Work on the database that this project's database cannot do yet: said, not attempted. */
export class DatabaseUnavailable extends Error {}

/** The schema's datasource provider; undefined when the file cannot be read or names none (the work reports that). */
async function providerOf(schemaPath: string): Promise<string | undefined> {
  try {
    return datasourceProvider(await fs.readFile(schemaPath, "utf8"));
  } catch {
    return undefined;
  }
}

/**
 * The project, for work on its database, from the app or the CLI: everything (Migrate, Seed,
 * sample data, the grid, the SQL export) runs on SQLite and PostgreSQL alike. A schema whose
 * provider and DATABASE_URL disagree is told which to change, rather than meeting an engine's
 * error.
 */
export async function databaseProject(project: Project = currentProject()): Promise<Project> {
  const provider = await providerOf(project.schemaPath);
  const onServer = isPostgresUrl(project.databaseUrl);
  if (provider && isProvider(provider) && dialectOf(provider) === "postgresql") {
    if (!onServer)
      throw new DatabaseUnavailable(
        "This schema is for PostgreSQL: set DATABASE_URL to its server (postgresql://user@host:5432/database) to migrate it.",
      );
    return project;
  }
  if (onServer) {
    throw new DatabaseUnavailable(
      `DATABASE_URL names a PostgreSQL server, but the schema's provider is "${provider ?? "unknown"}": set DATABASE_URL to a SQLite file (file:./prisma/dev.db), or the schema's provider to "postgresql".`,
    );
  }
  return project;
}

/** Which database the project's rows live in, as the data panel names it. */
export interface DatabaseDescription {
  /** "the SQLite file prisma/dev.db", "PostgreSQL at localhost:5432/app" (never a password). */
  label: string;
}

export function describeDatabase(project: Project): DatabaseDescription {
  return {
    label: isPostgresUrl(project.databaseUrl)
      ? `PostgreSQL at ${describeServer(project.databaseUrl)}`
      : `the SQLite file ${path.relative(project.root, project.databasePath)}`,
  };
}
