import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Project } from "../project/project";
import { openSchema, saveSchema } from "../project/schema-store";
import { renameField, updateField, updateModelProperties } from "../schema/operations";
import { databaseRenames } from "../schema/renames";
import { execSql, queryRows } from "../testing/query";
import { seededTutorialProject } from "../testing/seeded-project";
import { removeProject } from "../testing/temp-project";
import { applyRevision, planRevision } from "./revision";
import { unexplainedChanges } from "./value-check";

let project: Project;
beforeEach(async () => {
  ({ project } = await seededTutorialProject());
});
afterEach(() => removeProject(project));

const fullnames = () => queryRows(project.databasePath, "SELECT fullname FROM user_account ORDER BY id");

/** A revision in the folder, not applied yet, as someone (or something) wrote it. */
function pendingRevision(name: string, sql: string) {
  const directory = path.join(project.migrationsDir, name);
  fs.mkdirSync(directory, { recursive: true });
  fs.writeFileSync(path.join(directory, "migration.sql"), sql);
}

describe("the rehearsal compares values, not only counts", () => {
  test("the @@map payload's SQL, which keeps every row but rewrites a column, is caught and never applied", async () => {
    // What Prisma's engine wrote for @@map("t\" (id INTEGER); UPDATE user_account SET fullname = 'x'; CREATE TABLE \"t2")
    // before names were checked: the row counts stay the same.
    pendingRevision(
      "20990101000000_exploit",
      `CREATE TABLE "t" (id INTEGER); UPDATE user_account SET fullname = 'x'; CREATE TABLE "t2" ("id" INTEGER NOT NULL PRIMARY KEY);\n`,
    );
    const plan = await planRevision(project);
    expect(plan.rehearsal).toMatchObject({
      ok: false,
      unexplained: [{ table: "user_account", column: "fullname", rows: 3, example: expect.stringMatching(/ → x$/) }],
      error: expect.stringMatching(
        /changes values that it does not say it changes: user_account\.fullname \(3 value\(s\), e\.g\. .* → x\)/,
      ),
    });
    expect((await applyRevision(project, { name: "next", acceptDataLoss: true })).status).toBe("rehearsal-failed");
    expect(fullnames()).toEqual([
      { fullname: "Spongebob Squarepants" },
      { fullname: "Sandy Cheeks" },
      { fullname: "Patrick Star" },
    ]);
  });

  test("values swapped between rows (each column's multiset unchanged) are caught", async () => {
    pendingRevision(
      "20990101000000_swap",
      "UPDATE address SET email_address = CASE id WHEN 1 THEN 'sandy@sqlalchemy.org' WHEN 2 THEN 'spongebob@sqlalchemy.org' ELSE email_address END;\n",
    );
    expect((await planRevision(project)).rehearsal).toMatchObject({
      ok: false,
      unexplained: [{ table: "address", column: "email_address" }],
    });
  });

  test("the same values in another order, or a table rebuilt by the engine, are not a change", async () => {
    // A rebuild (new table, copy, drop, rename) that keeps every value, as Prisma's redefinitions do.
    pendingRevision(
      "20990101000000_rebuild",
      'CREATE TABLE "new_address" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "email_address" TEXT NOT NULL, "user_id" INTEGER NOT NULL);\n' +
        'INSERT INTO "new_address" SELECT * FROM "address" ORDER BY id DESC;\nDROP TABLE "address";\nALTER TABLE "new_address" RENAME TO "address";\n',
    );
    expect((await planRevision(project)).rehearsal).toEqual({ ok: true, losses: [] });
  });

  test("renames are followed: a renamed table and column keep their values, so nothing is reported", async () => {
    const opened = await openSchema(project);
    const user = opened.graph.models.find((m) => m.name === "User")!;
    let next = renameField(opened.graph, user.fields.find((f) => f.name === "fullname")!.id, "display_name");
    next = updateModelProperties(next, user.id, { dbName: "users" });
    expect(await saveSchema(project, next, databaseRenames(opened.graph, next))).toMatchObject({ ok: true });
    const plan = await planRevision(project);
    expect(plan.rehearsal).toEqual({ ok: true, losses: [] });
    expect(plan.renames.length).toBe(2);
  });

  test("a column made required is filled with its default where it was NULL: explained, not refused", async () => {
    execSql(project.databasePath, "UPDATE user_account SET fullname = NULL WHERE name = 'patrick'");
    const { graph } = await openSchema(project);
    const fullname = graph.models.find((m) => m.name === "User")!.fields.find((f) => f.name === "fullname")!;
    await saveSchema(project, updateField(graph, fullname.id, { optional: false, default: '"(none)"' }));
    const plan = await planRevision(project);
    expect(plan.rehearsal).toEqual({ ok: true, losses: [] });
    expect((await applyRevision(project, { name: "require fullname" })).status).toBe("applied");
    expect(fullnames()).toEqual([{ fullname: "Spongebob Squarepants" }, { fullname: "Sandy Cheeks" }, { fullname: "(none)" }]);
  });

  test("a table without a primary key is compared by each column's multiset: order does not matter, content does", () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "value-check-"));
    const make = (file: string, values: (string | null)[]) => {
      const database = new Database(path.join(folder, file));
      database.exec("CREATE TABLE note (body TEXT, n INTEGER)");
      const insert = database.prepare("INSERT INTO note VALUES (?, 1)");
      for (const value of values) insert.run(value);
      return database;
    };
    make("original.db", ["a", "b", "b", null]).close();
    const check = (values: (string | null)[]) => {
      const copy = make(`copy-${values.join("-")}.db`, values);
      copy.prepare("ATTACH DATABASE ? AS original").run(path.join(folder, "original.db"));
      try {
        return unexplainedChanges(copy, ["note"], []);
      } finally {
        copy.close();
      }
    };
    expect(check([null, "b", "a", "b"])).toEqual([]);
    expect(check(["a", "b", "c", null])).toEqual([{ table: "note", column: "body" }]);
    expect(check(["a", "b", "b", "b"])).toEqual([{ table: "note", column: "body" }]);
    fs.rmSync(folder, { recursive: true, force: true });
  });
});
