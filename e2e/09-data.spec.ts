import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { tutorialSchema } from "../lib/testing/tutorial-schema";
import { freshProject, migrateInit as migrate } from "./project";

// Starts from the tutorial again (the files before this one replaced the schema): a fresh
// schema, no migrations, no database; then Migrate and Seed as a user would.

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

test.beforeAll(() => freshProject(tutorialSchema()));

test("the data grid: counts on the canvas, filters, sort, edits, links both ways, insert, delete with its cascade, CSV, copy", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  page.on("dialog", (dialog) => {
    throw new Error(`a dialog opened: ${dialog.message()}`);
  });
  await page.goto("/");
  await migrate(page);
  await page.getByRole("button", { name: "Seed", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Seeded 3 users and 3 addresses" })).toBeVisible();

  const data = page.getByRole("complementary", { name: "Data" });
  const grid = data.getByRole("table");
  const count = data.getByRole("status", { name: "Row count" });
  const cell = (row: string, column: number) => grid.getByRole("row").filter({ hasText: row }).getByRole("cell").nth(column);

  await test.step("a node shows its row count and opens its rows; the grid names its node", async () => {
    await page.locator('[data-model="User"]').getByRole("button", { name: "3 rows in user_account: open them" }).click();
    await expect(data.getByRole("heading", { name: "user_account" })).toBeVisible();
    await expect(data.getByRole("button", { name: "model User on the canvas" })).toBeVisible();
    await expect(count).toHaveText("3 rows");
    await shot(page, "01-grid-from-node");
  });

  await test.step("filters fit the column's type; a wrong value is explained", async () => {
    await data.getByRole("combobox", { name: "Filter column" }).selectOption("name");
    await data.getByRole("combobox", { name: "Filter operator" }).selectOption("contains");
    await data.getByRole("textbox", { name: "Filter value" }).fill("AND");
    await data.getByRole("button", { name: "Filter", exact: true }).click();
    await expect(count).toHaveText("1 row match");
    await expect(grid).toContainText("sandy");
    await expect(grid).not.toContainText("patrick");
    await data.getByRole("button", { name: "Remove filter name contains AND" }).click();
    await expect(count).toHaveText("3 rows");

    await data.getByRole("combobox", { name: "Filter column" }).selectOption("id");
    await data.getByRole("combobox", { name: "Filter operator" }).selectOption("gt");
    await data.getByRole("textbox", { name: "Filter value" }).fill("abc");
    await data.getByRole("button", { name: "Filter", exact: true }).click();
    await expect(data.getByRole("alert")).toContainText('id (INTEGER) takes a whole number; "abc" is not one.');
    await data.getByRole("button", { name: /^Remove filter id/ }).click();
    await data.getByRole("button", { name: "Dismiss" }).click();
  });

  await test.step("sorting by a header asks the server for that order", async () => {
    await grid.getByRole("button", { name: /^name/ }).click();
    await expect(grid.getByRole("row").nth(1)).toContainText("patrick");
    await grid.getByRole("button", { name: /^name/ }).click();
    await expect(grid.getByRole("row").nth(1)).toContainText("spongebob");
  });

  await test.step("an edit is saved; markup in a value stays text; a value the schema refuses is explained", async () => {
    await cell("sandy", 3).dblclick();
    await data.getByRole("textbox", { name: "Edit fullname" }).fill("<script>alert(1)</script>");
    await page.keyboard.press("Enter");
    await expect(cell("sandy", 3)).toHaveText("<script>alert(1)</script>");
    await shot(page, "02-script-as-text");

    await cell("sandy", 2).dblclick();
    await data.getByRole("textbox", { name: "Edit name" }).fill("s".repeat(31));
    await page.keyboard.press("Enter");
    await expect(data.getByRole("alert")).toContainText("name holds at most 30 characters; this has 31.");
    await page.keyboard.press("Escape");
    await expect(cell("sandy", 2)).toHaveText("sandy");
  });

  await test.step("a cell is copied with Ctrl+C", async () => {
    await cell("spongebob", 3).click();
    await page.keyboard.press("Control+c");
    await expect(data.getByRole("status").filter({ hasText: "Copied fullname." })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("Spongebob Squarepants");
    // The keyboard moves between cells and edits: arrows, Enter to edit, Escape to leave it as it was.
    await page.keyboard.press("ArrowLeft");
    await expect(cell("spongebob", 2)).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("Enter");
    await expect(data.getByRole("textbox", { name: "Edit name" })).toHaveValue("spongebob");
    await page.keyboard.press("Escape");
    await expect(data.getByRole("textbox", { name: "Edit name" })).toHaveCount(0);
  });

  await test.step("a user's back-references open their addresses; an address's foreign key opens its user", async () => {
    await grid
      .getByRole("row")
      .filter({ hasText: "sandy" })
      .getByRole("button", { name: /^Rows pointing at user_account/ })
      .click();
    const references = data.getByRole("region", { name: "Rows pointing here" });
    await expect(references).toContainText("address.user_id");
    await expect(references).toContainText("2 rows");
    await references.getByRole("button", { name: "Open address" }).click();
    await expect(data.getByRole("heading", { name: "address" })).toBeVisible();
    await expect(count).toHaveText("2 rows match");
    await expect(grid).toContainText("sandy@squirrelpower.org");
    await shot(page, "03-back-references");

    await grid
      .getByRole("button", { name: /^Open user_account row id = / })
      .first()
      .click();
    await expect(data.getByRole("heading", { name: "user_account" })).toBeVisible();
    await expect(count).toHaveText("1 row match");
    await expect(grid).toContainText("sandy");
    await data.getByRole("button", { name: "← Back" }).click();
    await expect(data.getByRole("heading", { name: "address" })).toBeVisible();

    await cell("sandy@squirrelpower.org", 3).dblclick();
    await data.getByRole("textbox", { name: "Edit user_id" }).fill("999");
    await page.keyboard.press("Enter");
    await expect(data.getByRole("alert")).toContainText("address.user_id = 999 points at no row: user_account has no id = 999.");
    await page.keyboard.press("Escape");
  });

  await test.step("insert a row; delete a user after being told the cascade removes her addresses", async () => {
    await data
      .getByRole("navigation", { name: "Tables" })
      .getByRole("button", { name: /user_account/ })
      .click();
    await data.getByRole("button", { name: "+ Row" }).click();
    const form = data.getByRole("form", { name: "New row of user_account" });
    await form.getByLabel(/^name/).fill("squidward");
    await form.getByRole("button", { name: "Insert" }).click();
    await expect(count).toHaveText("4 rows");
    await expect(grid).toContainText("squidward");

    await grid.getByRole("row").filter({ hasText: "sandy" }).getByRole("checkbox").check();
    await data.getByRole("button", { name: "Delete 1 row" }).click();
    const confirm = data.getByRole("alertdialog", { name: "Confirm delete" });
    await expect(confirm).toContainText("Delete 1 row of user_account, 2 rows of address?");
    await shot(page, "04-delete-cascade");
    await confirm.getByRole("button", { name: "Delete" }).click();
    await expect(count).toHaveText("3 rows");
    await expect(grid).not.toContainText("sandy");
    await expect(data.getByRole("navigation", { name: "Tables" }).getByRole("button", { name: /^address/ })).toContainText("1");
    await expect(page.locator('[data-model="User"]').getByRole("button", { name: /^3 rows in user_account/ })).toBeVisible();
  });

  await test.step("Export CSV downloads the rows the grid shows", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), data.getByRole("link", { name: "Export CSV" }).click()]);
    expect(download.suggestedFilename()).toBe("user_account.csv");
    const csv = fs.readFileSync(await download.path(), "utf8");
    expect(csv.split("\r\n")[0]).toBe("id,name,fullname");
    expect(csv).toContain("spongebob,Spongebob Squarepants");
    expect(csv).toContain("squidward,\r\n");
  });

  await test.step("Generate sample data: 1,000 rows per table with progress; the grid scrolls through them a page at a time", async () => {
    const form = data.getByRole("form", { name: "Generate sample data" });
    await form.getByLabel("Rows per table").fill("1000");
    await form.getByLabel("Seed").fill("7");
    await form.getByRole("button", { name: "Generate" }).click();
    await expect(form.getByRole("status")).toContainText("Generated 2,000 rows in 2 tables");
    await expect(count).toHaveText("1,003 rows");
    await expect(page.locator('[data-model="User"]').getByRole("button", { name: /^1003 rows in user_account/ })).toBeVisible();
    const scroller = data.locator('[aria-label="Rows of user_account"][tabindex="0"]');
    for (let i = 0; i < 6; i++) {
      await scroller.evaluate((element) => element.scrollBy(0, 2000));
      await page.waitForTimeout(150);
    }
    await expect.poll(() => scroller.evaluate((element) => element.scrollHeight)).toBeGreaterThan(300 * 28);
    expect(await grid.locator("tbody tr").count()).toBeLessThan(80);
    await shot(page, "05-sample-data");
  });
});

test("sample data for every kind of column, each shown readably: DateTime, Json, Bytes, BigInt, Decimal, Boolean, enums, NULL", async ({
  page,
}) => {
  freshProject(`datasource db {
  provider = "sqlite"
}

enum Role {
  ADMIN
  MEMBER
}

model Team {
  id      String   @id @default(cuid())
  name    String   @unique
  members Member[]
}

model Member {
  id         Int      @id @default(autoincrement())
  email      String   @unique
  role       Role     @default(MEMBER)
  visits     BigInt
  balance    Decimal
  active     Boolean
  created_at DateTime @default(now())
  profile    Json
  avatar     Bytes
  nickname   String?
  team_id    String
  team       Team     @relation(fields: [team_id], references: [id], onDelete: Cascade)
}
`);
  await page.goto("/");
  await migrate(page);
  await page.getByRole("button", { name: "Data", exact: true }).click();
  const data = page.getByRole("complementary", { name: "Data" });
  const form = data.getByRole("form", { name: "Generate sample data" });
  await form.getByLabel("Rows per table").fill("50");
  await form.getByRole("button", { name: "Generate" }).click();
  await expect(form.getByRole("status")).toContainText("Generated 100 rows in 2 tables");
  await data
    .getByRole("navigation", { name: "Tables" })
    .getByRole("button", { name: /^Member/ })
    .click();
  const grid = data.getByRole("table", { name: "Rows of Member" });
  const firstRow = grid.getByRole("row").nth(1);
  const cells = firstRow.getByRole("cell");
  await expect(cells.nth(2)).toContainText("@"); // email
  await expect(cells.nth(3)).toHaveText(/^(ADMIN|MEMBER)$/);
  await expect(cells.nth(4)).toHaveText(/^-?\d+$/); // BigInt, digits as text
  await expect(cells.nth(6)).toHaveText(/^[✓✗] (true|false)$/);
  await expect(cells.nth(7)).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{3})? UTC$/);
  const json = await cells.nth(8).textContent();
  expect(() => JSON.parse(json!)).not.toThrow();
  await expect(cells.nth(9)).toHaveText(/^0x[0-9a-f]+(…)? \(\d+ B\)$/);
  await expect(grid.getByText("NULL").first()).toBeVisible(); // some nicknames are left empty
  await shot(page, "06-every-kind");

  await test.step("a filter that fits the type: active = true, created after a date; a foreign key opens its team", async () => {
    await data.getByRole("combobox", { name: "Filter column" }).selectOption("active");
    await data.getByRole("combobox", { name: "Filter value" }).selectOption("true");
    await data.getByRole("button", { name: "Filter", exact: true }).click();
    await expect(data.getByRole("status", { name: "Row count" })).toHaveText(/^\d+ rows? match$/);
    await expect(grid.getByRole("row").nth(1).getByRole("cell").nth(6)).toHaveText("✓ true");
    await grid
      .getByRole("button", { name: /^Open Team row id = / })
      .first()
      .click();
    await expect(data.getByRole("heading", { name: "Team" })).toBeVisible();
    await expect(data.getByRole("status", { name: "Row count" })).toHaveText("1 row match");
  });
});
