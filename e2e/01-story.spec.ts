import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";

// The project e2e/serve.mjs started the server on: a fresh copy of the shipped schema.
const project = path.resolve(import.meta.dirname, "..", ".tmp", "e2e-project");
const schemaFile = path.join(project, "prisma", "schema.prisma");
const readSchema = () => fs.readFileSync(schemaFile, "utf8");

const table = (page: Page, name: string) => page.locator(`[data-model="${name}"]`);
const nodeOf = (page: Page, name: string) => page.locator(".react-flow__node").filter({ has: table(page, name) });

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

test("the whole story: design, save, migrate, seed, see the rows", async ({ page }) => {
  await page.goto("/");
  await expect(table(page, "User")).toBeVisible();
  await expect(table(page, "Address")).toBeVisible();
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);
  await shot(page, "01-opened");

  await test.step("drag the User node; a reload keeps its position", async () => {
    const layoutFile = path.join(project, "prisma", "schema.layout.json");
    const savedUser = () => JSON.parse(fs.readFileSync(layoutFile, "utf8")).positions.User as { x: number; y: number };
    const before = savedUser();
    const header = table(page, "User").locator("header");
    const box = (await header.boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 80, box.y + 160, { steps: 12 });
    await page.mouse.up();
    await expect.poll(savedUser).not.toEqual(before);
    const saved = { positions: { User: savedUser() } };
    await page.reload();
    await expect(table(page, "User")).toBeVisible();
    const transform = await nodeOf(page, "User").evaluate((el) => (el as HTMLElement).style.transform);
    expect(transform).toBe(`translate(${saved.positions.User.x}px, ${saved.positions.User.y}px)`);
  });

  await test.step("a refused name shows Prisma's message on the table and leaves the file alone", async () => {
    await page.getByRole("button", { name: "+ Add table" }).click();
    await expect(table(page, "Table1")).toBeVisible();
    await expect.poll(readSchema).toContain("model Table1 {");
    const withTable = readSchema();
    await table(page, "Table1")
      .getByRole("button", { name: /^Table Table1/ })
      .dblclick();
    await page.getByRole("textbox", { name: "New table table1" }).fill("1bad");
    await page.keyboard.press("Enter");
    await expect(table(page, "1bad").getByRole("alert")).toContainText("The name of a Model must not start with a number");
    await shot(page, "02-refused-name");
    expect(readSchema()).toBe(withTable);
  });

  await test.step("name the table Post and give it a title", async () => {
    await table(page, "1bad")
      .getByRole("button", { name: /^Table 1bad/ })
      .dblclick();
    await page.getByRole("textbox", { name: "New table 1bad" }).fill("Post");
    await page.keyboard.press("Enter");
    await expect.poll(readSchema).toContain("model Post {");
    await table(page, "Post").getByRole("button", { name: "Add field to Post" }).click();
    await table(page, "Post")
      .getByRole("button", { name: /^Field field1/ })
      .dblclick();
    await page.getByRole("textbox", { name: "New field field1" }).fill("title");
    await page.keyboard.press("Enter");
    await expect.poll(readSchema).toMatch(/model Post \{\s+id\s+Int\s+@id @default\(autoincrement\(\)\)\s+title\s+String\s+\}/);
    await expect(table(page, "Post").getByRole("alert")).toHaveCount(0);
    await expect(page.getByRole("status", { name: "Save state" })).toContainText("Saved ");
    await shot(page, "03-post-added");
  });

  await test.step("Migrate shows the revision; Apply writes and applies it", async () => {
    await page.getByRole("button", { name: "Migrate" }).click();
    const panel = page.getByRole("complementary", { name: "Migrate" });
    await expect(panel.getByTestId("revision-sql")).toContainText('CREATE TABLE "Post"');
    await expect(panel.getByTestId("revision-sql")).toContainText('CREATE TABLE "user_account"');
    await expect(panel.getByTestId("revision-summary")).toContainText("Added tables");
    await shot(page, "04-migrate-preview");
    await panel.getByRole("textbox", { name: "Revision name" }).fill("init");
    await panel.getByRole("button", { name: "Apply" }).click();
    await expect(panel.getByTestId("up-to-date")).toBeVisible();
    const revisions = fs.readdirSync(path.join(project, "prisma", "migrations")).filter((n) => n.endsWith("_init"));
    expect(revisions).toHaveLength(1);
    await shot(page, "05-migrated");
  });

  await test.step("Seed, then the grid shows the tutorial's users and addresses", async () => {
    await page.getByRole("button", { name: "Seed", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Seeded 3 users and 3 addresses" })).toBeVisible();
    await page.getByRole("button", { name: "Data", exact: true }).click();
    const data = page.getByRole("complementary", { name: "Data" });
    await expect(data.getByRole("button", { name: /user_account/ })).toContainText("3");
    await data.getByRole("button", { name: /user_account/ }).click();
    const users = data.getByRole("table", { name: "Rows of user_account" });
    for (const name of ["spongebob", "sandy", "patrick"]) await expect(users).toContainText(name);
    await expect(users).toContainText("Spongebob Squarepants");
    await shot(page, "06-users");
    await data.getByRole("button", { name: /^address/ }).click();
    const addresses = data.getByRole("table", { name: "Rows of address" });
    for (const email of ["spongebob@sqlalchemy.org", "sandy@sqlalchemy.org", "sandy@squirrelpower.org"]) {
      await expect(addresses).toContainText(email);
    }
    await shot(page, "07-addresses");
  });
});
