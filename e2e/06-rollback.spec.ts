import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

// Runs after 05, which applied the imported "library" schema over the tutorial's.
const project = path.resolve(import.meta.dirname, "..", ".tmp", "e2e-project");

test("the history marks the head; rolling it back restores the previous schema and tables", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Migrate" }).click();
  const history = page.getByRole("region", { name: "History" });
  const head = history.locator("li").filter({ hasText: "head" });
  await expect(head).toContainText(/_library/);
  await expect(head).toContainText("applied");
  await head.locator("summary").click();
  await expect(head.locator("pre")).toContainText('CREATE TABLE "book"');
  await page.screenshot({ path: test.info().outputPath("history.png") });

  await history.getByRole("button", { name: "Roll back last revision" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Rolled back \d{14}_library/ })).toBeVisible();
  await expect(page.locator('[data-model="User"]')).toBeVisible();
  await expect(page.locator('[data-model="book"]')).toHaveCount(0);
  expect(fs.readFileSync(path.join(project, "prisma", "schema.prisma"), "utf8")).toContain('@@map("user_account")');
  expect(fs.readdirSync(path.join(project, "prisma", "rolled-back"))).toEqual([expect.stringMatching(/_library$/)]);
  await page.getByRole("button", { name: "Data", exact: true }).click();
  await expect(page.getByRole("complementary", { name: "Data" }).getByRole("button", { name: /user_account/ })).toBeVisible();
});
