import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { seedTutorial } from "../data/seed";
import { openSchema, saveSchema } from "../project/schema-store";
import { addField } from "../schema/operations";
import { queryRows } from "../testing/query";
import { removeProject, tempProject } from "../testing/temp-project";
import type { Project } from "../project/project";
import { applyRevision, diagnoseHistory, planRevision } from "./revision";

let project: Project;
afterEach(() => removeProject(project));

const rows = (sql: string) => queryRows(project.databasePath, sql);

describe("revisions through Prisma's schema engine", () => {
  test("the first revision creates user_account and address", async () => {
    project = tempProject();
    const plan = await planRevision(project);
    expect(plan.hasChanges).toBe(true);
    expect(plan.sql).toContain('CREATE TABLE "user_account"');
    expect(plan.sql).toContain('CREATE TABLE "address"');
    expect(plan.sql).toContain("ON DELETE CASCADE");
    expect(plan.summary).toContain("Added tables");

    const result = await applyRevision(project, { name: "Initial migration", expectedSql: plan.sql });
    expect(result.status).toBe("applied");
    if (result.status !== "applied") return;
    expect(result.revision).toMatch(/^\d{14}_initial_migration$/);
    expect(fs.readFileSync(path.join(project.migrationsDir, result.revision, "migration.sql"), "utf8")).toBe(plan.sql);
    expect(fs.readFileSync(path.join(project.migrationsDir, "migration_lock.toml"), "utf8")).toContain('provider = "sqlite"');
    expect(rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).toEqual(
      expect.arrayContaining([{ name: "user_account" }, { name: "address" }, { name: "_prisma_migrations" }]),
    );

    const again = await planRevision(project);
    expect(again.hasChanges).toBe(false);
    expect((await applyRevision(project, { name: "nothing" })).status).toBe("up-to-date");
  });

  test("a table rebuild keeps every seeded user and address", async () => {
    project = tempProject();
    await applyRevision(project, { name: "init" });
    await seedTutorial(project);

    // A required column with a default: SQLite cannot add it in place, Prisma rebuilds the table.
    const { graph } = await openSchema(project);
    const user = graph.models.find((m) => m.name === "User")!;
    const added = addField(graph, user.id, { name: "nickname", type: "String" });
    const withDefault = {
      ...added.graph,
      models: added.graph.models.map((m) => ({
        ...m,
        fields: m.fields.map((f) => (f.id === added.field.id ? { ...f, default: '"none"' } : f)),
      })),
    };
    expect(await saveSchema(project, withDefault)).toMatchObject({ ok: true, written: true });

    const plan = await planRevision(project);
    expect(plan.sql).toContain('CREATE TABLE "new_user_account"');
    expect(plan.sql).toContain('DROP TABLE "user_account"');
    const result = await applyRevision(project, { name: "add nickname" });
    expect(result.status).toBe("applied");

    expect(rows("SELECT name, fullname FROM user_account ORDER BY id")).toEqual([
      { name: "spongebob", fullname: "Spongebob Squarepants" },
      { name: "sandy", fullname: "Sandy Cheeks" },
      { name: "patrick", fullname: "Patrick Star" },
    ]);
    expect(rows("SELECT email_address, user_id FROM address ORDER BY id")).toEqual([
      { email_address: "spongebob@sqlalchemy.org", user_id: 1 },
      { email_address: "sandy@sqlalchemy.org", user_id: 2 },
      { email_address: "sandy@squirrelpower.org", user_id: 2 },
    ]);

    const history = await diagnoseHistory(project);
    expect(history.history).toBeNull();
    expect(history.editedMigrationNames).toEqual([]);
    expect(history.failedMigrationNames).toEqual([]);
    expect(fs.readdirSync(project.migrationsDir).filter((n) => n !== "migration_lock.toml")).toHaveLength(2);
  });

  test("two Migrate requests at once make one revision", async () => {
    project = tempProject();
    const plan = await planRevision(project);
    const results = await Promise.all([
      applyRevision(project, { name: "first", expectedSql: plan.sql }),
      applyRevision(project, { name: "second", expectedSql: plan.sql }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["applied", "up-to-date"]);
    expect(fs.readdirSync(project.migrationsDir).filter((n) => n !== "migration_lock.toml")).toHaveLength(1);
  });

  test("a schema changed after the preview is not applied unseen", async () => {
    project = tempProject();
    const plan = await planRevision(project);
    const { graph } = await openSchema(project);
    await saveSchema(project, addField(graph, graph.models[0].id, { name: "extra" }).graph);
    const result = await applyRevision(project, { name: "stale", expectedSql: plan.sql });
    expect(result.status).toBe("changed-since-preview");
    expect(fs.existsSync(project.migrationsDir)).toBe(false);
  });
});
