// Migrate on PostgreSQL (issue #13), against the baselines the issue names, in turns on one
// throwaway PostgreSQL 15 on loopback: the engine's diff; our apply against `psql -1 -f` running
// the same migration.sql; a Migrate click; `npm run migrate -- --name init` as a process against
// Alembic's autogenerate + upgrade (bench/alembic-postgresql.sh); and the tutorial workflow as a
// user types it, npm's own start included, on PostgreSQL and SQLite, against Alembic's
// autogenerate + upgrade + app.py. Medians.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { databaseUrl, postgresAdapterFactory } from "../lib/migrate/dialects/postgresql/adapter";
import { applyPending } from "../lib/migrate/dialects/postgresql/history";
import { openEngineOn } from "../lib/migrate/engine";
import { readMigrationList, revisionDirectoryName, writeRevision } from "../lib/migrate/migrations-dir";
import { applyRevision } from "../lib/migrate/revision";
import { projectAt } from "../lib/project/project";
import { chainedSchema } from "../lib/testing/chained-schema";
import { pgQuery } from "../lib/testing/pg-database";
import { postgresInstalled, startTestPostgres } from "../lib/testing/pg-server";
import { removeProject, tempProject } from "../lib/testing/temp-project";
import { tutorialSchema } from "../lib/testing/tutorial-schema";
import { ALEMBIC_PEER, runAlembic } from "./alembic";

const ROOT = path.resolve(import.meta.dirname, "..");
const FILTERS = { externalTables: [], externalEnums: [] };
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const whole = (value: number) => Math.round(value);
const onPostgres = (schema: string) => schema.replace('provider = "sqlite"', 'provider = "postgresql"');
const alembicInstalled = () =>
  spawnSync("/usr/bin/python3", ["-c", "import alembic, sqlalchemy, psycopg2"]).status === 0 && fs.existsSync(ALEMBIC_PEER);

let databases = 0;
async function freshDatabase(server: string): Promise<string> {
  const name = `bench_migrate_${databases++}`;
  await pgQuery(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await pgQuery(server, `CREATE DATABASE ${name}`);
  return databaseUrl(server, name);
}

function timed(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: ROOT, env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${label} failed: ${result.stderr || result.stdout}`);
  return ms(start);
}

/** The engine's diff from empty and our apply on one database; psql -1 -f of the same SQL on another. */
async function diffAndApply(server: string, schema: string) {
  const project = projectAt(tempProject(schema).root, await freshDatabase(server));
  try {
    const session = await openEngineOn(postgresAdapterFactory({ url: project.databaseUrl }), {
      path: project.schemaPath,
      text: schema,
    });
    let start = process.hrtime.bigint();
    let sql: string;
    try {
      const migrations = await readMigrationList(project.migrationsDir, "postgresql");
      const result = await session.engine.diff({
        from: { tag: "migrations", ...migrations },
        to: { tag: "schemaDatamodel", files: [{ path: project.schemaPath, content: schema }] },
        script: true,
        exitCode: null,
        filters: FILTERS,
      });
      sql = result.stdout ?? "";
    } finally {
      await session.close();
    }
    const diff = ms(start);
    const folder = revisionDirectoryName("init");
    await writeRevision(project.migrationsDir, folder, sql);
    const list = await readMigrationList(project.migrationsDir, "postgresql");
    start = process.hrtime.bigint();
    await applyPending(project.databaseUrl, list);
    const apply = ms(start);
    const psql = timed("psql", "psql", [
      "-X",
      "-q",
      "-1",
      "-v",
      "ON_ERROR_STOP=1",
      "-f",
      path.join(project.migrationsDir, folder, "migration.sql"),
      await freshDatabase(server),
    ]);
    return { diff, apply, psql };
  } finally {
    removeProject(project);
  }
}

async function click(server: string, schema: string): Promise<number> {
  const project = projectAt(tempProject(schema).root, await freshDatabase(server));
  try {
    const start = process.hrtime.bigint();
    const result = await applyRevision(project, { name: "init" });
    if (result.status !== "applied") throw new Error(`Migrate did not apply: ${result.status}`);
    return ms(start);
  } finally {
    removeProject(project);
  }
}

/** A command as the README types it (npm run ...) or as npm runs it (scripts/launch.cjs), on a fresh project and database. */
async function cli(schema: string, url: string, commands: string[][], viaNpm: boolean): Promise<number> {
  const project = tempProject(schema);
  const env = { ...process.env, SCHEMAFLOW_PROJECT: project.root, DATABASE_URL: url, NODE_EXTRA_CA_CERTS: "" };
  try {
    let total = 0;
    for (const args of commands) {
      total += viaNpm
        ? timed(`npm run ${args.join(" ")}`, "npm", ["run", "--silent", ...args], env)
        : timed(
            args.join(" "),
            process.execPath,
            [path.join(ROOT, "scripts", "launch.cjs"), ...args.filter((a) => a !== "--")],
            env,
          );
    }
    return total;
  } finally {
    removeProject(project);
  }
}

export async function benchMigratePostgres(): Promise<string[]> {
  const given = process.env.SCHEMAFLOW_TEST_POSTGRES_URL;
  if (!given && !postgresInstalled()) return ["migrate_postgresql=skipped (PostgreSQL is not installed)"];
  const started = given ? undefined : await startTestPostgres();
  const server = given ?? started!.url;
  const peer = alembicInstalled();
  const lines: string[] = [];
  try {
    const shapes = [
      { label: "tutorial", schema: onPostgres(tutorialSchema()), models: 2, runs: 5 },
      { label: "chain100", schema: onPostgres(chainedSchema(100)), models: 100, runs: 3 },
      { label: "chain500", schema: onPostgres(chainedSchema(500)), models: 500, runs: 3 },
    ];
    await diffAndApply(server, shapes[0].schema); // the WebAssembly compiles once per process
    for (const shape of shapes) {
      const runs: { diff: number; apply: number; psql: number; click: number; cli: number; alembic?: number }[] = [];
      for (let i = 0; i < shape.runs; i++) {
        const { diff, apply, psql } = await diffAndApply(server, shape.schema);
        const peerRun = peer
          ? runAlembic(shape.label === "tutorial" ? "tutorial" : "scaled", shape.models, await freshDatabase(server))
          : undefined;
        runs.push({
          diff,
          apply,
          psql,
          click: await click(server, shape.schema),
          cli: await cli(shape.schema, await freshDatabase(server), [["migrate", "--", "--name", "init"]], false),
          ...(peerRun && { alembic: peerRun.autogenerate + peerRun.upgrade }),
        });
      }
      const pick = (key: keyof (typeof runs)[number]) => median(runs.map((r) => r[key] as number));
      const l = `migrate_postgresql ${shape.label} models=${shape.models}`;
      lines.push(`${l} revision_diff_ms=${whole(pick("diff"))} (median of ${shape.runs}; the shadow database included)`);
      lines.push(
        `${l} apply_ms=${whole(pick("apply"))} psql_1_f_same_sql_ms=${whole(pick("psql"))} apply_vs_psql=${(pick("apply") / pick("psql")).toFixed(2)}x (target: within 1.5x)`,
      );
      lines.push(`${l} migrate_click_ms=${whole(pick("click"))} (plan + rehearse + write + apply, fresh database)`);
      lines.push(`${l} cli_migrate_process_ms=${whole(pick("cli"))} (scripts/launch.cjs migrate --name init, as npm runs it)`);
      if (peer) {
        lines.push(
          `${l} alembic_autogenerate_plus_upgrade_ms=${whole(pick("alembic"))} ours_cli/alembic=${(pick("cli") / pick("alembic")).toFixed(2)} (target: 0.2)`,
        );
      }
    }
    // The tutorial as a user types it: npm run migrate -- --name init, then npm run seed, npm's start included.
    const workflow = {
      postgresql: [] as number[],
      sqlite: [] as number[],
      alembicPg: [] as number[],
      alembicSqlite: [] as number[],
    };
    for (let i = 0; i < 3; i++) {
      const steps = [["migrate", "--", "--name", "init"], ["seed"]];
      workflow.postgresql.push(await cli(shapes[0].schema, await freshDatabase(server), steps, true));
      workflow.sqlite.push(await cli(tutorialSchema(), "file:./prisma/dev.db", steps, true));
      if (peer) {
        const run = runAlembic("tutorial", 2, await freshDatabase(server));
        workflow.alembicPg.push(run.autogenerate + run.upgrade + run.seed);
        const local = runAlembic("tutorial", 2);
        workflow.alembicSqlite.push(local.autogenerate + local.upgrade + local.seed);
      }
    }
    lines.push(
      `workflow_postgresql npm_migrate_plus_npm_seed_ms=${whole(median(workflow.postgresql))} (median of 3, npm's start included)`,
    );
    lines.push(`workflow_sqlite npm_migrate_plus_npm_seed_ms=${whole(median(workflow.sqlite))}`);
    if (peer) {
      const peerMs = median(workflow.alembicPg);
      lines.push(
        `workflow_postgresql alembic_autogenerate_upgrade_app_ms=${whole(peerMs)} ours/alembic=${(median(workflow.postgresql) / peerMs).toFixed(2)} (target: 0.4)`,
      );
      const sqlitePeer = median(workflow.alembicSqlite);
      lines.push(
        `workflow_sqlite alembic_autogenerate_upgrade_app_ms=${whole(sqlitePeer)} ours/alembic=${(median(workflow.sqlite) / sqlitePeer).toFixed(2)} (target: 0.4)`,
      );
    } else
      lines.push("workflow alembic=skipped (apt-get install python3-alembic python3-sqlalchemy python3-psycopg2 to compare)");
    return lines;
  } finally {
    for (let i = 0; i < databases; i++)
      await pgQuery(server, `DROP DATABASE IF EXISTS bench_migrate_${i} WITH (FORCE)`).catch(() => {});
    started?.stop();
  }
}

if (process.argv[1]?.endsWith("migrate-postgresql.ts")) for (const line of await benchMigratePostgres()) console.log(line);
