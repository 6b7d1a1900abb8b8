import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";

// Runs last: the reset at the end recreates the project's database.
const database = path.resolve(import.meta.dirname, "..", ".tmp", "e2e-project", "prisma", "dev.db");

test("a table added by hand is reported as drift, and a reset clears it", async ({ page }) => {
  const handmade = new Database(database);
  handmade.exec("CREATE TABLE handmade (id INTEGER PRIMARY KEY)");
  handmade.close();
  page.on("dialog", (dialog) => void dialog.accept());
  await page.goto("/");
  await page.getByRole("button", { name: "Migrate" }).click();
  const drift = page.getByRole("alert", { name: "Drift" });
  await expect(drift).toContainText("handmade");
  await page.screenshot({ path: test.info().outputPath("drift.png") });
  await drift.getByRole("button", { name: "Reset the development database" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The database was recreated from the migrations" })).toBeVisible();
  await expect(drift).toHaveCount(0);
});
