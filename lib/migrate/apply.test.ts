import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, test } from "vitest";
import { applyPending, checksumOf, RevisionFailed } from "./apply";
import { readMigrationList, writeRevision } from "./migrations-dir";

let root: string;
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function setup() {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "apply-"));
  return { migrations: path.join(root, "migrations"), database: path.join(root, "dev.db") };
}

const query = (file: string, sql: string) => {
  const database = new Database(file, { readonly: true });
  try {
    return database.prepare(sql).all();
  } finally {
    database.close();
  }
};

const parentAndChild =
  'CREATE TABLE "parent" ("id" INTEGER NOT NULL PRIMARY KEY);\n' +
  'CREATE TABLE "child" ("id" INTEGER NOT NULL PRIMARY KEY, "parent_id" INTEGER NOT NULL, CONSTRAINT "fk" FOREIGN KEY ("parent_id") REFERENCES "parent" ("id") ON DELETE CASCADE);\n' +
  'INSERT INTO "parent" VALUES (1); INSERT INTO "child" VALUES (10, 1);\n';

describe("applying revisions atomically", () => {
  test("records each revision as Prisma does", async () => {
    const { migrations, database } = setup();
    await writeRevision(migrations, "20260101000000_init", parentAndChild);
    expect(applyPending(database, await readMigrationList(migrations))).toEqual(["20260101000000_init"]);
    const [row] = query(database, "SELECT * FROM _prisma_migrations") as Record<string, unknown>[];
    expect(row).toMatchObject({
      migration_name: "20260101000000_init",
      checksum: checksumOf(parentAndChild),
      applied_steps_count: 1,
      logs: null,
    });
    expect(String(row.finished_at)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
    expect(applyPending(database, await readMigrationList(migrations))).toEqual([]);
  });

  test("a revision that fails half-way leaves the database as it was, and can be retried once fixed", async () => {
    const { migrations, database } = setup();
    await writeRevision(migrations, "20260101000000_init", parentAndChild);
    await writeRevision(
      migrations,
      "20260102000000_broken",
      'CREATE TABLE "extra" ("id" INTEGER);\nALTER TABLE "nowhere" ADD COLUMN "x" TEXT;\n',
    );
    const attempt = () => readMigrationList(migrations).then((list) => applyPending(database, list));
    await expect(attempt()).rejects.toThrow(
      /20260102000000_broken did not apply, and the database is unchanged: no such table: nowhere/,
    );
    expect(query(database, "SELECT name FROM sqlite_master WHERE name = 'extra'")).toEqual([]);
    // Recorded as Prisma records a failure: started, never finished, no step applied, the error in logs.
    expect(
      query(
        database,
        "SELECT migration_name, finished_at, applied_steps_count, logs FROM _prisma_migrations ORDER BY started_at",
      ),
    ).toEqual([
      { migration_name: "20260101000000_init", finished_at: expect.any(String), applied_steps_count: 1, logs: null },
      {
        migration_name: "20260102000000_broken",
        finished_at: null,
        applied_steps_count: 0,
        logs: expect.stringContaining("no such table: nowhere"),
      },
    ]);
    fs.writeFileSync(path.join(migrations, "20260102000000_broken", "migration.sql"), 'CREATE TABLE "extra" ("id" INTEGER);\n');
    // The retry resolves the failed attempt as `prisma migrate resolve --rolled-back` does, then applies it.
    expect(await attempt()).toEqual(["20260102000000_broken"]);
    expect(
      query(
        database,
        "SELECT finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back FROM _prisma_migrations WHERE migration_name = '20260102000000_broken' ORDER BY started_at, finished",
      ),
    ).toEqual([
      { finished: 0, rolled_back: 1 },
      { finished: 1, rolled_back: 0 },
    ]);
  });

  test("a revision that would leave rows pointing nowhere rolls back", async () => {
    const { migrations, database } = setup();
    await writeRevision(migrations, "20260101000000_init", parentAndChild);
    await writeRevision(migrations, "20260102000000_orphan", 'DELETE FROM "parent";\n');
    const list = await readMigrationList(migrations);
    expect(() => applyPending(database, list)).toThrow(RevisionFailed);
    expect(() => applyPending(database, list)).toThrow(/pointing at rows that do not exist \(child → parent\)/);
    expect(query(database, 'SELECT count(*) AS n FROM "parent"')).toEqual([{ n: 1 }]);
    expect(query(database, 'SELECT count(*) AS n FROM "child"')).toEqual([{ n: 1 }]);
  });

  test("a process killed in the middle of a large revision leaves the database intact and the revision retryable", async () => {
    const { migrations, database } = setup();
    const tables = Array.from(
      { length: 10000 },
      (_, k) => `CREATE TABLE "t${k}" ("id" INTEGER PRIMARY KEY, "name" TEXT);\nINSERT INTO "t${k}" VALUES (1, 'x');\n`,
    ).join("");
    await writeRevision(migrations, "20260101000000_big", tables);
    const script = path.join(root, "apply-child.mts");
    fs.writeFileSync(
      script,
      `
      import { applyPending } from ${JSON.stringify(path.join(import.meta.dirname, "apply.ts"))};
      import { readMigrationList } from ${JSON.stringify(path.join(import.meta.dirname, "migrations-dir.ts"))};
      process.stdout.write("start\\n");
      applyPending(${JSON.stringify(database)}, await readMigrationList(${JSON.stringify(migrations)}));
      process.stdout.write("done\\n");`,
    );
    // tsx's loader in this very process (its cli would run the script in a grandchild the kill misses).
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    await new Promise<void>((resolve) => {
      child.stdout.on("data", (chunk) => {
        output += chunk;
        // Kill it while the revision runs: after it started, before it finished.
        if (output.includes("start")) setTimeout(() => child.kill("SIGKILL"), 150);
      });
      child.on("exit", () => resolve());
    });
    expect(output).not.toContain("done");
    expect(query(database, "PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
    // All or nothing: no table of the revision exists, and it is not recorded.
    expect(query(database, "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name LIKE 't%'")).toEqual([
      { n: 0 },
    ]);
    expect(applyPending(database, await readMigrationList(migrations))).toEqual(["20260101000000_big"]);
    expect(query(database, "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name LIKE 't%'")).toEqual([
      { n: 10000 },
    ]);
  });
});
