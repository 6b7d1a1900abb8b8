import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

// A schema with what Prisma's datamodel leaves out (@ignore, Unsupported(...), @@ignore):
// shown, kept as written through edits of everything else.
const project = path.resolve(import.meta.dirname, "..", ".tmp", "e2e-project");
const schemaFile = path.join(project, "prisma", "schema.prisma");
const SCHEMA = `datasource db {
  provider = "sqlite"
}

/// People who write
model User {
  id       Int                    @id @default(autoincrement())
  email    String                 @unique
  // kept as written
  location Unsupported("point")?
  legacy   String                 @ignore
  posts    Post[]                 @ignore
}

model Post {
  id       Int   @id @default(autoincrement())
  authorId Int?
  author   User? @relation(fields: [authorId], references: [id])

  @@ignore
}
`;

test("ignored and unsupported fields and an ignored model are shown read-only and survive edits of the rest", async ({
  page,
}) => {
  for (const entry of ["migrations", "dev.db", "schema.layout.json", "schema.renames.json"]) {
    fs.rmSync(path.join(project, "prisma", entry), { recursive: true, force: true });
  }
  fs.writeFileSync(schemaFile, SCHEMA);
  await page.goto("/");
  const user = page.locator('[data-model="User"]');
  await expect(user.locator('li[data-field="location"][data-verbatim="unsupported"]')).toContainText('Unsupported("point")?');
  await expect(user.locator('li[data-field="legacy"][data-verbatim="ignored"]')).toContainText("ignored");
  await expect(user.locator('li[data-field="legacy"]').getByRole("combobox")).toHaveCount(0);
  const post = page.locator('[data-model="Post"][data-ignored]');
  await expect(post).toBeVisible();
  await expect(post.getByRole("button", { name: "Add field to Post" })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("kept-as-written.png") });

  await user.getByRole("button", { name: "Add field to User" }).click();
  await expect.poll(() => fs.readFileSync(schemaFile, "utf8")).toMatch(/field1\s+String/);
  const text = fs.readFileSync(schemaFile, "utf8");
  expect(text).toMatch(/\/\/ kept as written\n\s+location\s+Unsupported\("point"\)\?/);
  expect(text).toMatch(/legacy\s+String\s+@ignore/);
  expect(text).toMatch(/posts\s+Post\[\]\s+@ignore/);
  expect(text).toMatch(/model Post \{[\s\S]*@@ignore\n\}/);
});
