import { expect, test } from "@playwright/test";
import { tutorialSchema } from "../lib/testing/tutorial-schema";
import { freshProject } from "./project";

// Display modes (#14): all fields, keys and relations only, or table names; edges stay attached.
test.beforeEach(() => freshProject(tutorialSchema()));

test("Show ▾ switches every table between all fields, keys and relations, and names; the relation stays drawn; the choice is kept", async ({
  page,
}) => {
  await page.goto("/");
  const address = page.locator('[data-model="Address"]');
  const user = page.locator('[data-model="User"]');
  const show = page.getByRole("combobox", { name: "Show on each table" });
  await expect(address.locator("[data-field]")).toHaveCount(4);
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);

  await show.selectOption("keys");
  await expect(address.locator("[data-field]")).toHaveText([/id/, /user_id/, /user/]);
  await expect(user.locator("[data-field]")).toHaveText([/id/, /addresses/]);
  await expect(page.getByRole("button", { name: "Add field to Address" })).toHaveCount(0);
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);
  await page.screenshot({ path: "test-results/display-keys.png" });

  await show.selectOption("names");
  await expect(page.locator("[data-field]")).toHaveCount(0);
  await expect(address).toBeVisible();
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);
  await page.screenshot({ path: "test-results/display-names.png" });

  await page.reload();
  await expect(page.getByRole("combobox", { name: "Show on each table" })).toHaveValue("names");
  await expect(page.locator('[data-model="Address"]')).toBeVisible();
  await expect(page.locator("[data-field]")).toHaveCount(0);
});
