// The data grid on a 1,000,000-row PostgreSQL table: server milliseconds for the same pages as
// on SQLite (bench/grid.ts), on a throwaway PostgreSQL 15 on loopback (or
// SCHEMAFLOW_TEST_POSTGRES_URL's server), the table migrated by the real engine.
import { countRows, readRows } from "../lib/data/rows";
import { databaseUrl } from "../lib/migrate/dialects/postgresql/adapter";
import { applyRevision } from "../lib/migrate/revision";
import { projectAt } from "../lib/project/project";
import { parseSchema } from "../lib/schema/parse";
import { pgQuery } from "../lib/testing/pg-database";
import { postgresInstalled, startTestPostgres, type TestPostgres } from "../lib/testing/pg-server";
import { removeProject, tempProject } from "../lib/testing/temp-project";
import { gridPages, SCHEMA, timeQuery } from "./grid";

const PG_SCHEMA = SCHEMA.replace('provider = "sqlite"', 'provider = "postgresql"');
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

// The same shape of data as the SQLite bench: names and e-mails independent of each other.
const FILL = `
SELECT setseed(0.42);
INSERT INTO "Event" (name, email, score, created)
SELECT (ARRAY['spongebob','sandy','patrick','squidward','krabs','plankton','karen','gary','pearl','puff'])[1 + i % 10]
         || floor(random() * 100000)::int,
       (ARRAY['spongebob','sandy','patrick','squidward','krabs','plankton','karen','gary','pearl','puff'])[1 + floor(random() * 10)::int]
         || '.' || to_hex(floor(random() * 1e9)::int) || '@example.org',
       floor(random() * 1000)::int,
       timestamp '2020-09-13' + random() * interval '1157 days'
FROM generate_series(0, 999999) AS i;
ANALYZE "Event";`;

export async function benchGridPostgres(): Promise<void> {
  const given = process.env.SCHEMAFLOW_TEST_POSTGRES_URL;
  if (!given && !postgresInstalled()) return console.log("grid_postgresql=skipped (PostgreSQL is not installed)");
  let server: TestPostgres | undefined;
  const project = tempProject(PG_SCHEMA);
  try {
    server = given ? undefined : await startTestPostgres();
    const serverUrl = given ?? server!.url;
    await pgQuery(serverUrl, "DROP DATABASE IF EXISTS bench_grid WITH (FORCE)");
    await pgQuery(serverUrl, "CREATE DATABASE bench_grid");
    const pgProject = projectAt(project.root, databaseUrl(serverUrl, "bench_grid"));
    await applyRevision(pgProject, { name: "init" });
    const start = process.hrtime.bigint();
    await pgQuery(pgProject.databaseUrl, FILL);
    console.log(
      `grid_postgresql rows=1000000 build_table_ms=${Math.round(ms(start))} (INSERT ... SELECT generate_series, ANALYZE)`,
    );
    const [middle] = await pgQuery<{ id: number; email: string }>(
      pgProject.databaseUrl,
      'SELECT id, email FROM "Event" ORDER BY email, id LIMIT 1 OFFSET 500000',
    );
    const graph = parseSchema(PG_SCHEMA);
    for (const [label, query] of gridPages({ value: middle.email, row: [middle.id] })) {
      const rows = (await readRows(pgProject, graph, query)).rows.length;
      const median = await timeQuery(pgProject, query, 15, PG_SCHEMA);
      console.log(
        `grid_postgresql ${label}=${median.toFixed(1)} (rows=${rows}, median of 15, server: pooled connection + catalogue + query)`,
      );
    }
    const countStart = process.hrtime.bigint();
    const matching = await countRows(pgProject, graph, "Event", [{ column: "name", op: "starts", value: "sandy" }]);
    console.log(`grid_postgresql filtered_count_ms=${Math.round(ms(countStart))} (count=${matching})`);
    await pgQuery(serverUrl, "DROP DATABASE IF EXISTS bench_grid WITH (FORCE)");
  } finally {
    removeProject(project);
    server?.stop();
  }
}
