import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { chainedSchema } from "../lib/testing/chained-schema";
import { E2E_PROJECT, E2E_SCHEMA, freshProject } from "./project";

// Areas, saved views and hidden tables (#14): kept in the layout file, never in schema.prisma.
const layoutFile = path.join(E2E_PROJECT, "prisma", "schema.layout.json");
const layout = () => JSON.parse(fs.readFileSync(layoutFile, "utf8"));
const tables = (page: Page) => page.locator("[data-model]");
test.beforeEach(() => freshProject(chainedSchema(12)));

test("select tables, group them into an area, move it, collapse it, reload: the area is still there", async ({ page }) => {
  await page.goto("/");
  await expect(tables(page)).toHaveCount(12);
  const schema = fs.readFileSync(E2E_SCHEMA, "utf8");
  for (const name of ["T0", "T1", "T2"]) await page.locator(`[data-model="${name}"] header`).click({ modifiers: ["Control"] });
  const selection = page.getByRole("toolbar", { name: "Selected tables" });
  await expect(selection).toContainText("3 selected");
  await selection.getByRole("button", { name: "Group into area" }).click();
  const area = page.locator('[data-area="Area 1"]');
  await expect(area).toBeVisible();
  await expect(area).toContainText("3 tables");
  await expect.poll(() => layout().areas?.[0]?.tables).toEqual(["T0", "T1", "T2"]);

  // Renamed in place; dragged by its name, its tables go with it, by the same distance.
  await area.getByRole("button", { name: /Area name/ }).dblclick();
  await page.getByRole("textbox", { name: "New area name" }).fill("Start");
  await page.keyboard.press("Enter");
  const named = page.locator('[data-area="Start"]');
  await expect.poll(() => layout().areas[0].name).toBe("Start");
  const before = layout().positions;
  const header = named.locator("header");
  const box = (await header.boundingBox())!;
  await page.mouse.move(box.x + 40, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x - 60, box.y + box.height / 2 - 100, { steps: 12 });
  await page.mouse.up();
  await expect.poll(() => layout().positions.T0.x).not.toBe(before.T0.x);
  const after = layout().positions;
  const moved = (name: string) => [after[name].x - before[name].x, after[name].y - before[name].y];
  expect(moved("T1")).toEqual(moved("T0"));
  expect(moved("T2")).toEqual(moved("T0"));
  expect(moved("T3")).toEqual([0, 0]);
  await page.screenshot({ path: "test-results/area-open.png" });

  await page.getByRole("button", { name: "Fit View" }).click();
  // Its own display mode: names only, the rest of the canvas as it was.
  await named.getByRole("combobox", { name: "Show on the tables of Start" }).selectOption("names");
  await expect(page.locator('[data-model="T1"] [data-field]')).toHaveCount(0);
  await expect(page.locator('[data-model="T5"] [data-field]').first()).toBeVisible();

  // Collapsed: one node with its count, its tables out of the canvas, the edge to T3 joined to it.
  await named.getByRole("button", { name: "Collapse" }).click();
  await expect(tables(page)).toHaveCount(9);
  await expect(named).toHaveAttribute("data-collapsed", "true");
  await expect(page.locator(".react-flow__edge")).toHaveCount(9);
  await expect.poll(() => layout().areas[0].collapsed).toBe(true);
  await page.screenshot({ path: "test-results/area-collapsed.png" });

  await page.reload();
  await expect(page.locator('[data-area="Start"][data-collapsed]')).toContainText("3 tables");
  await expect(tables(page)).toHaveCount(9);
  await page.locator('[data-area="Start"]').getByRole("button", { name: "Expand" }).click();
  await expect(tables(page)).toHaveCount(12);
  await page.locator('[data-area="Start"]').getByRole("button", { name: "Ungroup" }).click();
  await expect(page.locator("[data-area]")).toHaveCount(0);
  await expect.poll(() => layout().areas).toBeUndefined();
  expect(fs.readFileSync(E2E_SCHEMA, "utf8")).toBe(schema);
});

test("hide tables, save a view, switch views, open a view's link in a new tab", async ({ page, context }) => {
  await page.goto("/");
  await expect(tables(page)).toHaveCount(12);
  const schema = fs.readFileSync(E2E_SCHEMA, "utf8");

  // One table hidden from the inspector: off the canvas, still in the schema.
  await page.locator('[data-model="T5"] header').click();
  await page.getByRole("button", { name: "Hide", exact: true }).click();
  await expect(tables(page)).toHaveCount(11);
  await expect.poll(() => layout().views?.[0]).toMatchObject({ id: "all", hidden: ["T5"] });
  expect(fs.readFileSync(E2E_SCHEMA, "utf8")).toBe(schema);

  // Every table matching a search.
  const menu = page.locator("summary", { hasText: "View:" });
  await menu.click();
  await page.getByRole("textbox", { name: "Hide tables matching" }).fill("T1");
  await page.getByRole("button", { name: "Hide", exact: true }).first().click();
  await expect(tables(page)).toHaveCount(8); // T1, T10, T11 too
  await expect(menu).toContainText("4 hidden");

  // A view of one table's neighbours, saved from focus.
  await page.keyboard.press("Control+f");
  await page.keyboard.type("T8");
  await page.keyboard.press("Enter");
  await expect(tables(page)).toHaveCount(3);
  await menu.click();
  await page.getByRole("textbox", { name: "New view name" }).fill("Around T8");
  await page.getByRole("button", { name: "Save view" }).click();
  await expect(menu).toContainText("View: Around T8");
  await expect(page).toHaveURL(/\?view=view-/);
  await expect(tables(page)).toHaveCount(3);
  await expect
    .poll(() => layout().views?.find((v: { name: string }) => v.name === "Around T8")?.tables)
    .toEqual(["T7", "T8", "T9"]);
  const link = page.url();
  await page.screenshot({ path: "test-results/view-saved.png" });

  // One click back to the whole schema, and its hidden tables shown again.
  await menu.click();
  await page.getByRole("menuitemradio", { name: /Whole schema/ }).click();
  await expect(tables(page)).toHaveCount(8);
  await expect(page).not.toHaveURL(/view=/);
  await menu.click();
  await page.getByRole("button", { name: "Show 4 hidden tables" }).click();
  await expect(tables(page)).toHaveCount(12);

  // The link opens the view in another tab.
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.locator("summary", { hasText: "View:" })).toContainText("Around T8");
  await expect(tables(other)).toHaveCount(3);
  await expect(other.locator('[data-model="T8"]')).toBeInViewport();
  await other.close();
  expect(fs.readFileSync(E2E_SCHEMA, "utf8")).toBe(schema);
});

test("areas made from the schema's /// @namespace tags", async ({ page }) => {
  const tagged = chainedSchema(6).replace(
    /model T(\d) \{/g,
    (_, n) => `/// @namespace ${Number(n) < 3 ? "Early" : "Late"}\nmodel T${n} {`,
  );
  freshProject(tagged);
  await page.goto("/");
  await page.locator("summary", { hasText: "View:" }).click();
  await page.getByRole("button", { name: "Make areas from the schema" }).click();
  await expect(page.locator('[data-area="Early"]')).toContainText("3 tables");
  await expect(page.locator('[data-area="Late"]')).toContainText("3 tables");
  await expect(page.getByText(/areas made from/)).toContainText("2 areas made from its /// @namespace tags");
});

test("a layout file naming tables the schema no longer has is repaired, with a note, and the schema is untouched", async ({
  page,
}) => {
  const schema = fs.readFileSync(E2E_SCHEMA, "utf8");
  fs.writeFileSync(
    layoutFile,
    JSON.stringify({
      version: 1,
      positions: {},
      areas: [{ id: "a1", name: "Old", color: "#dbeafe", tables: ["T0", "T1", "Dropped"] }, { id: 7 }],
      views: [{ id: "v1", name: "Gone", tables: ["Dropped"], hidden: [] }],
    }),
  );
  await page.goto("/");
  await expect(page.getByText(/The layout file was repaired/)).toContainText('Area "Old" named "Dropped"');
  await expect(page.getByText(/The layout file was repaired/)).toContainText('View "Gone" has no table left');
  await expect(page.locator('[data-area="Old"]')).toContainText("2 tables");
  expect(fs.readFileSync(E2E_SCHEMA, "utf8")).toBe(schema);
});

test("an area made in one tab appears in another, live", async ({ page, context }) => {
  await page.goto("/");
  const other = await context.newPage();
  await other.goto("/");
  await expect(tables(other)).toHaveCount(12);
  for (const name of ["T4", "T5"]) await page.locator(`[data-model="${name}"] header`).click({ modifiers: ["Control"] });
  await page.getByRole("toolbar", { name: "Selected tables" }).getByRole("button", { name: "Group into area" }).click();
  await expect(other.locator('[data-area="Area 1"]')).toContainText("2 tables", { timeout: 3000 });
  await page.locator('[data-area="Area 1"]').getByRole("button", { name: "Collapse" }).click();
  await expect(tables(other)).toHaveCount(10, { timeout: 3000 });
});
