import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";

// Runs last: the import at the end replaces the project's schema.
const project = path.resolve(import.meta.dirname, "..", ".tmp", "e2e-project");
const schemaFile = path.join(project, "prisma", "schema.prisma");
const readSchema = () => fs.readFileSync(schemaFile, "utf8");
const editorText = (page: Page) => page.locator(".cm-content").innerText();

async function replaceText(page: Page, text: string) {
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText(text);
}

test("the schema as text: edits reach the canvas, problems show at their line, the file changes only when valid", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Text", exact: true }).click();
  await expect(page.locator(".cm-content")).toContainText("model User {");
  const original = readSchema();

  await replaceText(page, `${original}\nmodel Book {\n  id    Int    @id\n  title String\n}\n`);
  await expect(page.locator('[data-model="Book"]')).toBeVisible();
  await expect.poll(readSchema).toMatch(/model Book \{\s+id\s+Int\s+@id\s+title\s+String\s+\}/);

  const valid = readSchema();
  await replaceText(page, `${valid}\nmodel Broken {\n  id Int @id\n  bad line here\n}\n`);
  const problems = page.getByRole("alert", { name: "Schema problems" });
  await expect(problems).toContainText("This line is not a valid field or attribute definition");
  const line =
    `${valid}\nmodel Broken {\n  id Int @id\n  bad line here\n}\n`.split("\n").findIndex((l) => l.includes("bad line here")) + 1;
  await expect(problems).toContainText(`${line}:3`);
  await page.screenshot({ path: test.info().outputPath("text-problems.png") });
  expect(readSchema()).toBe(valid);
  await expect(page.locator('[data-model="Broken"]')).toHaveCount(0);

  // Back to valid text, then an edit on the canvas shows up in the text.
  await replaceText(page, valid);
  await expect(problems).toHaveCount(0);
  await page.locator('[data-model="Book"]').getByRole("button", { name: "Add field to Book" }).click();
  await expect.poll(readSchema).toMatch(/model Book \{[^}]*field1\s+String/);
  await expect.poll(() => editorText(page)).toMatch(/field1\s+String/);
});

test("exports the schema file and its SQL; imports a SQLite database in place of the schema", async ({ page }) => {
  page.on("dialog", (dialog) => void dialog.accept());
  await page.goto("/");
  await expect(page.locator('[data-model="User"]')).toBeVisible();

  for (const [label, check] of [
    ["schema.prisma", (text: string) => expect(text).toBe(readSchema())],
    ["SQL", (text: string) => expect(text).toContain('CREATE TABLE "user_account"')],
  ] as const) {
    const download = page.waitForEvent("download");
    await page.getByText("Export ▾").click();
    await page.getByRole("button", { name: label, exact: true }).click();
    check(fs.readFileSync((await (await download).path())!, "utf8"));
  }

  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "import-")), "library.db");
  const database = new Database(file);
  database.exec(
    "CREATE TABLE author (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL);" +
      "CREATE TABLE book (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, author_id INTEGER NOT NULL REFERENCES author(id));",
  );
  database.close();
  await page.getByLabel("File to import").setInputFiles(file);
  await expect(page.locator('[data-model="book"]')).toBeVisible();
  await expect(page.locator('[data-model="author"]')).toBeVisible();
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);
  expect(readSchema()).toMatch(/model book \{[\s\S]*author\s+author\s+@relation\(fields: \[author_id\], references: \[id\]/);
  await page.screenshot({ path: test.info().outputPath("imported.png") });
});
