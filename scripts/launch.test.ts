import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, expect, test } from "vitest";
import type { Project } from "../lib/project/project";
import { removeProject, tempProject } from "../lib/testing/temp-project";

// npm run migrate and npm run seed run scripts/migrate.ts and scripts/seed.ts as bundles
// (scripts/launch.cjs); the other CLI tests run the TypeScript through tsx. These check that
// the bundles behave the same.
const ROOT = path.resolve(import.meta.dirname, "..");
const LAUNCH = path.join(ROOT, "scripts", "launch.cjs");
const MANIFEST = path.join(ROOT, "dist", "cli", "migrate.inputs.json");
let project: Project;
afterEach(() => removeProject(project));

const launch = (cli: string, ...args: string[]) => {
  const result = spawnSync(process.execPath, [LAUNCH, cli, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, SCHEMAFLOW_PROJECT: project.root, SCHEMAFLOW_LAUNCH_DEBUG: "" },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
};
const migrate = (...args: string[]) => launch("migrate", ...args);
/** migrate, telling on stderr how the schema engine was compiled. */
const migrateTold = (...args: string[]) => {
  const result = spawnSync(process.execPath, [LAUNCH, "migrate", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, SCHEMAFLOW_PROJECT: project.root, SCHEMAFLOW_LAUNCH_DEBUG: "1" },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
};

const ENGINE_MANIFEST = path.join(ROOT, "dist", "cli", "schema-engine.json");
const engineManifest = () =>
  JSON.parse(fs.readFileSync(ENGINE_MANIFEST, "utf8")) as { node: string; file: string; sha256?: string; failed?: string };
const revisionFiles = (root: string) => {
  const migrations = path.join(root, "prisma", "migrations");
  const [revision] = fs.readdirSync(migrations).filter((name) => /^\d{14}_/.test(name));
  return ["migration.sql", "down.sql"].map((file) => fs.readFileSync(path.join(migrations, revision, file), "utf8"));
};

test("the bundled CLI migrates, reports and refuses as the TypeScript does", () => {
  project = tempProject();
  const applied = migrate("--name", "init");
  expect(applied).toMatchObject({ code: 0, err: "" });
  expect(applied.out).toMatch(/Applied \d{14}_init\. The database is up to date\./);
  // Again, from the code cache the first run left.
  expect(migrate("status")).toMatchObject({ code: 0, err: "" });
  expect(migrate("status").out).toMatch(/head: \d{14}_init[\s\S]*schema: matches the revisions[\s\S]*drift: none/);
  expect(migrate("down").out).toMatch(/Rolled back \d{14}_init/);
  expect(migrate("reset")).toMatchObject({
    code: 1,
    out: "",
    err: "error: reset deletes the database and its rows: run it with --force\n",
  });
  expect(migrate("frobnicate").err).toContain("usage: npm run migrate -- status");
});

test("a bundle older than one of its inputs is rebuilt before it runs", () => {
  project = tempProject();
  expect(migrate("history").out).toContain("No revisions yet.");
  const manifest = JSON.parse(fs.readFileSync(MANIFEST, "utf8")) as { inputs: Record<string, string> };
  // As if scripts/cli.ts had been edited since the bundle was built.
  manifest.inputs["scripts/cli.ts"] = "0:0:0";
  fs.writeFileSync(MANIFEST, JSON.stringify(manifest));
  expect(migrate("history")).toMatchObject({ code: 0, out: "No revisions yet.\n", err: "" });
  const rebuilt = JSON.parse(fs.readFileSync(MANIFEST, "utf8")) as { inputs: Record<string, string> };
  expect(rebuilt.inputs["scripts/cli.ts"]).not.toBe("0:0:0");
});

test("the bundled seed runs Prisma Client (the tutorial's users) and the sample data generator", () => {
  project = tempProject();
  expect(launch("seed")).toMatchObject({ code: 1, err: expect.stringMatching(/run Migrate first/) });
  expect(migrate("--name", "init").code).toBe(0);
  expect(launch("seed")).toMatchObject({ code: 0, out: "Seeded 3 users and 3 addresses.\n" });
  expect(launch("seed")).toMatchObject({ code: 0, out: expect.stringContaining("Already seeded") });
  const sample = launch("seed", "--rows", "50", "--seed", "2");
  expect(sample.code).toBe(0);
  expect(sample.out).toMatch(/user_account\s+50/);
});

test("migrate starts from the schema engine's cached code and writes the revision a freshly compiled engine writes", () => {
  project = tempProject();
  // No cache (a fresh checkout, or Node or the engine changed): the command makes it first.
  fs.rmSync(ENGINE_MANIFEST, { force: true });
  const cached = migrateTold("--name", "init");
  expect(cached).toMatchObject({ code: 0, err: "schema engine: cached code\n" });
  expect(engineManifest()).toMatchObject({ node: process.version, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  const withCache = revisionFiles(project.root);
  expect(withCache[0]).toContain('CREATE TABLE "user_account"');
  expect(withCache[1]).toContain('DROP TABLE "user_account"');

  // The same revision from an engine compiled in the process, as when the cache could not be made.
  const manifest = engineManifest();
  removeProject(project);
  project = tempProject();
  fs.writeFileSync(ENGINE_MANIFEST, JSON.stringify({ ...manifest, sha256: undefined, failed: "(test)" }));
  expect(migrateTold("--name", "init")).toMatchObject({ code: 0, err: "schema engine: no cache, compiled\n" });
  expect(revisionFiles(project.root)).toEqual(withCache);
  fs.writeFileSync(ENGINE_MANIFEST, JSON.stringify(manifest));
  expect(migrateTold("status")).toMatchObject({ code: 0, err: "schema engine: cached code\n" });
});

test("an altered engine cache is never loaded (V8 would run it as it is): the command compiles, and the cache is made again", () => {
  project = tempProject();
  expect(migrateTold("history").code).toBe(0); // the command makes a cache if there is none
  const manifest = engineManifest();
  const file = path.join(ROOT, "dist", "cli", manifest.file);
  const altered = fs.readFileSync(file);
  for (let i = 1000; i < altered.length; i += 4093) altered[i] ^= 0x5a;
  fs.writeFileSync(file, altered);
  const run = migrateTold("--name", "init");
  expect(run).toMatchObject({ code: 0, err: "schema engine: cache altered, compiled\n" });
  expect(run.out).toMatch(/Applied \d{14}_init/);
  expect(fs.existsSync(ENGINE_MANIFEST)).toBe(false);
  expect(migrateTold("status")).toMatchObject({ code: 0, err: "schema engine: cached code\n" });

  // Deleted: the same.
  fs.rmSync(path.join(ROOT, "dist", "cli", engineManifest().file));
  expect(migrateTold("status")).toMatchObject({ code: 0, err: "schema engine: cache altered, compiled\n" });
  expect(migrateTold("status")).toMatchObject({ code: 0, err: "schema engine: cached code\n" });

  // Made by another Node: made again for this one.
  fs.writeFileSync(ENGINE_MANIFEST, JSON.stringify({ ...engineManifest(), node: "v0.0.0" }));
  expect(migrateTold("status")).toMatchObject({ code: 0, err: "schema engine: cached code\n" });
  expect(engineManifest().node).toBe(process.version);
});
