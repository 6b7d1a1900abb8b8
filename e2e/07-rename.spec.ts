import { expect, test } from "@playwright/test";

// Runs after 06 (the tutorial's tables are back, empty).
test("a column renamed on the canvas is renamed in the database, its values kept", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Seed", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Seeded 3 users and 3 addresses" })).toBeVisible();

  await page.locator('[data-model="User"] [data-field="fullname"]').click();
  const field = page.getByRole("complementary", { name: "Inspector" }).getByRole("textbox", { name: "Field name" });
  await field.fill("full_name");
  await field.press("Enter");
  await expect(page.getByRole("status", { name: "Save state" })).toContainText("Saved ");

  await page.getByRole("button", { name: "Migrate" }).click();
  const panel = page.getByRole("complementary", { name: "Migrate" });
  await expect(panel.getByTestId("revision-sql")).toContainText(
    'ALTER TABLE "user_account" RENAME COLUMN "fullname" TO "full_name"',
  );
  await expect(panel.getByTestId("revision-summary")).toContainText("Renamed (data kept)");
  await expect(panel.getByTestId("rehearsal")).toContainText("no data is lost");
  await page.screenshot({ path: test.info().outputPath("rename.png") });
  await panel.getByRole("textbox", { name: "Revision name" }).fill("full name");
  await panel.getByRole("button", { name: "Apply" }).click();
  await expect(panel.getByTestId("up-to-date")).toBeVisible();

  await page.getByRole("button", { name: "Data", exact: true }).click();
  const data = page.getByRole("complementary", { name: "Data" });
  await data.getByRole("button", { name: /user_account/ }).click();
  const users = data.getByRole("table", { name: "Rows of user_account" });
  await expect(users.getByRole("columnheader", { name: /full_name/ })).toBeVisible();
  await expect(users).toContainText("Spongebob Squarepants");
  await expect(users).toContainText("Patrick Star");
});
