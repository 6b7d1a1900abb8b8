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

test("drift can be kept instead: recorded as an applied revision, after which Migrate offers to undo it with a data-loss warning", async ({
  page,
}) => {
  const handmade = new Database(database);
  handmade.exec("CREATE TABLE handmade (id INTEGER PRIMARY KEY, note TEXT); INSERT INTO handmade (note) VALUES ('kept')");
  handmade.close();
  await page.goto("/");
  await page.getByRole("button", { name: "Migrate" }).click();
  const panel = page.getByRole("complementary", { name: "Migrate" });
  const drift = page.getByRole("alert", { name: "Drift" });
  await expect(drift).toContainText("handmade");
  await drift.getByRole("button", { name: "Record the database's changes as a revision" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Recorded the database's changes as" })).toBeVisible();
  await expect(drift).toHaveCount(0);
  const rows = new Database(database, { readonly: true });
  expect(rows.prepare("SELECT note FROM handmade").all()).toEqual([{ note: "kept" }]);
  rows.close();
  // The schema file does not have the table: the next revision would drop it, and says so.
  await page.getByRole("button", { name: "Close migrate" }).click();
  await page.getByRole("button", { name: "Migrate" }).click();
  await expect(panel.getByTestId("revision-sql")).toContainText('DROP TABLE "handmade"');
  await page.screenshot({ path: test.info().outputPath("reconciled.png") });
});
