import { afterAll, afterEach, describe, expect, inject, test } from "vitest";
import { projectAt, type Project } from "../../../project/project";
import { openSchema, saveSchema } from "../../../project/schema-store";
import { renameField, renameModel, updateEnum } from "../../../schema/operations";
import { databaseRenames } from "../../../schema/renames";
import { pgQuery, testDatabases } from "../../../testing/pg-database";
import { removeProject, tempProject } from "../../../testing/temp-project";
import { applyRevision, planRevision } from "../../revision";
import { rollbackLast } from "../../rollback";

/**
 * Renames made on the canvas, on PostgreSQL: tables and columns as on SQLite, and enums,
 * whose type and values PostgreSQL renames in place (ALTER TYPE ... RENAME [VALUE]). The
 * engine alone would drop and re-create the type, and fail on every row holding a value.
 */
const server = inject("postgresUrl");
const TASKS = `datasource db {
  provider = "postgresql"
}

enum Status {
  draft
  live
}

model Task {
  id     Int      @id
  title  String
  status Status   @default(draft)
  seen   Status[]
}
`;

describe.skipIf(!server)("Renames on PostgreSQL", () => {
  const scratch = testDatabases(server);
  const made: Project[] = [];
  afterEach(() => made.splice(0).forEach(removeProject));
  afterAll(() => scratch.dropAll());

  test("a table, a column, an enum and an enum value renamed on the canvas keep every value, there and back", async () => {
    const project = projectAt(tempProject(TASKS).root, await scratch.fresh());
    made.push(project);
    expect(await applyRevision(project, { name: "init" })).toMatchObject({ status: "applied" });
    const url = project.databaseUrl;
    await pgQuery(url, `INSERT INTO "Task" VALUES (1, 'a', 'draft', '{draft,live}'), (2, 'b', 'live', '{}')`);

    const { graph } = await openSchema(project);
    const task = graph.models[0];
    let next = renameModel(graph, task.id, "Job");
    next = renameField(next, task.fields.find((f) => f.name === "title")!.id, "name");
    next = updateEnum(next, graph.enums[0].id, { name: "State", values: [{ name: "DRAFT" }, { name: "live" }] });
    expect(await saveSchema(project, next, databaseRenames(graph, next))).toMatchObject({ ok: true });

    const plan = await planRevision(project);
    expect(plan.sql).toContain(`ALTER TYPE "Status" RENAME TO "State";\nALTER TYPE "State" RENAME VALUE 'draft' TO 'DRAFT';`);
    expect(plan.sql).not.toMatch(/DROP|CREATE TYPE/);
    expect(plan.summary).toContain(
      "Renamed (data kept)\n  - Task → Job\n  - Job.title → name\n  - enum Status → State\n  - State.draft → DRAFT",
    );
    expect(plan.rehearsal).toEqual({ ok: true, losses: [] });
    expect(await applyRevision(project, { name: "renames" })).toMatchObject({ status: "applied" });
    expect(await pgQuery(url, `SELECT id, name, status::text, seen::text FROM "Job" ORDER BY id`)).toEqual([
      { id: 1, name: "a", status: "DRAFT", seen: "{DRAFT,live}" },
      { id: 2, name: "b", status: "live", seen: "{}" },
    ]);
    expect(
      await pgQuery(
        url,
        `SELECT column_default FROM information_schema.columns WHERE table_name = 'Job' AND column_name = 'status'`,
      ),
    ).toEqual([{ column_default: `'DRAFT'::"State"` }]);
    expect((await planRevision(project)).hasChanges).toBe(false);

    expect(await rollbackLast(project)).toMatchObject({ status: "rolled-back" });
    expect(await pgQuery(url, `SELECT id, title, status::text, seen::text FROM "Task" ORDER BY id`)).toEqual([
      { id: 1, title: "a", status: "draft", seen: "{draft,live}" },
      { id: 2, title: "b", status: "live", seen: "{}" },
    ]);
    expect((await planRevision(project)).hasChanges).toBe(false);
  });
});
