import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { tutorialSchema } from "../lib/testing/tutorial-schema";
import { E2E_SCHEMA, freshProject } from "./project";

// A PostgreSQL schema opens and is designed like a SQLite one; what PostgreSQL has that SQLite
// does not (extensions, native types, lists, index types and operator classes, key names) is kept.
const pgSchema = tutorialSchema()
  .replace(
    'output   = "../generated/prisma"',
    'output          = "../generated/prisma"\n  previewFeatures = ["postgresqlExtensions"]',
  )
  .replace('provider = "sqlite"', 'provider   = "postgresql"\n  extensions = [pg_trgm]')
  .replace(/(\n\s+fullname\s+)String\?/, "$1String? @db.VarChar(200)")
  .replace("  addresses Address[]\n", "  addresses Address[]\n  nicknames String[]\n")
  .replace('  @@map("user_account")', '  @@index([fullname(ops: raw("gin_trgm_ops"))], type: Gin)\n  @@map("user_account")');
const readSchema = () => fs.readFileSync(E2E_SCHEMA, "utf8");

test.beforeEach(() => freshProject(pgSchema));

test("a PostgreSQL schema opens, an edit is saved with everything PostgreSQL-only kept, and Migrate says what it cannot do yet", async ({
  page,
}) => {
  expect(pgSchema).toMatch(/type: Gin/);
  await page.goto("/");
  const user = page.locator('[data-model="User"]');
  await expect(user.locator('[data-field="nicknames"]')).toBeVisible();
  // A list is marked as one (never optional); a native type is shown on its row.
  await expect(user.locator('[data-field="nicknames"]')).toContainText("[]");
  await expect(page.getByRole("button", { name: "Make optional: nicknames" })).toHaveCount(0);
  await expect(user.locator('[data-field="fullname"]').getByTitle(/@db\.VarChar\(200\)/)).toHaveText("≤200");
  await user.locator('[data-field="name"]').click();
  const name = page.getByRole("complementary", { name: "Inspector" }).getByRole("textbox", { name: "Field name" });
  await name.fill("login");
  await name.press("Enter");
  await expect.poll(readSchema).toMatch(/\n\s+login\s+String/);
  const saved = readSchema();
  expect(saved).toContain('provider   = "postgresql"');
  expect(saved).toContain("extensions = [pg_trgm]");
  expect(saved).toMatch(/fullname\s+String\?\s+@db\.VarChar\(200\)/);
  expect(saved).toMatch(/nicknames\s+String\[\]/);
  expect(saved).toContain('@@index([fullname(ops: raw("gin_trgm_ops"))], type: Gin)');

  // The inspector offers PostgreSQL's column types: a maximum length is a VarChar there.
  await user.locator('[data-field="fullname"]').click();
  const maxLength = page.getByRole("complementary", { name: "Inspector" }).getByRole("textbox", { name: "Maximum length" });
  await expect(maxLength).toHaveValue("200");
  await maxLength.fill("80");
  await maxLength.press("Enter");
  await expect.poll(readSchema).toMatch(/fullname\s+String\?\s+@db\.VarChar\(80\)/);
  await page.locator('[data-model="Address"] [data-field="email_address"]').click();
  const dbType = page.getByRole("complementary", { name: "Inspector" }).getByRole("combobox", { name: "Database type (@db)" });
  await dbType.fill("Text");
  await dbType.press("Enter");
  await expect.poll(readSchema).toMatch(/email_address\s+String\s+@db\.Text/);

  const beforeMigrate = readSchema();
  await page.getByRole("button", { name: "Migrate" }).click();
  await expect(page.getByText("This schema is for PostgreSQL: set DATABASE_URL to its server").first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("postgresql.png") });
  expect(readSchema()).toBe(beforeMigrate);
});

test("the Database switch moves the tutorial to PostgreSQL after saying what changes, and back to SQLite", async ({ page }) => {
  freshProject(tutorialSchema());
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.accept();
  });
  await page.goto("/");
  const provider = page.getByRole("combobox", { name: "Database provider" });
  await expect(provider).toHaveValue("sqlite");
  await provider.selectOption("postgresql");
  await expect.poll(readSchema).toContain('provider = "postgresql"');
  expect(dialogs[0]).toContain("Design this schema for PostgreSQL?");
  expect(dialogs[0]).toContain("User.name: /// @maxLength(30) became @db.VarChar(30).");
  expect(readSchema()).toMatch(/name\s+String\s+@db\.VarChar\(30\)/);
  await expect(page.locator('[data-model="User"] [data-field="name"]')).toContainText("≤30");
  await page.screenshot({ path: test.info().outputPath("switched-to-postgresql.png") });

  await provider.selectOption("sqlite");
  await expect.poll(readSchema).toBe(tutorialSchema());
  expect(dialogs[1]).toContain("User.name: @db.VarChar(30) became /// @maxLength(30).");
});
