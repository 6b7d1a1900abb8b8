import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { generatedSchema } from "../lib/testing/generated-schema";
import { E2E_PROJECT, freshProject } from "./project";

// A large schema: React Flow holds and draws only a window around the view (lib/layout/window);
// the minimap, search and fitting the view still reach every table.

/** The most tables in the page at once, from its first frame (sampled every frame). */
async function countDrawnTables(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { mostDrawn: number };
    w.mostDrawn = 0;
    const sample = () => {
      w.mostDrawn = Math.max(w.mostDrawn, document.querySelectorAll(".react-flow__node").length);
      requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
}
const mostDrawn = (page: Page) => page.evaluate(() => (window as unknown as { mostDrawn: number }).mostDrawn);

/** The view and the rectangle around every table, as the minimap shows them (flow coordinates). */
async function overview(page: Page) {
  return page.evaluate(() => {
    const svg = document.querySelector(".react-flow__minimap-svg")!;
    const [x0, y0, w0, h0] = svg.getAttribute("data-bounds")!.split(" ").map(Number);
    const mask = document.querySelector(".react-flow__minimap-mask")!.getAttribute("d")!;
    const [x, y, width, height] = /M([-\d.e]+),([-\d.e]+)h([-\d.e]+)v([-\d.e]+)[^M]*$/.exec(mask)!.slice(1).map(Number);
    return { view: { x, y, width, height }, all: { x: x0, y: y0, width: w0, height: h0 } };
  });
}

test("at 1,000 tables the page draws a few hundred at most; the minimap, a search and Fit View reach all of them", async ({
  page,
}) => {
  freshProject(generatedSchema(1000));
  await countDrawnTables(page);
  await page.goto("/");
  await expect(page.locator("[data-model]").first()).toBeVisible({ timeout: 60_000 });
  await expect(page.locator(".react-flow__minimap-svg")).toHaveAttribute("data-nodes", "1000");
  await page.waitForTimeout(500);
  // At the zoom furthest out, about 220 tables are in view. React Flow draws every node it
  // holds once, to measure it: those in view, a margin, and the far ends of relations that
  // cross the view, about 570 here; before it held and drew all 1,000 (5,044 at bigschema).
  expect(await page.locator(".react-flow__node").count()).toBeLessThan(300);
  expect(await mostDrawn(page)).toBeLessThan(700);

  // A table far from the first view, found by name: in view and selected, the whole schema around it.
  await page.getByRole("combobox", { name: "Find a table" }).fill("Entity999");
  await page.getByRole("combobox", { name: "Find a table" }).press("Enter");
  await page.getByRole("status", { name: "Focus" }).getByRole("button", { name: "Show all" }).click();
  const found = page.locator('.react-flow__node[data-id="model:Entity999"]');
  await expect(found).toBeInViewport();
  await expect(found).toHaveClass(/selected/);
  await expect(page.locator(".react-flow__minimap-svg")).toHaveAttribute("data-nodes", "1000");

  // Fit View: centred on the whole schema, not on the tables near the view.
  await page.getByRole("button", { name: "Fit View" }).click();
  await expect
    .poll(async () => {
      const { view, all } = await overview(page);
      return Math.abs(view.x + view.width / 2 - (all.x + all.width / 2)) / all.width;
    })
    .toBeLessThan(0.01);
  expect(await mostDrawn(page)).toBeLessThan(700);
  await page.screenshot({ path: "test-results/large-canvas-fitted.png" });
});

test("a relation to a table far beyond the view is drawn; a table far from both is not drawn until it is in view", async ({
  page,
}) => {
  freshProject(`datasource db {
  provider = "sqlite"
}

model Near {
  id     Int @id
  far_id Int
  far    Far @relation(fields: [far_id], references: [id])
}

model Far {
  id    Int    @id
  nears Near[]
}

model Alone {
  id Int @id
}
`);
  const positions = { Near: { x: 0, y: 0 }, Far: { x: 40_000, y: 0 }, Alone: { x: 0, y: 40_000 } };
  fs.writeFileSync(path.join(E2E_PROJECT, "prisma", "schema.layout.json"), JSON.stringify({ version: 1, positions }));
  await countDrawnTables(page);
  await page.goto("/");
  await expect(page.locator('[data-model="Near"]')).toBeInViewport();
  await expect(page.locator(".react-flow__minimap-svg")).toHaveAttribute("data-nodes", "3");
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);
  await page.waitForTimeout(300);
  // Near and Far, whose relation crosses the view; never Alone.
  expect(await mostDrawn(page)).toBe(2);

  await page.getByRole("combobox", { name: "Find a table" }).fill("Alone");
  await page.getByRole("combobox", { name: "Find a table" }).press("Enter");
  await page.getByRole("status", { name: "Focus" }).getByRole("button", { name: "Show all" }).click();
  await expect(page.locator('[data-model="Alone"]')).toBeInViewport();
});
