import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Project } from "../project/project";
import { execSql, queryRows } from "../testing/query";
import { removeProject } from "../testing/temp-project";
import { seededTutorialProject } from "../testing/seeded-project";
import { checksumOf } from "./apply";
import { detectDrift, reconcileDrift } from "./drift";
import { readHistory } from "./history";
import { applyRevision, diagnoseHistory, planRevision } from "./revision";
import { rollbackLast } from "./rollback";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
let project: Project;
let initial: string;
beforeEach(async () => {
  ({ project, schema: initial } = await seededTutorialProject());
});
afterEach(() => removeProject(project));

const rows = (sql: string) => queryRows(project.databasePath, sql);
const exec = (sql: string) => execSql(project.databasePath, sql);
/** What the database holds, apart from the history table: every table's definition and rows. */
const contents = () => {
  const tables = rows(
    "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT IN ('_prisma_migrations', 'sqlite_sequence') ORDER BY name",
  ) as { name: string; sql: string }[];
  return tables.map((t) => ({ ...t, rows: rows(`SELECT * FROM "${t.name}" ORDER BY 1`) }));
};
const revisions = () => fs.readdirSync(project.migrationsDir).filter((n) => n !== "migration_lock.toml");

/** Changes made by hand: a table with a row, and a column dropped. */
const changeByHand = () =>
  exec(
    "CREATE TABLE handmade (id INTEGER PRIMARY KEY, note TEXT); INSERT INTO handmade VALUES (1, 'keep me');" +
      "ALTER TABLE user_account DROP COLUMN fullname;",
  );

describe("keeping the database's changes as a reconciling revision", () => {
  test("records the difference as an applied revision: nothing runs, no row is lost, the drift is gone", async () => {
    changeByHand();
    expect((await detectDrift(project)).drifted).toBe(true);
    const before = contents();

    const result = await reconcileDrift(project, { name: "keep handmade" });
    expect(result.revision).toMatch(/^\d{14}_keep_handmade$/);
    expect(result.sql).toContain('CREATE TABLE "handmade"');
    expect(result.summary).toContain("handmade");
    expect(result.summary).toContain("user_account");

    // The database is exactly as the hand left it.
    expect(contents()).toEqual(before);
    expect(rows("SELECT note FROM handmade")).toEqual([{ note: "keep me" }]);

    // The revision is a plain Prisma migration, recorded as `prisma migrate resolve --applied` records one.
    const sql = fs.readFileSync(path.join(project.migrationsDir, result.revision, "migration.sql"), "utf8");
    expect(sql).toBe(result.sql);
    const [row] = rows(`SELECT * FROM _prisma_migrations WHERE migration_name = '${result.revision}'`) as Record<
      string,
      unknown
    >[];
    expect(row).toMatchObject({ checksum: checksumOf(sql), logs: "", rolled_back_at: null, applied_steps_count: 0 });
    expect(row.finished_at).toBe(row.started_at);
    expect(String(row.finished_at)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);

    expect(await detectDrift(project)).toEqual({ drifted: false, summary: "" });
    expect(await diagnoseHistory(project)).toMatchObject({ history: null, failedMigrationNames: [], editedMigrationNames: [] });
    expect(await readHistory(project)).toEqual([
      expect.objectContaining({ state: "applied", head: false }),
      expect.objectContaining({ name: result.revision, state: "applied", head: true, reversible: true }),
    ]);
    // The schema file is the user's and is left alone.
    expect(fs.readFileSync(project.schemaPath, "utf8")).toBe(initial);
  });

  test("the next Migrate proposes what the schema file asks, with the usual data-loss checks", async () => {
    changeByHand();
    await reconcileDrift(project, {});
    const plan = await planRevision(project);
    expect(plan.hasChanges).toBe(true);
    expect(plan.sql).toContain('DROP TABLE "handmade"');
    expect(plan.sql).toContain('"fullname"');
    expect(plan.rehearsal).toEqual({ ok: true, losses: [{ kind: "table-dropped", table: "handmade", rows: 1 }] });
    expect((await applyRevision(project, { name: "back to the schema" })).status).toBe("needs-data-loss-consent");
    expect(await applyRevision(project, { name: "back to the schema", acceptDataLoss: true })).toMatchObject({
      status: "applied",
    });
    expect(rows("SELECT name FROM sqlite_master WHERE name = 'handmade'")).toEqual([]);
    expect(rows("SELECT name, fullname FROM user_account ORDER BY id")).toEqual([
      { name: "spongebob", fullname: null },
      { name: "sandy", fullname: null },
      { name: "patrick", fullname: null },
    ]);
    expect(await diagnoseHistory(project)).toMatchObject({ history: null, failedMigrationNames: [], editedMigrationNames: [] });
    expect((await detectDrift(project)).drifted).toBe(false);
  });

  test("it can be rolled back like any revision: the hand changes are undone, with consent for what they held", async () => {
    changeByHand();
    await reconcileDrift(project, {});
    expect(await rollbackLast(project)).toMatchObject({
      status: "needs-data-loss-consent",
      rehearsal: { ok: true, losses: [{ kind: "table-dropped", table: "handmade", rows: 1 }] },
    });
    expect(await rollbackLast(project, { acceptDataLoss: true })).toMatchObject({ status: "rolled-back" });
    expect(rows("SELECT name FROM sqlite_master WHERE name = 'handmade'")).toEqual([]);
    expect((await detectDrift(project)).drifted).toBe(false);
    expect(fs.readFileSync(project.schemaPath, "utf8")).toBe(initial);
  });

  test("without drift it refuses and writes nothing", async () => {
    await expect(reconcileDrift(project, {})).rejects.toThrow(/no drift/i);
    expect(revisions()).toHaveLength(1);
  });

  test("a revision written but not applied is not drift, and reconciling waits for it to be applied", async () => {
    fs.appendFileSync(project.schemaPath, "\nmodel Note {\n  id Int @id @default(autoincrement())\n}\n");
    expect((await applyRevision(project, { name: "notes", writeOnly: true })).status).toBe("applied");
    expect((await detectDrift(project)).drifted).toBe(false);
    changeByHand();
    expect((await detectDrift(project)).summary).not.toContain("Note");
    await expect(reconcileDrift(project, {})).rejects.toThrow(/_notes is written but not applied/);
    expect(revisions()).toHaveLength(2);
  });

  test("npm run migrate -- reconcile, and its refusal when there is no drift", () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "migrate.ts"), ...args], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, SCHEMAFLOW_PROJECT: project.root },
      });
    changeByHand();
    expect(run("status").stdout).toContain("npm run migrate -- reconcile");
    const recorded = run("reconcile", "--name", "by hand");
    expect(recorded.stdout).toMatch(/Recorded the database's changes as \d{14}_by_hand/);
    expect(recorded.status).toBe(0);
    const again = run("reconcile");
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/error: no drift/i);
    expect(run("--help").stdout).toContain("reconcile [--name <name>]");
  });
});
