import type { TestProject } from "vitest/node";
import { postgresInstalled, startTestPostgres } from "./pg-server";

declare module "vitest" {
  export interface ProvidedContext {
    /** A PostgreSQL server the tests may use (create databases on), or "" when none is installed. */
    postgresUrl: string;
  }
}

/**
 * One PostgreSQL server for the whole test run: SCHEMAFLOW_TEST_POSTGRES_URL when given,
 * else a throwaway one started here when PostgreSQL is installed (.ci/run installs it; on CI
 * it must be). Elsewhere, without it, the PostgreSQL tests are skipped.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const given = process.env.SCHEMAFLOW_TEST_POSTGRES_URL;
  // CI installs PostgreSQL: there, its tests never skip silently.
  if (!given && !postgresInstalled() && process.env.CI)
    throw new Error("PostgreSQL is not installed (apt-get install postgresql): its tests cannot run");
  if (given || !postgresInstalled()) {
    if (!given)
      console.warn(
        "The PostgreSQL tests are skipped: PostgreSQL 15 is not installed (apt-get install postgresql) and SCHEMAFLOW_TEST_POSTGRES_URL names no server.",
      );
    project.provide("postgresUrl", given ?? "");
    return () => {};
  }
  const server = await startTestPostgres();
  project.provide("postgresUrl", server.url);
  return () => server.stop();
}
