import fs from "node:fs";
import Database from "better-sqlite3";
import { afterEach, describe, expect, test } from "vitest";
import { applyRevision } from "../migrate/revision";
import type { Project } from "../project/project";
import { removeProject, tempProject } from "../testing/temp-project";
import { SeedRefused, seedTutorial, TUTORIAL_USERS } from "./seed";

let project: Project;
afterEach(() => removeProject(project));

function count(table: string): number {
  const database = new Database(project.databasePath, { readonly: true });
  try {
    return (database.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    database.close();
  }
}

describe("the tutorial's seed", () => {
  test("before the tables exist it asks for Migrate and creates nothing", async () => {
    project = tempProject();
    await expect(seedTutorial(project)).rejects.toThrow(/run Migrate first/);
    expect(fs.existsSync(project.databasePath)).toBe(false);
  });

  test("inserts the three users and three addresses once; a second seed adds nothing", async () => {
    project = tempProject();
    await applyRevision(project, { name: "init" });
    expect(await seedTutorial(project)).toEqual({ insertedUsers: 3, insertedAddresses: 3, skippedUsers: 0 });
    expect(await seedTutorial(project)).toEqual({ insertedUsers: 0, insertedAddresses: 0, skippedUsers: 3 });
    expect(count("user_account")).toBe(3);
    expect(count("address")).toBe(3);
  });

  test("a name over 30 characters is refused with the limit named, and nothing is written", async () => {
    project = tempProject();
    await applyRevision(project, { name: "init" });
    const long = { name: "x".repeat(31), fullname: "Too Long", addresses: ["long@example.org"] };
    const attempt = seedTutorial(project, [...TUTORIAL_USERS, long]);
    await expect(attempt).rejects.toBeInstanceOf(SeedRefused);
    await expect(attempt).rejects.toThrow(/user_account\.name holds at most 30 characters; "x{31}" has 31/);
    expect(count("user_account")).toBe(0);
    expect(count("address")).toBe(0);
  });
});
