import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

const project = path.resolve(import.meta.dirname, "..", ".tmp", "e2e-project");
const schemaFile = path.join(project, "prisma", "schema.prisma");
const revisions = () =>
  fs.existsSync(path.join(project, "prisma", "migrations"))
    ? fs.readdirSync(path.join(project, "prisma", "migrations")).filter((n) => n !== "migration_lock.toml")
    : [];

test("a table dragged from the palette lands where it is dropped; two tabs applying at once make one revision", async ({
  browser,
}) => {
  const first = await browser.newPage();
  await first.goto("/");
  const palette = first.getByRole("button", { name: "+ Add table" });
  const canvas = first.locator(".react-flow__pane");
  const box = (await canvas.boundingBox())!;
  await palette.dragTo(canvas, { targetPosition: { x: 120, y: box.height - 160 } });
  const dropped = first
    .locator(".react-flow__node")
    .filter({ has: first.locator('[data-model^="Table"]') })
    .last();
  await expect(dropped).toBeVisible();
  const nodeBox = (await dropped.boundingBox())!;
  expect(Math.abs(nodeBox.x - (box.x + 120))).toBeLessThan(4);
  expect(Math.abs(nodeBox.y - (box.y + box.height - 160))).toBeLessThan(4);
  await expect.poll(() => fs.readFileSync(schemaFile, "utf8")).toMatch(/model Table\d+ \{/);

  const second = await browser.newPage();
  await second.goto("/");
  const before = revisions().length;
  const panels = [];
  for (const page of [first, second]) {
    await page.getByRole("button", { name: "Migrate" }).click();
    const panel = page.getByRole("complementary", { name: "Migrate" });
    await expect(panel.getByTestId("revision-sql")).toContainText("CREATE TABLE");
    await panel.getByRole("textbox", { name: "Revision name" }).fill("from two tabs");
    panels.push(panel);
  }
  await Promise.all(panels.map((panel) => panel.getByRole("button", { name: "Apply" }).click()));
  for (const panel of panels) await expect(panel.getByTestId("up-to-date")).toBeVisible();
  for (const panel of panels) await expect(panel.getByRole("alert")).toHaveCount(0);
  expect(revisions()).toHaveLength(before + 1);
  await first.screenshot({ path: test.info().outputPath("two-tabs.png") });
});
