import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Project } from "../project/project";
import { openSchema, saveSchema } from "../project/schema-store";
import { addField, addModel } from "../schema/operations";
import { queryRows } from "../testing/query";
import { removeProject } from "../testing/temp-project";
import { seededTutorialProject } from "../testing/seeded-project";
import { readHistory } from "./history";
import { applyRevision, diagnoseHistory } from "./revision";
import { rollbackLast } from "./rollback";

let project: Project;
let initial: string;
beforeEach(async () => {
  ({ project, schema: initial } = await seededTutorialProject());
});
afterEach(() => removeProject(project));

const rows = (sql: string) => queryRows(project.databasePath, sql);

describe("history and rollback", () => {
  test("history lists each revision with its state; the head is marked; an edited file shows", async () => {
    const { graph } = await openSchema(project);
    await saveSchema(project, addField(graph, graph.models[0].id, { name: "nickname" }).graph);
    let history = await readHistory(project);
    expect(history).toEqual([expect.objectContaining({ state: "applied", head: true, reversible: true })]);
    await applyRevision(project, { name: "nickname", acceptDataLoss: true }).catch(() => undefined);
    history = await readHistory(project);
    // nickname is required without a default: the rehearsal refused it, nothing was written
    expect(history.map((h) => h.state)).toEqual(["applied"]);
    fs.appendFileSync(path.join(project.migrationsDir, history[0].name, "migration.sql"), "\n-- edited by hand\n");
    expect((await readHistory(project))[0].state).toBe("edited");
  });

  test("rolling back the last revision restores the previous schema and database, and keeps every row", async () => {
    const { graph } = await openSchema(project);
    const withNickname = addField(graph, graph.models[0].id, { name: "nickname" });
    const optional = {
      ...withNickname.graph,
      models: withNickname.graph.models.map((m) => ({
        ...m,
        fields: m.fields.map((f) => (f.id === withNickname.field.id ? { ...f, optional: true } : f)),
      })),
    };
    await saveSchema(project, optional);
    const applied = await applyRevision(project, { name: "nickname" });
    expect(applied.status).toBe("applied");
    expect((rows("PRAGMA table_info(user_account)") as { name: string }[]).map((c) => c.name)).toContain("nickname");

    expect(await rollbackLast(project)).toEqual({ status: "rolled-back", revision: expect.stringMatching(/_nickname$/) });
    expect((rows("PRAGMA table_info(user_account)") as { name: string }[]).map((c) => c.name)).not.toContain("nickname");
    expect(rows("SELECT name FROM user_account ORDER BY id")).toEqual([
      { name: "spongebob" },
      { name: "sandy" },
      { name: "patrick" },
    ]);
    expect(rows("SELECT count(*) AS n FROM address")).toEqual([{ n: 3 }]);
    expect(fs.readFileSync(project.schemaPath, "utf8")).toBe(initial);
    expect((await readHistory(project)).map((h) => h.name)).toEqual([expect.stringMatching(/_init$/)]);
    expect(fs.readdirSync(path.join(project.root, "prisma", "rolled-back"))).toEqual([expect.stringMatching(/_nickname$/)]);
    const diagnosis = await diagnoseHistory(project);
    expect(diagnosis).toMatchObject({ history: null, failedMigrationNames: [], editedMigrationNames: [] });
  });

  test("a rollback that would lose rows needs consent, like any revision", async () => {
    const { graph } = await openSchema(project);
    await saveSchema(project, addModel(graph, { name: "Note" }).graph);
    await applyRevision(project, { name: "notes" });
    const database = new Database(project.databasePath);
    database.exec('INSERT INTO "Note" DEFAULT VALUES');
    database.close();
    const refused = await rollbackLast(project);
    expect(refused).toMatchObject({
      status: "needs-data-loss-consent",
      rehearsal: { ok: true, losses: [{ kind: "table-dropped", table: "Note", rows: 1 }] },
    });
    expect(await rollbackLast(project, { acceptDataLoss: true })).toMatchObject({ status: "rolled-back" });
    expect(rows("SELECT name FROM sqlite_master WHERE name = 'Note'")).toEqual([]);
  });

  test("rolling back the first revision leaves an empty schema and database", async () => {
    expect(await rollbackLast(project, { acceptDataLoss: true })).toMatchObject({ status: "rolled-back" });
    expect(fs.readFileSync(project.schemaPath, "utf8")).not.toContain("model ");
    expect(
      rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('_prisma_migrations', 'sqlite_sequence')"),
    ).toEqual([]);
    expect(await rollbackLast(project)).toEqual({ status: "nothing-to-roll-back" });
  });
});
