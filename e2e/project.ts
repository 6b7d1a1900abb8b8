import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

/** The project the e2e server works on (e2e/serve.mjs), and its schema file. */
export const E2E_PROJECT = path.resolve(import.meta.dirname, "..", ".tmp", "e2e-project");
export const E2E_SCHEMA = path.join(E2E_PROJECT, "prisma", "schema.prisma");

/** The project as new with `schema`: no migrations, database, layout, renames or git history. */
export function freshProject(schema: string): void {
  for (const entry of ["migrations", "rolled-back", "dev.db", "dev.db-journal", "schema.layout.json", "schema.renames.json"]) {
    fs.rmSync(path.join(E2E_PROJECT, "prisma", entry), { recursive: true, force: true });
  }
  fs.rmSync(path.join(E2E_PROJECT, ".git"), { recursive: true, force: true });
  fs.writeFileSync(E2E_SCHEMA, schema);
}

/** Migrate → "init" → Apply, as a user does, until the panel says the database is up to date; then closes it. */
export async function migrateInit(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Migrate" }).click();
  const panel = page.getByRole("complementary", { name: "Migrate" });
  await panel.getByRole("textbox", { name: "Revision name" }).fill("init");
  await panel.getByRole("button", { name: "Apply" }).click();
  await expect(panel.getByTestId("up-to-date")).toBeVisible();
  await page.getByRole("button", { name: "Close migrate" }).click();
}
