import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { tutorialSchema } from "../lib/testing/tutorial-schema";
import { E2E_SCHEMA, freshProject, migrateInit } from "./project";

// A user who starts from their own models.py: a real one (Flask-AppBuilder's security models,
// lib/testing/fixtures/sqlalchemy), imported in the browser, told what the import chose, then
// migrated into a database whose tables the grid lists.
test.beforeEach(() => freshProject(tutorialSchema()));

test("imports a real models.py: join models for its association tables, said and why; then it migrates", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.accept();
  });
  await page.goto("/");
  await expect(page.locator('[data-model="User"]')).toBeVisible();
  const fixture = path.resolve("lib", "testing", "fixtures", "sqlalchemy", "flask_appbuilder_models.py");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "import-")), "models.py");
  fs.copyFileSync(fixture, file);
  await page.getByLabel("File to import").setInputFiles(file);

  await expect(page.locator('[data-model="AbUserRole"]')).toBeVisible();
  expect(dialogs[0]).toMatch(/^Replace prisma\/schema.prisma with the schema imported from models.py\?/);
  expect(dialogs[0]).toContain("\n\nNotes on the import:\n- line 108: the association table is kept as the join model");
  expect(dialogs[0]).toMatch(
    /\n- line 144: the association table is kept as the join model AbUserRole .*_RoleToUser with columns A and B/,
  );
  const schema = fs.readFileSync(E2E_SCHEMA, "utf8");
  expect(schema).toMatch(/model AbUserRole \{[\s\S]*@@unique\(\[user_id, role_id\]\)[\s\S]*@@map\("ab_user_role"\)/);
  expect(schema).toMatch(/roles\s+AbUserRole\[\]/);
  await page.screenshot({ path: test.info().outputPath("imported-models-py.png") });

  await migrateInit(page);
  await page.getByRole("button", { name: "Data", exact: true }).click();
  const data = page.getByRole("complementary", { name: "Data" });
  await expect(data.getByRole("button", { name: /^ab_user_role/ })).toBeVisible();
  await expect(data.getByRole("button", { name: /^ab_permission_view_role/ })).toBeVisible();
});
