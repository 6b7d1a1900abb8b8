import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, expect, test } from "vitest";
import type { Project } from "../lib/project/project";
import { removeProject, tempProject } from "../lib/testing/temp-project";

const ROOT = path.resolve(import.meta.dirname, "..");
const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
let project: Project;
afterEach(() => removeProject(project));

const run = (script: string, ...args: string[]) => {
  const result = spawnSync(process.execPath, [TSX, path.join(ROOT, "scripts", script), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, SCHEMAFLOW_PROJECT: project.root },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
};

test("status, history, new, up, down and reset, as Alembic's commands", () => {
  project = tempProject();
  expect(run("migrate.ts", "status").out).toMatch(/head: \(no revision applied\)[\s\S]*schema: changed since the last revision/);
  const written = run("migrate.ts", "new", "--name", "init");
  expect(written.out).toMatch(/Wrote \d{14}_init \(not applied: run up\)/);
  expect(run("migrate.ts", "history").out).toMatch(/^ {2}\d{14}_init {2}pending$/m);
  expect(run("migrate.ts", "up").out).toMatch(/Applied \d{14}_init\./);
  expect(run("migrate.ts", "status").out).toContain("drift: none");
  expect(run("migrate.ts", "history").out).toMatch(/^\* \d{14}_init {2}applied {2}\d{4}-/m);
  expect(run("seed.ts").code).toBe(0);

  const down = run("migrate.ts", "down");
  expect(down.code).toBe(1);
  expect(down.err).toMatch(/loses data[\s\S]*3 row\(s\) of user_account \(the table is dropped\)[\s\S]*--accept-data-loss/);
  expect(run("migrate.ts", "down", "--accept-data-loss").out).toMatch(/Rolled back \d{14}_init/);
  expect(run("migrate.ts", "history").out).toContain("No revisions yet.");
  expect(fs.readFileSync(project.schemaPath, "utf8")).not.toContain("model ");

  expect(run("migrate.ts", "reset").code).toBe(1);
  expect(run("migrate.ts", "reset", "--force").out).toMatch(/Recreated/);
  expect(run("migrate.ts", "frobnicate").err).toContain("usage: npm run migrate -- status");
});

test("on a PostgreSQL schema with a SQLite DATABASE_URL, migrate and seed say what to set and touch nothing", () => {
  project = tempProject();
  const text = fs.readFileSync(project.schemaPath, "utf8").replace('provider = "sqlite"', 'provider = "postgresql"');
  fs.writeFileSync(project.schemaPath, text);
  for (const [script, ...args] of [["migrate.ts", "new", "--name", "init"], ["seed.ts"]]) {
    const result = run(script, ...args);
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      "This schema is for PostgreSQL: set DATABASE_URL to its server (postgresql://user@host:5432/database) to migrate it.",
    );
  }
  expect(fs.existsSync(project.migrationsDir) ? fs.readdirSync(project.migrationsDir) : []).toEqual([]);
  expect(fs.existsSync(project.databasePath)).toBe(false);
  expect(fs.readFileSync(project.schemaPath, "utf8")).toBe(text);
});
