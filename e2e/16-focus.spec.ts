import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { chainedSchema } from "../lib/testing/chained-schema";
import { E2E_PROJECT, freshProject } from "./project";
import path from "node:path";

// Show neighbours (#14): one table and those within N relations, laid out around it, until cleared.
const layoutFile = path.join(E2E_PROJECT, "prisma", "schema.layout.json");
test.beforeEach(() => freshProject(chainedSchema(12)));

test("a search opens its table in focus with its neighbours; 1, 2 or 3 relations away; Show all brings the rest back", async ({
  page,
}) => {
  await page.goto("/");
  const tables = page.locator("[data-model]");
  await expect(tables).toHaveCount(12);
  const saved = fs.readFileSync(layoutFile, "utf8");

  await page.keyboard.press("Control+f");
  await page.keyboard.type("T6");
  await page.keyboard.press("Enter");
  const bar = page.getByRole("status", { name: "Focus" });
  await expect(bar).toContainText("Neighbours of T6");
  await expect(tables).toHaveCount(3);
  await expect(page.locator('[data-model="T5"]')).toBeVisible();
  await expect(page.locator('[data-model="T7"]')).toBeVisible();
  await page.screenshot({ path: "test-results/focus-1.png" });

  await bar.getByRole("combobox", { name: "Relations away" }).selectOption("2");
  await expect(tables).toHaveCount(5);
  await expect(bar).toContainText("5 of 12 shown");

  // Focus positions are the view's own: the layout file keeps the whole schema's.
  expect(fs.readFileSync(layoutFile, "utf8")).toBe(saved);

  // Show all: the whole schema again (the minimap shows every table), close up on T6.
  await bar.getByRole("button", { name: "Show all" }).click();
  await expect(bar).toHaveCount(0);
  await expect(page.locator(".react-flow__minimap-svg")).toHaveAttribute("data-nodes", "12");
  await expect(page.locator('[data-model="T6"]')).toBeInViewport();

  // A table added in focus is not hidden from whoever added it: focus ends.
  const find = page.getByRole("combobox", { name: "Find a table" });
  await find.fill("T3");
  await find.press("Enter");
  await expect(tables).toHaveCount(3);
  await page.getByRole("button", { name: "+ Add table" }).click();
  await expect(page.getByRole("status", { name: "Focus" })).toHaveCount(0);
  await expect(page.locator(".react-flow__minimap-svg")).toHaveAttribute("data-nodes", "13");

  // From the inspector too.
  await page.getByRole("button", { name: "Fit View" }).click();
  await page.locator('[data-model="T0"] header').click();
  await page.getByRole("button", { name: "Show neighbours" }).click();
  await expect(page.getByRole("status", { name: "Focus" })).toContainText("Neighbours of T0");
  await expect(tables).toHaveCount(2);
});
