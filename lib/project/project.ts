import path from "node:path";

/**
 * Where a Schemaflow project lives on disk: the schema, its layout, the migrations
 * folder and its database. One value is passed to every service, so that tests
 * run on a temporary directory exactly as the app runs on the repository.
 */
export interface Project {
  root: string;
  schemaPath: string;
  layoutPath: string;
  /** Tables and columns renamed on the canvas since the last revision (see lib/schema/renames). */
  renamesPath: string;
  migrationsDir: string;
  /** DATABASE_URL, as given: `file:./prisma/dev.db`, or `postgresql://...`. */
  databaseUrl: string;
  /** The SQLite file DATABASE_URL names; "" when the database is a PostgreSQL server. */
  databasePath: string;
}

export const DEFAULT_DATABASE_URL = "file:./prisma/dev.db";

const POSTGRES_URL = /^postgres(ql)?:\/\//;

export function isPostgresUrl(url: string): boolean {
  return POSTGRES_URL.test(url);
}

/** The database a project's DATABASE_URL names: what an import is typed for. */
export function projectDialect(project: Project): "sqlite" | "postgresql" {
  return isPostgresUrl(project.databaseUrl) ? "postgresql" : "sqlite";
}

const EXPECTED =
  "DATABASE_URL must be a SQLite file URL such as file:./prisma/dev.db or a PostgreSQL URL such as postgresql://user:password@localhost:5432/app";

/** A URL as a message may quote it: whatever stands between `//` and `@` (a password) hidden. */
function shown(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//***@");
}

/** A PostgreSQL URL that parses, or a sentence saying it does not (its password not shown). */
function checkedPostgresUrl(url: string): string {
  // A Unix socket is named by ?host=/var/run/postgresql, with no host before the path.
  if (/[?&]host=/.test(url)) return url;
  try {
    if (new URL(url).hostname) return url;
  } catch {
    // said below
  }
  throw new Error(`${EXPECTED}; "${shown(url)}" is not a URL that names a server.`);
}

/** Resolves a `file:` URL (relative paths are taken from the project root, as prisma.config.ts does). */
export function databasePathFromUrl(root: string, url: string): string {
  if (!url.startsWith("file:")) throw new Error(`${EXPECTED}, got "${shown(url)}"`);
  const file = url.slice("file:".length).split("?")[0];
  if (!file) throw new Error("DATABASE_URL names no file");
  return path.resolve(root, file);
}

export function projectAt(root: string, databaseUrl: string = DEFAULT_DATABASE_URL): Project {
  const absolute = path.resolve(root);
  return {
    root: absolute,
    schemaPath: path.join(absolute, "prisma", "schema.prisma"),
    layoutPath: path.join(absolute, "prisma", "schema.layout.json"),
    renamesPath: path.join(absolute, "prisma", "schema.renames.json"),
    migrationsDir: path.join(absolute, "prisma", "migrations"),
    databaseUrl: isPostgresUrl(databaseUrl) ? checkedPostgresUrl(databaseUrl) : databaseUrl,
    databasePath: isPostgresUrl(databaseUrl) ? "" : databasePathFromUrl(absolute, databaseUrl),
  };
}

/** The project the app and the CLI work on: SCHEMAFLOW_PROJECT or the current directory. */
export function currentProject(): Project {
  return projectAt(process.env.SCHEMAFLOW_PROJECT ?? process.cwd(), process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
}
