// npm run bench: one line per figure, medians of several runs, ratios against baselines
// measured in the same run (better-sqlite3 running the same SQL; the Alembic peer).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { seedTutorial } from "../lib/data/seed";
import { openEngine } from "../lib/migrate/engine";
import { readMigrationList, revisionDirectoryName, writeRevision } from "../lib/migrate/migrations-dir";
import { applyPending } from "../lib/migrate/apply";
import { applyRevision } from "../lib/migrate/revision";
import { saveSchema } from "../lib/project/schema-store";
import { parseSchema } from "../lib/schema/parse";
import { chainedSchema } from "../lib/testing/chained-schema";
import { generatedSchema } from "../lib/testing/generated-schema";
import { roundTrip } from "../lib/import/open-any";
import { ALEMBIC_PEER, runAlembic, type AlembicRun } from "./alembic";
import { benchCanvas, benchOpenFile } from "./canvas";
import { benchGridPostgres } from "./grid-postgresql";
import { benchMigratePostgres } from "./migrate-postgresql";
import { benchSamplePostgres } from "./sample-postgresql";
import { benchGrid } from "./grid";
import { benchSample } from "./sample";
import { benchSync } from "./sync";
import { removeProject, tempProject } from "../lib/testing/temp-project";

const ROOT = path.resolve(import.meta.dirname, "..");
const FILTERS = { externalTables: [], externalEnums: [] };

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const whole = (value: number) => Math.round(value);
const ratio = (a: number, b: number) => (a / b).toFixed(2);

interface Sample {
  diff: number;
  apply: number;
  sqlite: number;
  migrate: number;
  seed?: number;
}

/** One fresh project: the engine's diff and apply, timed apart; the same SQL on better-sqlite3; the user's Migrate; the seed. */
async function sample(schema: string | undefined, seed: boolean): Promise<Sample> {
  const project = tempProject(schema);
  try {
    const text = fs.readFileSync(project.schemaPath, "utf8");
    const session = await openEngine(project.databasePath, { path: project.schemaPath, text });
    let sql: string;
    let diff: number;
    let apply: number;
    try {
      const migrations = await readMigrationList(project.migrationsDir);
      let start = process.hrtime.bigint();
      const result = await session.engine.diff({
        from: { tag: "migrations", ...migrations },
        to: { tag: "schemaDatamodel", files: [{ path: project.schemaPath, content: text }] },
        script: true,
        exitCode: null,
        filters: FILTERS,
      });
      diff = ms(start);
      sql = result.stdout ?? "";
      await writeRevision(project.migrationsDir, revisionDirectoryName("init"), sql);
      const migrationsList = await readMigrationList(project.migrationsDir);
      // The apply a click on Migrate runs: one transaction, foreign keys checked, Prisma's history row.
      start = process.hrtime.bigint();
      applyPending(project.databasePath, migrationsList);
      apply = ms(start);
    } finally {
      await session.close();
    }

    const baselinePath = path.join(project.root, "baseline.db");
    const baseline = new Database(baselinePath);
    let start = process.hrtime.bigint();
    baseline.exec(`BEGIN;\n${sql}\nCOMMIT;`);
    const sqlite = ms(start);
    baseline.close();

    // What a click on Migrate costs on a fresh database: plan, write, apply.
    const fresh = tempProject(schema);
    start = process.hrtime.bigint();
    await applyRevision(fresh, { name: "init" });
    const migrate = ms(start);
    let seedMs: number | undefined;
    if (seed) {
      start = process.hrtime.bigint();
      await seedTutorial(fresh);
      seedMs = ms(start);
    }
    removeProject(fresh);
    return { diff, apply, sqlite, migrate, seed: seedMs };
  } finally {
    removeProject(project);
  }
}

/**
 * Our headless command as a whole process, as Alembic is measured: `npm run migrate -- --name
 * init` minus npm. The npm scripts start Node with NODE_EXTRA_CA_CERTS cleared (the commands
 * open no TLS connection, and Node 20 reads that file of certificates before any code runs:
 * ~50 ms here); `inheritCaCerts` measures the process with the variable as the shell has it.
 */
function cliSample(schema: string | undefined, seed: boolean, inheritCaCerts = false): { migrate: number; seed?: number } {
  const project = tempProject(schema);
  // As npm run migrate and npm run seed run them: the prebuilt bundles through scripts/launch.cjs.
  const env = { ...process.env, SCHEMAFLOW_PROJECT: project.root, ...(inheritCaCerts ? {} : { NODE_EXTRA_CA_CERTS: "" }) };
  const run = (label: string, ...args: string[]) => {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${label} failed: ${result.stderr}`);
    return ms(start);
  };
  try {
    return {
      migrate: run("migrate", path.join(ROOT, "scripts", "launch.cjs"), "migrate", "--name", "init"),
      seed: seed ? run("seed", path.join(ROOT, "scripts", "launch.cjs"), "seed") : undefined,
    };
  } finally {
    removeProject(project);
  }
}

const alembicInstalled = fs.existsSync(ALEMBIC_PEER) && spawnSync("/usr/bin/python3", ["-c", "import alembic"]).status === 0;
const shapes: { label: string; schema?: string; models: number; runs: number }[] = [
  { label: "tutorial", models: 2, runs: 7 },
  { label: "chain100", schema: chainedSchema(100), models: 100, runs: 5 },
  { label: "chain500", schema: chainedSchema(500), models: 500, runs: 3 },
];

const only = process.argv[2];
for (const shape of shapes.filter((s) => !only || s.label === only || only === "migrate")) {
  const tutorial = shape.label === "tutorial";
  await sample(shape.schema, tutorial); // warm-up: the WebAssembly compiles once per process
  const samples: Sample[] = [];
  for (let i = 0; i < shape.runs; i++) samples.push(await sample(shape.schema, tutorial));
  const pick = (key: keyof Sample) => median(samples.map((s) => s[key] as number));
  const apply = pick("apply");
  const sqlite = pick("sqlite");
  console.log(`${shape.label} models=${shape.models} revision_diff_ms=${whole(pick("diff"))} (median of ${shape.runs})`);
  console.log(`${shape.label} apply_ms=${whole(apply)}`);
  console.log(`${shape.label} sqlite_same_sql_one_transaction_ms=${sqlite.toFixed(1)}`);
  console.log(`${shape.label} apply_vs_sqlite=${ratio(apply, sqlite)}x`);
  console.log(`${shape.label} migrate_click_ms=${whole(pick("migrate"))} (plan + write + apply, fresh database)`);
  if (tutorial) console.log(`${shape.label} seed_ms=${whole(pick("seed"))}`);

  const cliRuns = Math.min(5, shape.runs);
  cliSample(shape.schema, tutorial); // the bundle's code cache is written by its first run after a build
  const cli: ReturnType<typeof cliSample>[] = [];
  const inheriting: number[] = [];
  const peer: AlembicRun[] = [];
  // Taken in turns, so that a busy moment on this shared machine falls on both sides.
  for (let i = 0; i < cliRuns; i++) {
    cli.push(cliSample(shape.schema, tutorial));
    if (process.env.NODE_EXTRA_CA_CERTS) inheriting.push(cliSample(shape.schema, false, true).migrate);
    if (alembicInstalled) peer.push(runAlembic(tutorial ? "tutorial" : "scaled", shape.models));
  }
  const cliMigrate = median(cli.map((c) => c.migrate));
  console.log(`${shape.label} cli_migrate_process_ms=${whole(cliMigrate)} (median of ${cliRuns})`);
  if (inheriting.length)
    console.log(`${shape.label} cli_migrate_process_inheriting_NODE_EXTRA_CA_CERTS_ms=${whole(median(inheriting))}`);
  if (tutorial) console.log(`${shape.label} cli_seed_process_ms=${whole(median(cli.map((c) => c.seed!)))}`);

  if (!alembicInstalled) {
    console.log(`${shape.label} alembic=skipped (apt-get install python3-alembic python3-sqlalchemy to compare)`);
    continue;
  }
  const autogenerate = median(peer.map((p) => p.autogenerate));
  const upgrade = median(peer.map((p) => p.upgrade));
  const alembic = median(peer.map((p) => p.autogenerate + p.upgrade));
  console.log(
    `${shape.label} alembic_autogenerate_ms=${whole(autogenerate)} alembic_upgrade_ms=${whole(upgrade)} (processes, median of ${cliRuns})`,
  );
  console.log(`${shape.label} ours_inprocess_diff_plus_apply/alembic=${ratio(pick("diff") + apply, alembic)}`);
  console.log(`${shape.label} ours_cli_process/alembic_processes=${ratio(cliMigrate, alembic)}`);
  if (inheriting.length)
    console.log(`${shape.label} ours_cli_process_inheriting_NODE_EXTRA_CA_CERTS/alembic=${ratio(median(inheriting), alembic)}`);
  if (tutorial) {
    const alembicSeed = median(peer.map((p) => p.seed));
    console.log(`${shape.label} alembic_seed_process_ms=${whole(alembicSeed)}`);
    console.log(`${shape.label} ours_seed_inprocess/alembic=${ratio(pick("seed"), alembicSeed)}`);
    console.log(`${shape.label} ours_cli_seed_process/alembic=${ratio(median(cli.map((c) => c.seed!)), alembicSeed)}`);
  }
}

// Saving from the canvas: graph → printed, validated (Prisma's validator), formatted, written.
if (!only || only === "save" || only === "canvas") {
  for (const models of [100, 500, 1000]) {
    const project = tempProject(generatedSchema(models));
    const graph = parseSchema(fs.readFileSync(project.schemaPath, "utf8"));
    const changed = { ...graph, models: graph.models.map((m, i) => (i === 0 ? { ...m, name: "Renamed" } : m)) };
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = process.hrtime.bigint();
      await saveSchema(project, i % 2 ? graph : changed);
      times.push(ms(start));
    }
    removeProject(project);
    console.log(`save models=${models} save_schema_ms=${whole(median(times))} (graph to validated, formatted file; median of 5)`);
  }
}

// Opening real schemas: the whole corpus read and printed back (corpus), and the largest ones opened in the browser (open).
const CORPUS = path.resolve(ROOT, "..", "shared", "corpus", "prisma");
if ((!only || only === "corpus") && fs.existsSync(CORPUS)) {
  const files = fs.readdirSync(CORPUS).filter((f) => f.endsWith(".prisma"));
  const texts = files.map((f) => fs.readFileSync(path.join(CORPUS, f), "utf8"));
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    for (const text of texts) {
      try {
        roundTrip(text);
      } catch {
        // the read-only ones are refused; the corpus test says which
      }
    }
    runs.push(ms(start));
  }
  console.log(
    `corpus files=${files.length} round_trip_all_ms=${whole(median(runs))} (parse + print + validate + format each; median of 3)`,
  );
}
if ((!only || only === "corpus" || only === "open") && fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
  await benchOpenFile(path.join(CORPUS, "civitai-civitai__civitai-full.prisma"), "civitai-full");
  await benchOpenFile(path.join(CORPUS, "prisma-prisma__bigschema-5000.prisma"), "bigschema-5000");
  await benchOpenFile("", "chain-1000", chainedSchema(1000));
}

if (!only || only === "canvas") {
  if (fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) await benchCanvas();
  else console.log("canvas=skipped (run npm run build first)");
}

// Sample data (issue #6): generated rows per second against better-sqlite3 inserting the same rows.
if ((!only || only === "sync") && fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) await benchSync();
if (!only || only === "data" || only === "sample") for (const line of await benchSample()) console.log(line);
if (!only || only === "data" || only === "sample" || only === "postgresql")
  for (const line of await benchSamplePostgres()) console.log(line);

// The data grid on a 1,000,000-row table: server ms per page, and scrolling in Chromium.
if (!only || only === "data" || only === "grid") await benchGrid();
if (!only || only === "data" || only === "grid" || only === "postgresql") await benchGridPostgres();
if (!only || only === "migrate" || only === "postgresql") for (const line of await benchMigratePostgres()) console.log(line);
