import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

// Runs after 04, which replaced the tutorial's schema (seeded by 01) with an imported one:
// migrating now drops user_account and address, and their rows with them.
const project = path.resolve(import.meta.dirname, "..", ".tmp", "e2e-project");
const revisions = () => fs.readdirSync(path.join(project, "prisma", "migrations")).filter((n) => n !== "migration_lock.toml");

test("a revision that loses data says what, and applies only once the loss is accepted", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Migrate" }).click();
  const panel = page.getByRole("complementary", { name: "Migrate" });
  const report = panel.getByTestId("rehearsal");
  await expect(report).toContainText("Applying this revision loses data");
  await expect(report).toContainText("3 row(s) of user_account (the table is dropped)");
  await expect(report).toContainText("3 row(s) of address (the table is dropped)");
  await panel.getByRole("textbox", { name: "Revision name" }).fill("library");
  const apply = panel.getByRole("button", { name: "Apply" });
  await expect(apply).toBeDisabled();
  await page.screenshot({ path: test.info().outputPath("data-loss.png") });
  const before = revisions().length;

  await panel.getByRole("checkbox", { name: "Apply anyway and lose the data above" }).check();
  await apply.click();
  await expect(panel.getByTestId("up-to-date")).toBeVisible();
  expect(revisions()).toHaveLength(before + 1);
  await page.getByRole("button", { name: "Data", exact: true }).click();
  const data = page.getByRole("complementary", { name: "Data" });
  await expect(data.getByRole("button", { name: /^book/ })).toBeVisible();
  await expect(data.getByRole("button", { name: /user_account/ })).toHaveCount(0);
});
