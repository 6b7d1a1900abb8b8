import fs from "node:fs";
import { afterEach, expect, test } from "vitest";
import { seedTutorial } from "../data/seed";
import type { Project } from "../project/project";
import { openSchema, saveSchema } from "../project/schema-store";
import { renameField, renameModel, updateEnum, updateModelProperties } from "../schema/operations";
import { databaseRenames } from "../schema/renames";
import { execSql, queryRows } from "../testing/query";
import { removeProject, tempProject } from "../testing/temp-project";
import { applyRevision, planRevision } from "./revision";
import { rollbackLast } from "./rollback";

let project: Project;
afterEach(() => removeProject(project));

const rows = (sql: string) => queryRows(project.databasePath, sql);

test("renaming on the canvas renames in the database: every value is still there", async () => {
  project = tempProject();
  await applyRevision(project, { name: "init" });
  await seedTutorial(project);
  const { graph } = await openSchema(project);
  const user = graph.models.find((m) => m.name === "User")!;
  const address = graph.models.find((m) => m.name === "Address")!;
  // User.fullname → full_name; Address → EmailAddress, its table address → email_address.
  let next = renameField(graph, user.fields.find((f) => f.name === "fullname")!.id, "full_name");
  next = renameModel(next, address.id, "EmailAddress");
  next = updateModelProperties(next, address.id, { dbName: "email_address" });
  expect(await saveSchema(project, next, databaseRenames(graph, next))).toMatchObject({ ok: true });

  const plan = await planRevision(project);
  expect(plan.sql).toContain('ALTER TABLE "address" RENAME TO "email_address";');
  expect(plan.sql).toContain('ALTER TABLE "user_account" RENAME COLUMN "fullname" TO "full_name";');
  expect(plan.sql).not.toMatch(/DROP TABLE|DROP COLUMN/);
  expect(plan.summary).toContain("Renamed (data kept)");
  expect(plan.rehearsal).toEqual({ ok: true, losses: [] });

  expect((await applyRevision(project, { name: "renames" })).status).toBe("applied");
  expect(rows("SELECT name, full_name FROM user_account ORDER BY id")).toEqual([
    { name: "spongebob", full_name: "Spongebob Squarepants" },
    { name: "sandy", full_name: "Sandy Cheeks" },
    { name: "patrick", full_name: "Patrick Star" },
  ]);
  expect(rows("SELECT email_address, user_id FROM email_address ORDER BY id")).toEqual([
    { email_address: "spongebob@sqlalchemy.org", user_id: 1 },
    { email_address: "sandy@sqlalchemy.org", user_id: 2 },
    { email_address: "sandy@squirrelpower.org", user_id: 2 },
  ]);
  expect((await planRevision(project)).hasChanges).toBe(false);

  // The way back is rename-aware too: rolling the revision back renames, it drops nothing.
  const rollback = await rollbackLast(project);
  expect(rollback).toMatchObject({ status: "rolled-back" });
  expect(rows("SELECT name, fullname FROM user_account ORDER BY id")).toEqual([
    { name: "spongebob", fullname: "Spongebob Squarepants" },
    { name: "sandy", fullname: "Sandy Cheeks" },
    { name: "patrick", fullname: "Patrick Star" },
  ]);
  expect(rows("SELECT email_address, user_id FROM address ORDER BY id")).toHaveLength(3);
});

test("a rename the migrations cannot replay is said in the plan, the others are still used, and the next revision settles it", async () => {
  project = tempProject();
  await applyRevision(project, { name: "init" });
  await seedTutorial(project);
  const { graph } = await openSchema(project);
  const user = graph.models.find((m) => m.name === "User")!;
  // A recorded rename of a table no revision ever made (as a table created and renamed since).
  fs.writeFileSync(project.renamesPath, JSON.stringify([{ kind: "table", from: "ghost", to: "spirit" }]));
  const next = renameField(graph, user.fields.find((f) => f.name === "fullname")!.id, "full_name");
  expect(await saveSchema(project, next, databaseRenames(graph, next))).toMatchObject({ ok: true });
  const plan = await planRevision(project);
  expect(plan.sql).toContain('ALTER TABLE "user_account" RENAME COLUMN "fullname" TO "full_name";');
  expect(plan.summary).toMatch(/\[!\] Renames recorded on the canvas that the migrations cannot replay[\s\S]*ghost → spirit/);
  expect((await applyRevision(project, { name: "rename" })).status).toBe("applied");
  expect(fs.existsSync(project.renamesPath)).toBe(false);
  expect(rows("SELECT full_name FROM user_account ORDER BY id")).toEqual([
    { full_name: "Spongebob Squarepants" },
    { full_name: "Sandy Cheeks" },
    { full_name: "Patrick Star" },
  ]);
});

const TASKS = `datasource db {
  provider = "sqlite"
}

enum Status {
  draft
  live
}

model Task {
  id     Int    @id @default(autoincrement())
  title  String
  status Status @default(draft)

  @@map("task")
}
`;

test("an enum value renamed on SQLite, where enum values are text, is renamed in every row that holds it", async () => {
  project = tempProject(TASKS);
  await applyRevision(project, { name: "init" });
  execSql(project.databasePath, "INSERT INTO task (title, status) VALUES ('a', 'draft'), ('b', 'live'), ('c', 'draft');");
  const { graph } = await openSchema(project);
  const status = graph.enums[0];
  const next = updateEnum(graph, status.id, { values: [{ name: "DRAFT" }, { name: "live" }] });
  expect(await saveSchema(project, next, databaseRenames(graph, next))).toMatchObject({ ok: true });

  const plan = await planRevision(project);
  expect(plan.sql).toContain(`UPDATE "task" SET "status" = 'DRAFT' WHERE "status" = 'draft';`);
  expect(plan.summary).toContain("Renamed (data kept)\n  - Status.draft → DRAFT");
  // The rows it rewrites are what the plan says: the value check does not call them unexplained.
  expect(plan.rehearsal).toEqual({ ok: true, losses: [] });
  expect((await applyRevision(project, { name: "rename_value" })).status).toBe("applied");
  expect(rows("SELECT status FROM task ORDER BY id")).toEqual([{ status: "DRAFT" }, { status: "live" }, { status: "DRAFT" }]);
  expect(fs.existsSync(project.renamesPath)).toBe(false);
  expect((await planRevision(project)).hasChanges).toBe(false);

  expect(await rollbackLast(project)).toMatchObject({ status: "rolled-back" });
  expect(rows("SELECT status FROM task ORDER BY id")).toEqual([{ status: "draft" }, { status: "live" }, { status: "draft" }]);
});
