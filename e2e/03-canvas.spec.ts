import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";

// Runs after 01 and 02 on the same project: User, Address, Post and a Table from the palette exist.
const project = path.resolve(import.meta.dirname, "..", ".tmp", "e2e-project");
const schemaFile = path.join(project, "prisma", "schema.prisma");
const layoutFile = path.join(project, "prisma", "schema.layout.json");
const readSchema = () => fs.readFileSync(schemaFile, "utf8");
const readLayout = () =>
  JSON.parse(fs.readFileSync(layoutFile, "utf8")).positions as Record<string, { x: number; y: number; color?: string }>;
const table = (page: Page, name: string) => page.locator(`[data-model="${name}"]`);
const modelBlock = (name: string) => new RegExp(`model ${name} \\{[^}]*\\}`).exec(readSchema())?.[0] ?? "";
const inspector = (page: Page) => page.getByRole("complementary", { name: "Inspector" });

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

async function renameInInspector(page: Page, label: string, value: string) {
  const box = inspector(page).getByRole("textbox", { name: label });
  await box.fill(value);
  await box.press("Enter");
}

test.describe.configure({ mode: "serial" });

test("tables, fields and relations are designed on the canvas and land in the schema file", async ({ page }) => {
  page.on("dialog", (dialog) => void dialog.accept());
  await page.goto("/");
  await expect(table(page, "User")).toBeVisible();

  await test.step("N adds a table; the inspector renames it, maps it and documents it", async () => {
    const before = await page.locator("[data-model]").count();
    await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
    await page.keyboard.press("n");
    await expect(page.locator("[data-model]")).toHaveCount(before + 1);
    const created = await page.locator("[data-model]").last().getAttribute("data-model");
    await expect.poll(readSchema).toContain(`model ${created} {`);
    await table(page, created!).locator("header").click();
    await renameInInspector(page, "Model name", "Comment");
    await expect.poll(readSchema).toContain("model Comment {");
    await renameInInspector(page, "Table name (@@map)", "comments");
    const docs = inspector(page).getByRole("textbox", { name: "Documentation (///)" });
    await docs.fill("What readers say");
    await docs.blur();
    await expect.poll(() => modelBlock("Comment")).toContain('@@map("comments")');
    await expect.poll(readSchema).toContain("/// What readers say\nmodel Comment {");
    await inspector(page).getByRole("button", { name: "Color #bbf7d0" }).click();
    await expect.poll(() => readLayout().Comment?.color).toBe("#bbf7d0");
  });

  await test.step("fields: add, type, optional, unique, maximum length, reorder", async () => {
    await table(page, "Comment").getByRole("button", { name: "Add field to Comment" }).click();
    await table(page, "Comment").getByRole("button", { name: "Add field to Comment" }).click();
    await expect.poll(() => modelBlock("Comment")).toMatch(/field1\s+String\s+field2\s+String/);
    await table(page, "Comment").locator('[data-field="field1"]').click();
    await renameInInspector(page, "Field name", "body");
    await inspector(page).getByRole("checkbox", { name: "Optional" }).check();
    await renameInInspector(page, "Maximum length", "280");
    await expect.poll(() => modelBlock("Comment")).toMatch(/\/\/\/ @maxLength\(280\)\s+body\s+String\?/);
    // SQLite has no native column types and no lists: none offered (PostgreSQL's are, e2e 13).
    await expect(inspector(page).getByRole("combobox", { name: "Database type (@db)" })).toHaveCount(0);
    await expect(inspector(page).getByRole("checkbox", { name: "List ([])" })).toBeDisabled();
    await table(page, "Comment").locator('[data-field="field2"]').click();
    await inspector(page).getByRole("combobox", { name: "Field type" }).selectOption("DateTime");
    await inspector(page).getByRole("combobox", { name: "Default kind" }).selectOption("now()");
    await expect.poll(() => modelBlock("Comment")).toMatch(/field2\s+DateTime\s+@default\(now\(\)\)/);
    // Drag body below field2.
    const grip = table(page, "Comment").locator('[data-field="body"] span[title="Drag to reorder"]');
    await table(page, "Comment").locator('[data-field="body"]').hover();
    await grip
      .dragTo(table(page, "Comment").getByRole("button", { name: "Add field to Comment" }), { force: true })
      .catch(() => undefined);
    await grip.dragTo(table(page, "Comment").locator('[data-field="id"]'));
    await expect.poll(() => modelBlock("Comment")).toMatch(/model Comment \{\s+\/\/\/ @maxLength\(280\)\s+body/);
    await shot(page, "01-fields");
  });

  await test.step("an invalid default is explained on the field and not written", async () => {
    const before = readSchema();
    await table(page, "Comment").locator('[data-field="id"]').click();
    await inspector(page).getByRole("combobox", { name: "Default kind" }).selectOption("literal");
    const value = inspector(page).getByRole("textbox", { name: "Default value" });
    await value.fill("abc");
    await value.press("Enter");
    await expect(inspector(page).getByRole("alert")).toContainText('"abc" is not a whole number');
    await shot(page, "02-invalid-default");
    expect(readSchema()).toBe(before);
  });

  let beforeRelation = "";
  await test.step("dragging from a row to another table creates the foreign key and both relation fields", async () => {
    beforeRelation = readSchema();
    const handle = table(page, "Comment").locator('[data-field="body"] .react-flow__handle-right.source');
    const target = table(page, "User").locator("header");
    await handle.hover();
    const from = (await handle.boundingBox())!;
    const to = (await target.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height + 30, { steps: 15 });
    await page.mouse.up();
    await expect(inspector(page).getByRole("combobox", { name: "Relation kind" })).toHaveValue("one-to-many");
    await inspector(page).getByRole("combobox", { name: "On delete" }).selectOption("Cascade");
    await expect.poll(() => modelBlock("Comment")).toMatch(/userId\s+Int\n/);
    await expect
      .poll(() => modelBlock("Comment"))
      .toMatch(/user\s+User\s+@relation\(fields: \[userId\], references: \[id\], onDelete: Cascade\)/);
    await expect.poll(() => modelBlock("User")).toMatch(/comments\s+Comment\[\]/);
    await shot(page, "03-relation");
  });

  await test.step("undo restores the file's previous content, redo brings the change back", async () => {
    const withCascade = readSchema();
    await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
    await page.keyboard.press("Control+z");
    await expect.poll(readSchema).not.toBe(withCascade);
    await expect.poll(() => modelBlock("Comment")).not.toContain("onDelete: Cascade");
    await page.keyboard.press("Control+z");
    await expect.poll(readSchema).toBe(beforeRelation);
    await page.keyboard.press("Control+Shift+z");
    await page.keyboard.press("Control+Shift+z");
    await expect.poll(readSchema).toBe(withCascade);
  });

  await test.step("relation kinds: one-to-one and many-to-many", async () => {
    await page
      .locator(".react-flow__edge")
      .filter({ has: page.locator("path") })
      .last()
      .click({ force: true });
    const kind = inspector(page).getByRole("combobox", { name: "Relation kind" });
    await expect(kind).toBeVisible();
    await kind.selectOption("one-to-one");
    await expect.poll(() => modelBlock("Comment")).toMatch(/userId\s+Int\s+@unique/);
    await expect.poll(() => modelBlock("User")).toMatch(/comment\s+Comment\?/);
    await kind.selectOption("many-to-many");
    await expect.poll(() => modelBlock("Comment")).toMatch(/users\s+User\[\]/);
    await expect.poll(() => modelBlock("User")).toMatch(/comments\s+Comment\[\]/);
    await expect(page.locator(".react-flow__edge")).toHaveCount(2);
    await shot(page, "04-many-to-many");
  });

  await test.step("enums are nodes whose values are edited in place", async () => {
    await page.getByRole("button", { name: "+ Add enum" }).click();
    const added = page.locator("[data-enum]").last();
    await expect(added).toBeVisible();
    const name = await added.getAttribute("data-enum");
    await added.getByRole("button", { name: `Add value to ${name}` }).click();
    await expect.poll(readSchema).toMatch(new RegExp(`enum ${name} \\{\\s+A\\s+B\\s+VALUE3\\s+\\}`));
  });

  await test.step("duplicate, copy and paste, delete (asking first)", async () => {
    await table(page, "Comment").locator("header").click();
    await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
    await table(page, "Comment").locator("header").click();
    await page.keyboard.press("Control+d");
    await expect.poll(readSchema).toContain("model CommentCopy {");
    await page.keyboard.press("Control+c");
    await page.keyboard.press("Control+v");
    await expect.poll(readSchema).toContain("model CommentCopy2 {");
    await table(page, "CommentCopy2").locator("header").click();
    await page.keyboard.press("Delete");
    await expect.poll(readSchema).not.toContain("model CommentCopy2 {");
    await page.getByRole("combobox", { name: "Find a table" }).fill("CommentCopy");
    await page.getByRole("combobox", { name: "Find a table" }).press("Enter");
    await table(page, "CommentCopy").getByRole("button", { name: "Delete table CommentCopy" }).click();
    await expect.poll(readSchema).not.toContain("model CommentCopy {");
  });

  await test.step("a name Prisma refuses survives a reload as a draft, and the file does not change", async () => {
    const before = readSchema();
    await table(page, "Comment").locator("header").click();
    await renameInInspector(page, "Model name", "2comments");
    await expect(table(page, "2comments").getByRole("alert")).toBeVisible();
    await page.reload();
    await expect(table(page, "2comments").getByRole("alert")).toContainText("must not start with a number");
    expect(readSchema()).toBe(before);
    await table(page, "2comments").locator("header").click();
    await renameInInspector(page, "Model name", "Comment");
    await expect(table(page, "Comment")).toBeVisible();
    await expect(page.locator("main").getByRole("alert")).toHaveCount(0);
    expect(readSchema()).toBe(before);
  });
});

test("a box drawn with Shift selects several tables; they move together and Delete removes them (asking first)", async ({
  page,
}) => {
  page.on("dialog", (dialog) => void dialog.accept());
  await page.goto("/");
  await expect(table(page, "User")).toBeVisible();
  // Two fresh tables side by side, in an empty part of the canvas.
  const pane = page.locator(".react-flow__pane");
  const box = (await pane.boundingBox())!;
  for (const x of [60, 420]) {
    await page.getByRole("button", { name: "+ Add table" }).dragTo(pane, { targetPosition: { x, y: box.height - 200 } });
  }
  const names = await page.locator("[data-model]").evaluateAll((els) => els.map((e) => e.getAttribute("data-model")!));
  const added = names.filter((n) => /^Table\d+$/.test(n)).slice(-2);
  await expect.poll(() => added.every((name) => readLayout()[name])).toBe(true);
  const before = readLayout();

  await page.keyboard.down("Shift");
  await page.mouse.move(box.x + 40, box.y + box.height - 230);
  await page.mouse.down();
  await page.mouse.move(box.x + 760, box.y + box.height - 20, { steps: 10 });
  await page.mouse.up();
  await page.keyboard.up("Shift");
  for (const name of added)
    await expect(page.locator(".react-flow__node.selected").filter({ has: table(page, name) })).toHaveCount(1);

  const header = table(page, added[0]).locator("header");
  const start = (await header.boundingBox())!;
  await page.mouse.move(start.x + 30, start.y + 10);
  await page.mouse.down();
  await page.mouse.move(start.x + 30, start.y - 60, { steps: 8 });
  await page.mouse.up();
  await expect.poll(() => readLayout()[added[1]]?.y).not.toBe(before[added[1]]?.y);
  expect(readLayout()[added[0]].y - before[added[0]].y).toBe(readLayout()[added[1]].y - before[added[1]].y);

  await page.keyboard.press("Delete");
  for (const name of added) await expect.poll(readSchema).not.toContain(`model ${name} {`);
});

test("search, help, arrange, export", async ({ page }) => {
  await page.goto("/");
  await expect(table(page, "User")).toBeVisible();

  await page.keyboard.press("Control+f");
  await expect(page.getByRole("combobox", { name: "Find a table" })).toBeFocused();
  await page.keyboard.type("addr");
  await page.keyboard.press("Enter");
  await expect(inspector(page)).toContainText("Table Address");

  await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toContainText("Undo");
  await shot(page, "04-help");
  await page.keyboard.press("Escape");

  const before = readLayout();
  await page.getByRole("button", { name: "Arrange" }).click();
  await expect.poll(() => JSON.stringify(readLayout())).not.toBe(JSON.stringify(before));
  await shot(page, "05-arranged");

  // Panned away until no table is in view (the canvas then draws none): the export still has them all.
  const pane = (await page.locator(".react-flow__pane").boundingBox())!;
  for (let i = 0; i < 3; i++) {
    await page.mouse.move(pane.x + 20, pane.y + 20);
    await page.mouse.down();
    await page.mouse.move(pane.x + pane.width - 20, pane.y + pane.height - 20, { steps: 5 });
    await page.mouse.up();
  }
  await expect(page.locator(".react-flow__node")).toHaveCount(0);

  for (const format of ["PNG", "SVG"] as const) {
    const download = page.waitForEvent("download");
    await page.getByText("Export ▾").click();
    await page.getByRole("button", { name: format, exact: true }).click();
    const file = await (await download).path();
    const bytes = fs.readFileSync(file!);
    if (format === "PNG") {
      expect(bytes.subarray(1, 4).toString()).toBe("PNG");
      expect(bytes.length).toBeGreaterThan(5000);
    } else {
      const svg = bytes.toString();
      expect(svg).toContain("<svg");
      expect(svg).toContain("react-flow__edge-path");
      expect(svg).toContain("crow-many");
      expect(svg).toContain("Address");
      expect(svg).toContain("user_account");
    }
  }
});

test("every control has an accessible name", async ({ page }) => {
  await page.goto("/");
  await expect(table(page, "User")).toBeVisible();
  await table(page, "User").locator('[data-field="name"]').click();
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("button, input, select, textarea, [role=button]")]
      .filter((el) => el.offsetParent !== null)
      .filter((el) => {
        const labelled = el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") || el.title;
        const text = el.textContent?.trim();
        const label = (el as HTMLInputElement).labels?.length;
        return !labelled && !text && !label;
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
  expect(unnamed).toEqual([]);
});
