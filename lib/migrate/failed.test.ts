import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Project } from "../project/project";
import { openSchema, saveSchema } from "../project/schema-store";
import { addField, updateField } from "../schema/operations";
import { execSql, queryRows } from "../testing/query";
import { removeProject } from "../testing/temp-project";
import { seededTutorialProject } from "../testing/seeded-project";
import { checksumOf } from "./apply";
import { detectDrift } from "./drift";
import { readHistory } from "./history";
import { applyRevision, diagnoseHistory, planRevision } from "./revision";

let project: Project;
let initial: string;
beforeEach(async () => {
  ({ project, schema: initial } = await seededTutorialProject());
});
afterEach(() => removeProject(project));

const rows = (sql: string) => queryRows(project.databasePath, sql);
const columns = (table: string) => (rows(`PRAGMA table_info("${table}")`) as { name: string }[]).map((c) => c.name);
const exec = (sql: string) => execSql(project.databasePath, sql);

/**
 * The real database refuses what its copy accepted (as when it changed after the rehearsal,
 * or a trigger was added by hand): a trigger that aborts recording any finished revision,
 * except in the rehearsal's copy, which lives in a temporary rehearsal.db.
 */
const refuseOnTheRealDatabase = () =>
  exec(
    `CREATE TRIGGER refuse BEFORE INSERT ON _prisma_migrations
     WHEN NEW.finished_at IS NOT NULL AND (SELECT file FROM pragma_database_list WHERE name = 'main') NOT LIKE '%rehearsal.db'
     BEGIN SELECT RAISE(ABORT, 'refused by a trigger'); END`,
  );

async function addOptionalField(name: string) {
  const { graph } = await openSchema(project);
  const user = graph.models.find((m) => m.name === "User")!;
  const added = addField(graph, user.id, { name, type: "String" });
  expect(await saveSchema(project, updateField(added.graph, added.field.id, { optional: true }))).toMatchObject({ ok: true });
}

const migrationRow = (name: string) =>
  rows(`SELECT * FROM _prisma_migrations WHERE migration_name = '${name}' ORDER BY started_at`) as Record<string, unknown>[];
const revisions = () => fs.readdirSync(project.migrationsDir).filter((n) => n !== "migration_lock.toml");

describe("a revision the real database refuses", () => {
  test("is recorded as failed with its error, as Prisma records it; the database is unchanged and the folder kept", async () => {
    await addOptionalField("nickname");
    refuseOnTheRealDatabase();
    const plan = await planRevision(project);
    expect(plan.rehearsal).toEqual({ ok: true, losses: [] });

    const result = await applyRevision(project, { name: "nickname", expectedSql: plan.sql });
    expect(result).toMatchObject({
      status: "failed",
      revision: expect.stringMatching(/^\d{14}_nickname$/),
      error: expect.stringMatching(/did not apply, and the database is unchanged: refused by a trigger/),
    });
    if (result.status !== "failed") return;

    // The database: no nickname, every row still there.
    expect(columns("user_account")).not.toContain("nickname");
    expect(rows("SELECT count(*) AS n FROM user_account")).toEqual([{ n: 3 }]);
    // The folder keeps it, and _prisma_migrations holds Prisma's failed row: started, never finished, the error in logs.
    expect(revisions()).toContain(result.revision);
    const sql = fs.readFileSync(path.join(project.migrationsDir, result.revision, "migration.sql"), "utf8");
    expect(migrationRow(result.revision)).toEqual([
      expect.objectContaining({
        checksum: checksumOf(sql),
        finished_at: null,
        rolled_back_at: null,
        applied_steps_count: 0,
        logs: expect.stringContaining("refused by a trigger"),
        started_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/),
      }),
    ]);

    // History shows it failed with its error; the engine agrees it failed.
    const history = await readHistory(project);
    expect(history.at(-1)).toMatchObject({
      name: result.revision,
      state: "failed",
      error: expect.stringContaining("refused by a trigger"),
      head: false,
    });
    expect(history[0]).toMatchObject({ state: "applied", head: true });
    expect((await diagnoseHistory(project)).failedMigrationNames).toEqual([result.revision]);

    // The next plan tells about it and replaces it: the same change, as a fresh revision.
    const next = await planRevision(project);
    expect(next.failed).toEqual([{ name: result.revision, error: expect.stringContaining("refused by a trigger") }]);
    expect(next.hasChanges).toBe(true);
    expect(next.sql).toBe(sql);
    expect(next.unapplied).toEqual([]);
  });

  test("after the fix, the next Migrate resolves it as rolled back, moves it out, and applies a fresh revision Prisma accepts", async () => {
    await addOptionalField("nickname");
    refuseOnTheRealDatabase();
    const failed = await applyRevision(project, { name: "nickname" });
    expect(failed.status).toBe("failed");
    if (failed.status !== "failed") return;

    // The fix: the cause goes, and the schema changes further.
    exec("DROP TRIGGER refuse");
    await addOptionalField("title");
    const plan = await planRevision(project);
    expect(plan.sql).toContain('"nickname"');
    expect(plan.sql).toContain('"title"');
    const result = await applyRevision(project, { name: "nickname and title", expectedSql: plan.sql });
    expect(result).toMatchObject({ status: "applied", rolledBack: [failed.revision] });
    if (result.status !== "applied") return;

    expect(columns("user_account")).toEqual(expect.arrayContaining(["nickname", "title"]));
    expect(rows("SELECT name FROM user_account ORDER BY id")).toEqual([
      { name: "spongebob" },
      { name: "sandy" },
      { name: "patrick" },
    ]);
    // `prisma migrate resolve --rolled-back`: the failed row stays as an audit trail, marked rolled back ...
    expect(migrationRow(failed.revision)).toEqual([
      expect.objectContaining({ finished_at: null, rolled_back_at: expect.stringMatching(/^\d{4}-/) }),
    ]);
    // ... and its folder leaves prisma/migrations for prisma/rolled-back, so that no tool applies it again.
    expect(revisions()).toEqual([expect.stringMatching(/_init$/), result.revision]);
    expect(fs.readdirSync(path.join(project.root, "prisma", "rolled-back"))).toEqual([failed.revision]);

    expect((await readHistory(project)).map((h) => h.state)).toEqual(["applied", "applied"]);
    expect(await diagnoseHistory(project)).toMatchObject({ history: null, failedMigrationNames: [], editedMigrationNames: [] });
    expect((await detectDrift(project)).drifted).toBe(false);
    expect((await planRevision(project)).failed).toEqual([]);
  });

  test("the state never wedges: failing twice, then undoing the schema change, leaves a clean history", async () => {
    await addOptionalField("nickname");
    refuseOnTheRealDatabase();
    const first = await applyRevision(project, { name: "nickname" });
    const second = await applyRevision(project, { name: "nickname again" });
    expect(first.status).toBe("failed");
    expect(second).toMatchObject({ status: "failed", rolledBack: [first.status === "failed" ? first.revision : ""] });
    if (second.status !== "failed") return;
    expect((await readHistory(project)).map((h) => h.state)).toEqual(["applied", "failed"]);

    // Undone on the canvas: nothing to migrate, and Migrate still clears the failed revision.
    fs.writeFileSync(project.schemaPath, initial);
    const plan = await planRevision(project);
    expect(plan.hasChanges).toBe(false);
    expect(plan.failed.map((f) => f.name)).toEqual([second.revision]);
    expect(await applyRevision(project, { name: "anything" })).toMatchObject({
      status: "up-to-date",
      rolledBack: [second.revision],
    });
    expect((await readHistory(project)).map((h) => h.state)).toEqual(["applied"]);
    expect(await diagnoseHistory(project)).toMatchObject({ history: null, failedMigrationNames: [], editedMigrationNames: [] });
    expect(fs.readdirSync(path.join(project.root, "prisma", "rolled-back")).sort()).toEqual(
      [first.status === "failed" ? first.revision : "", second.revision].sort(),
    );
  });
});
