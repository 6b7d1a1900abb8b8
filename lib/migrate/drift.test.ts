import Database from "better-sqlite3";
import { afterEach, expect, test } from "vitest";
import type { Project } from "../project/project";
import { removeProject, tempProject } from "../testing/temp-project";
import { detectDrift } from "./drift";
import { applyRevision, resetDatabase } from "./revision";

let project: Project;
afterEach(() => removeProject(project));

test("a database changed by hand is reported with what differs; a reset clears it", async () => {
  project = tempProject();
  expect(await detectDrift(project)).toEqual({ drifted: false, summary: "" });
  await applyRevision(project, { name: "init" });
  expect((await detectDrift(project)).drifted).toBe(false);

  const database = new Database(project.databasePath);
  database.exec("CREATE TABLE handmade (id INTEGER PRIMARY KEY); ALTER TABLE user_account DROP COLUMN fullname;");
  database.close();
  const drift = await detectDrift(project);
  expect(drift.drifted).toBe(true);
  expect(drift.summary).toContain("handmade");
  expect(drift.summary).toContain("user_account");

  await resetDatabase(project);
  expect((await detectDrift(project)).drifted).toBe(false);
});
