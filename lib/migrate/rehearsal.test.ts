import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { seedTutorial } from "../data/seed";
import type { Project } from "../project/project";
import { openSchema, saveSchema } from "../project/schema-store";
import type { SchemaGraph } from "../schema/graph";
import { addField, deleteField, deleteModel, updateField } from "../schema/operations";
import { removeProject, tempProject } from "../testing/temp-project";
import { applyRevision, planRevision } from "./revision";

let project: Project;
let graph: SchemaGraph;
beforeEach(async () => {
  project = tempProject();
  await applyRevision(project, { name: "init" });
  await seedTutorial(project);
  graph = (await openSchema(project)).graph;
});
afterEach(() => removeProject(project));

const model = (name: string) => graph.models.find((m) => m.name === name)!;
const field = (modelName: string, name: string) => model(modelName).fields.find((f) => f.name === name)!;
const revisions = () => fs.readdirSync(project.migrationsDir).filter((n) => n !== "migration_lock.toml");

async function change(next: SchemaGraph) {
  expect(await saveSchema(project, next)).toMatchObject({ ok: true });
  return planRevision(project);
}

describe("rehearsal on a copy of the database", () => {
  test("dropping a column that holds data needs consent; with it, the revision applies", async () => {
    const plan = await change(deleteField(graph, field("User", "fullname").id));
    expect(plan.rehearsal).toEqual({
      ok: true,
      losses: [{ kind: "column-dropped", table: "user_account", column: "fullname", rows: 3 }],
    });
    const refused = await applyRevision(project, { name: "drop fullname" });
    // The plan comes back to be read, its summary too (the apply path skips that diff).
    expect(refused).toMatchObject({ status: "needs-data-loss-consent", plan: { summary: plan.summary } });
    expect(plan.summary).toContain("Redefined table `user_account`");
    expect(revisions()).toHaveLength(1);
    const applied = await applyRevision(project, { name: "drop fullname", acceptDataLoss: true });
    expect(applied.status).toBe("applied");
    expect(revisions()).toHaveLength(2);
  });

  test("dropping a table with rows is reported with its row count", async () => {
    const plan = await change(deleteModel(graph, model("Address").id));
    expect(plan.rehearsal).toMatchObject({ ok: true, losses: [{ kind: "table-dropped", table: "address", rows: 3 }] });
  });

  test("a required column without a default, on a table with rows, fails on the copy and never reaches the database", async () => {
    const plan = await change(addField(graph, model("User").id, { name: "nickname", type: "String" }).graph);
    expect(plan.rehearsal.ok).toBe(false);
    if (plan.rehearsal.ok) return;
    expect(plan.rehearsal.error).toMatch(/NOT NULL constraint failed|Cannot add a NOT NULL column/);
    expect(plan.rehearsal.statement).toBeTruthy();
    expect((await applyRevision(project, { name: "nickname", acceptDataLoss: true })).status).toBe("rehearsal-failed");
    expect(revisions()).toHaveLength(1);
  });

  test("a unique constraint over duplicated values shows the duplicates", async () => {
    const plan = await change(updateField(graph, field("Address", "user_id").id, { isUnique: true }));
    expect(plan.rehearsal.ok).toBe(false);
    if (plan.rehearsal.ok) return;
    expect(plan.rehearsal.error).toMatch(/UNIQUE constraint failed: address\.user_id/);
    expect(plan.rehearsal.duplicates).toEqual([{ values: "2", count: 2 }]);
  });

  test("a type change is checked value by value: what changes in the cast and what no longer fits are reported", async () => {
    // fullname: "Spongebob Squarepants", "Sandy Cheeks", "Patrick Star"; make two of them numbers written as text.
    const database = new (await import("better-sqlite3")).default(project.databasePath);
    database.exec(
      `UPDATE user_account SET fullname = '012' WHERE name = 'sandy'; UPDATE user_account SET fullname = '7' WHERE name = 'patrick'`,
    );
    database.close();
    const plan = await change(updateField(graph, field("User", "fullname").id, { type: "Int" }));
    expect(plan.rehearsal).toEqual({
      ok: true,
      losses: [
        { kind: "values-changed", table: "user_account", column: "fullname", rows: 1, example: "012 → 12" },
        {
          kind: "values-unfit",
          table: "user_account",
          column: "fullname",
          rows: 1,
          example: "Spongebob Squarepants",
          type: "INTEGER",
        },
      ],
    });
    expect((await applyRevision(project, { name: "retype" })).status).toBe("needs-data-loss-consent");
  });
});
