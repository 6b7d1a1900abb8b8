import { randomUUID } from "node:crypto";
import pg from "pg";
import { databaseUrl } from "../migrate/dialects/postgresql/adapter";

/** One query on its own connection: for tests that look at a PostgreSQL database from outside. */
export async function pgQuery<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** Empty databases on the test server, each dropped by `dropAll` (call it in afterAll). */
export function testDatabases(server: string) {
  const created: string[] = [];
  return {
    async fresh(): Promise<string> {
      const name = `test_${randomUUID().replaceAll("-", "")}`;
      await pgQuery(server, `CREATE DATABASE ${name}`);
      created.push(name);
      return databaseUrl(server, name);
    },
    async dropAll(): Promise<void> {
      for (const name of created.splice(0)) await pgQuery(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
