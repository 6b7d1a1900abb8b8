import fs from "node:fs";
import { afterEach, expect, test } from "vitest";
import { removeProject, tempProject } from "../testing/temp-project";
import type { Project } from "./project";
import { clearRenames, readRenames, settleRenames, writeRenames } from "./renames-store";

let project: Project;
afterEach(() => removeProject(project));

test("the renames made on the canvas survive a restart; a damaged file counts as none", async () => {
  project = tempProject();
  expect(await readRenames(project)).toEqual([]);
  const renames = [
    { kind: "table" as const, from: "address", to: "email_address" },
    { kind: "column" as const, table: "user_account", from: "fullname", to: "full_name" },
  ];
  await writeRenames(project, renames);
  expect(await readRenames(project)).toEqual(renames);

  for (const damaged of [
    "{",
    "null",
    '{"kind":"table"}',
    '[{"kind":"table","from":"a"}]',
    '[{"kind":"drop","from":"a","to":"b"}]',
  ]) {
    fs.writeFileSync(project.renamesPath, damaged);
    expect(await readRenames(project)).toEqual([]);
  }
  await clearRenames(project);
  expect(fs.existsSync(project.renamesPath)).toBe(false);
});

test("a revision settles the renames it carried out; one saved while it applied is kept, seen from the new database", async () => {
  project = tempProject();
  const applied = [
    { kind: "table" as const, from: "address", to: "email_address" },
    { kind: "column" as const, table: "email_address", from: "email", to: "mail" },
  ];
  await writeRenames(project, applied);
  await settleRenames(project, applied);
  expect(await readRenames(project)).toEqual([]);

  // Planned with fullname → full_name; renamed again to display_name before the revision finished.
  await writeRenames(project, [{ kind: "column", table: "user_account", from: "fullname", to: "display_name" }]);
  await settleRenames(project, [{ kind: "column", table: "user_account", from: "fullname", to: "full_name" }]);
  expect(await readRenames(project)).toEqual([{ kind: "column", table: "user_account", from: "full_name", to: "display_name" }]);
});
