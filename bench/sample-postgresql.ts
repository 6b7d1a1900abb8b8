// Sample data on PostgreSQL (issue #13): generateSampleData as a whole (read the schema, check
// the database, lock, read what is there, plan, COPY, move the sequences, commit) against
// COPY alone writing the very same planned rows in one transaction. Medians of 3 fresh
// databases cloned from one migrated template, on a throwaway PostgreSQL 15 on loopback.
import { copyRows } from "../lib/data/dialects/postgresql/copy";
import { copyKinds } from "../lib/data/dialects/postgresql/sample";
import { generateSampleData, planSampleRows } from "../lib/data/sample";
import { analyze } from "../lib/data/sample/analysis";
import { databaseUrl } from "../lib/migrate/dialects/postgresql/adapter";
import { applyRevision } from "../lib/migrate/revision";
import { connectPostgres } from "../lib/project/postgres";
import { projectAt } from "../lib/project/project";
import { parseSchema } from "../lib/schema/parse";
import { generatedSchema } from "../lib/testing/generated-schema";
import { pgQuery } from "../lib/testing/pg-database";
import { postgresInstalled, startTestPostgres } from "../lib/testing/pg-server";
import { removeProject, tempProject } from "../lib/testing/temp-project";
import { tutorialSchema } from "../lib/testing/tutorial-schema";

const RUNS = 3;
const SEED = 1;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const whole = (value: number) => Math.round(value);
const onPostgres = (schema: string) => schema.replace('provider = "sqlite"', 'provider = "postgresql"');

/** COPY alone: the plan's rows (planned before the clock starts), each table copied, one transaction. */
async function copyPlanned(url: string, schema: string, rowsPerTable: number): Promise<{ ms: number; rows: number }> {
  const graph = parseSchema(schema);
  const plan = planSampleRows(graph, {}, { rows: rowsPerTable, seed: SEED });
  const kinds = copyKinds(analyze(graph));
  const client = await connectPostgres(url);
  try {
    const start = process.hrtime.bigint();
    await client.query("BEGIN");
    let rows = 0;
    for (const table of plan.tables) {
      const columns = table.columns.map((name) => ({ name, kind: kinds.get(table.table)?.get(name) ?? ("other" as const) }));
      await copyRows(client, table.table, columns, table.rows);
      rows += table.rows.length;
    }
    await client.query("COMMIT");
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, rows };
  } finally {
    await client.end();
  }
}

async function shape(server: string, label: string, schema: string, rowsPerTable: number): Promise<string[]> {
  const template = `bench_sample_${label}`;
  await pgQuery(server, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await pgQuery(server, `CREATE DATABASE ${template}`);
  const root = tempProject(schema);
  try {
    await applyRevision(projectAt(root.root, databaseUrl(server, template)), { name: "init" });
    const ours: number[] = [];
    const copy: number[] = [];
    let rows = 0;
    for (let run = 0; run < RUNS; run++) {
      for (const name of ["ours", "copy"]) {
        await pgQuery(server, `DROP DATABASE IF EXISTS bench_${name} WITH (FORCE)`);
        await pgQuery(server, `CREATE DATABASE bench_${name} TEMPLATE ${template}`);
      }
      const result = await generateSampleData(projectAt(root.root, databaseUrl(server, "bench_ours")), {
        rows: rowsPerTable,
        seed: SEED,
      });
      ours.push(result.ms);
      rows = result.rows;
      const same = await copyPlanned(databaseUrl(server, "bench_copy"), schema, rowsPerTable);
      if (same.rows !== rows) throw new Error(`COPY wrote ${same.rows} rows, generateSampleData ${rows}`);
      copy.push(same.ms);
    }
    const generate = median(ours);
    const copied = median(copy);
    return [
      `sample_postgresql ${label} rows=${rows} rows_per_table=${rowsPerTable} generate_ms=${whole(generate)} rows_per_s=${whole((rows / generate) * 1000)} (median of ${RUNS}, fresh migrated database)`,
      `sample_postgresql ${label} copy_same_rows_one_transaction_ms=${whole(copied)} rows_per_s=${whole((rows / copied) * 1000)}`,
      `sample_postgresql ${label} generate_vs_copy=${(generate / copied).toFixed(2)}x (target: within 3x)`,
    ];
  } finally {
    removeProject(root);
    for (const name of [template, "bench_ours", "bench_copy"])
      await pgQuery(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

export async function benchSamplePostgres(): Promise<string[]> {
  const given = process.env.SCHEMAFLOW_TEST_POSTGRES_URL;
  if (!given && !postgresInstalled()) return ["sample_postgresql=skipped (PostgreSQL is not installed)"];
  const started = given ? undefined : await startTestPostgres();
  try {
    const server = given ?? started!.url;
    return [
      ...(await shape(server, "tutorial", onPostgres(tutorialSchema()), 50_000)),
      ...(await shape(server, "generated20", onPostgres(generatedSchema(20)), 5_000)),
    ];
  } finally {
    started?.stop();
  }
}

if (process.argv[1]?.endsWith("sample-postgresql.ts")) for (const line of await benchSamplePostgres()) console.log(line);
