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
    env: { ...process.env, SCHEMAFLOW_PROJECT: project.root },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
};
const migrate = (...args: string[]) => launch("migrate", ...args);

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
