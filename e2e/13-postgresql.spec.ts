import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { tutorialSchema } from "../lib/testing/tutorial-schema";
import { E2E_SCHEMA, freshProject } from "./project";

// A PostgreSQL schema opens and is designed like a SQLite one; what PostgreSQL has that SQLite
// does not (extensions, native types, lists, index types and operator classes, key names) is kept.
const pgSchema = tutorialSchema()
  .replace(
    'output   = "../generated/prisma"',
    'output          = "../generated/prisma"\n  previewFeatures = ["postgresqlExtensions", "views"]',
  )
  .replace('provider = "sqlite"', 'provider   = "postgresql"\n  extensions = [pg_trgm]')
  .replace(/(\n\s+fullname\s+)String\?/, "$1String? @db.VarChar(200)")
  .replace(
    "  addresses Address[]\n",
    '  addresses Address[]\n  nicknames String[]\n  token     String   @default(dbgenerated("gen_random_uuid()"))\n',
  )
  .replace('  @@map("user_account")', '  @@index([fullname(ops: raw("gin_trgm_ops"))], type: Gin)\n  @@map("user_account")');
const withView = `${pgSchema}\nview UserName {\n  id   Int    @unique\n  name String\n}\n`;
const readSchema = () => fs.readFileSync(E2E_SCHEMA, "utf8");

test.beforeEach(() => freshProject(withView));

test("a PostgreSQL schema opens, an edit is saved with everything PostgreSQL-only kept, and Migrate asks for its server", async ({
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

test("a view is read-only; a default Prisma computes is kept through the inspector", async ({ page }) => {
  await page.goto("/");
  const view = page.locator('[data-model="UserName"]');
  await expect(view).toHaveAttribute("aria-label", "View UserName");
  await expect(view.getByText("view", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add field to UserName" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete table UserName" })).toHaveCount(0);
  await expect(view.getByRole("textbox")).toHaveCount(0);
  await view.locator("header").click();
  const inspector = page.getByRole("complementary", { name: "Inspector" });
  await expect(inspector.getByRole("note")).toContainText("Read-only: a database view");
  await expect(inspector.getByRole("textbox")).toHaveCount(0);
  await view.locator('[data-field="name"]').click();
  await expect(inspector.getByRole("note")).toContainText("Read-only");

  // Leaving the Default value of dbgenerated(...) as it was writes nothing; an edit elsewhere keeps it.
  await page.locator('[data-model="User"] [data-field="token"]').click();
  const value = inspector.getByRole("textbox", { name: "Default value" });
  await expect(value).toHaveValue('dbgenerated("gen_random_uuid()")');
  await value.focus();
  await value.press("Enter");
  await value.blur();
  await page.locator('[data-model="User"] [data-field="name"]').click();
  const name = inspector.getByRole("textbox", { name: "Field name" });
  await name.fill("login");
  await name.press("Enter");
  await expect.poll(readSchema).toMatch(/\n\s+login\s+String/);

  // A field made a list (PostgreSQL has arrays): never optional, marked [] on its row.
  await page.locator('[data-model="Address"] [data-field="email_address"]').click();
  await inspector.getByRole("checkbox", { name: "List ([])" }).check();
  await expect.poll(readSchema).toMatch(/email_address\s+String\[\]/);
  await expect(inspector.getByRole("checkbox", { name: "Optional" })).toBeDisabled();
  await expect(page.locator('[data-model="Address"] [data-field="email_address"]')).toContainText("[]");

  // Indexes as PostgreSQL has them: a method (type:), and a field sorted descending.
  await page.locator('[data-model="User"] header').click();
  await expect(inspector.getByText('@@index([fullname(ops: raw("gin_trgm_ops"))], type: Gin)')).toBeVisible();
  await expect(inspector.getByRole("combobox", { name: "Index type of [fullname]" })).toHaveValue("Gin");
  await page.locator('[data-model="Address"] header').click();
  await inspector.getByRole("checkbox", { name: "user_id", exact: true }).check();
  await inspector.getByRole("combobox", { name: "Index type", exact: true }).selectOption("Brin");
  await inspector.getByRole("button", { name: "Add @@index [user_id]" }).click();
  await expect.poll(readSchema).toContain("@@index([user_id], type: Brin)");
  await inspector.getByRole("combobox", { name: "Kind of key or index" }).selectOption("@@unique");
  await inspector.getByRole("checkbox", { name: "id", exact: true }).check();
  await inspector.getByRole("checkbox", { name: "id descending" }).check();
  await inspector.getByRole("button", { name: "Add @@unique [id]" }).click();
  await expect.poll(readSchema).toContain("@@unique([id(sort: Desc)])");

  const saved = readSchema();
  expect(saved).toMatch(/token\s+String\s+@default\(dbgenerated\("gen_random_uuid\(\)"\)\)/);
  expect(saved).toContain("view UserName {");
  await page.screenshot({ path: test.info().outputPath("view.png") });
});

test("a multi-schema project: a table is moved between the datasource's schemas, and a new one lands in the first", async ({
  page,
}) => {
  freshProject(`datasource db {
  provider = "postgresql"
  schemas  = ["public", "auth"]
}

model Account {
  id Int @id @default(autoincrement())

  @@schema("public")
}

model Session {
  id Int @id @default(autoincrement())

  @@schema("auth")
}
`);
  await page.goto("/");
  await page.locator('[data-model="Session"] header').click();
  const schema = page.getByRole("complementary", { name: "Inspector" }).getByRole("combobox", { name: "Database schema" });
  await expect(schema).toHaveValue("auth");
  await schema.selectOption("public");
  await expect.poll(readSchema).toMatch(/model Session \{[^}]*@@schema\("public"\)/);
  await page.getByRole("button", { name: "+ Add table" }).click();
  await expect.poll(readSchema).toMatch(/model Table1 \{[^}]*@@schema\("public"\)/);
  expect(readSchema()).toMatch(/model Account \{[^}]*@@schema\("public"\)/);
});
