import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import type { Project } from "../lib/project/project";
import { removeProject, tempProject } from "../lib/testing/temp-project";

const ROOT = path.resolve(import.meta.dirname, "..");
const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");

let project: Project;
afterEach(() => removeProject(project));

function run(script: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [TSX, path.join(ROOT, "scripts", script), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, SCHEMAFLOW_PROJECT: project.root, DATABASE_URL: "file:./data/app.db" },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe("the headless commands", () => {
  test("migrate --name, then seed, on the DATABASE_URL given", () => {
    project = tempProject();
    const seedFirst = run("seed.ts");
    expect(seedFirst.code).toBe(1);
    expect(seedFirst.err).toMatch(/run Migrate first/);

    const noName = run("migrate.ts");
    expect(noName.code).toBe(1);
    expect(noName.err).toMatch(/a revision needs a name/);

    const migrated = run("migrate.ts", "--name", "Initial migration");
    expect(migrated.err).toBe("");
    expect(migrated.code).toBe(0);
    expect(migrated.out).toMatch(/Applied \d{14}_initial_migration/);
    expect(fs.existsSync(path.join(project.root, "data", "app.db"))).toBe(true);

    expect(run("migrate.ts", "--name", "again").out).toMatch(/up to date/);

    const seeded = run("seed.ts");
    expect(seeded.code).toBe(0);
    expect(seeded.out).toContain("Seeded 3 users and 3 addresses");
  });

  test("a schema file that does not parse fails with Prisma's message", () => {
    project = tempProject('datasource db {\n  provider = "sqlite"\n}\n\nmodel Broken {\n  id Int @id\n  name\n}\n');
    const result = run("migrate.ts", "--name", "broken");
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^error: /);
    expect(result.err).toMatch(/field|valid/i);
  });
});
