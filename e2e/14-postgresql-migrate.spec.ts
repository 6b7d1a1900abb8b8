import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { pgQuery } from "../lib/testing/pg-database";
import { postgresInstalled, startTestPostgres, type TestPostgres } from "../lib/testing/pg-server";
import { databaseUrl } from "../lib/migrate/dialects/postgresql/adapter";
import { tutorialSchema } from "../lib/testing/tutorial-schema";

// Migrate in the browser on a PostgreSQL server: the app started as a user starts it, with
// DATABASE_URL naming the server (a throwaway one, or SCHEMAFLOW_TEST_POSTGRES_URL's).
const ROOT = path.resolve(import.meta.dirname, "..");
const PROJECT = path.join(ROOT, ".tmp", "e2e-project-pg");
const PORT = 3102;
const SCHEMA = tutorialSchema().replace('provider = "sqlite"', 'provider = "postgresql"');

let postgres: TestPostgres | undefined;
let server: ChildProcess | undefined;
let url = "";

test.beforeAll(async () => {
  const given = process.env.SCHEMAFLOW_TEST_POSTGRES_URL;
  if (!given && !postgresInstalled()) {
    if (process.env.CI) throw new Error("PostgreSQL is not installed (apt-get install postgresql)");
    test.skip(true, "PostgreSQL is not installed");
  }
  postgres = given ? undefined : await startTestPostgres();
  const serverUrl = given ?? postgres!.url;
  await pgQuery(serverUrl, "DROP DATABASE IF EXISTS e2e_migrate WITH (FORCE)");
  await pgQuery(serverUrl, "CREATE DATABASE e2e_migrate");
  url = databaseUrl(serverUrl, "e2e_migrate");
  fs.rmSync(PROJECT, { recursive: true, force: true });
  fs.mkdirSync(path.join(PROJECT, "prisma"), { recursive: true });
  fs.writeFileSync(path.join(PROJECT, "prisma", "schema.prisma"), SCHEMA);
  server = spawn(
    process.execPath,
    [path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(PORT), "-H", "127.0.0.1"],
    {
      cwd: ROOT,
      env: { ...process.env, SCHEMAFLOW_PROJECT: PROJECT, DATABASE_URL: url, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "ignore",
    },
  );
  await expect
    .poll(
      () =>
        fetch(`http://127.0.0.1:${PORT}/icon.svg`).then(
          (r) => r.ok,
          () => false,
        ),
      { timeout: 60_000 },
    )
    .toBe(true);
});

test.afterAll(() => {
  server?.kill();
  postgres?.stop();
});

test("Migrate, Seed and the data grid on a PostgreSQL server: the revision's SQL, Apply, the tables, the tutorial's users, their rows", async ({
  page,
}) => {
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await expect(page.locator('[data-model="User"]')).toBeVisible();
  await page.getByRole("button", { name: "Migrate" }).click();
  const panel = page.getByRole("complementary", { name: "Migrate" });
  await expect(panel).toContainText('CREATE TABLE "user_account"');
  await panel.getByRole("textbox", { name: "Revision name" }).fill("init");
  await panel.getByRole("button", { name: "Apply" }).click();
  await expect(panel.getByTestId("up-to-date")).toBeVisible();
  await expect(panel).toContainText(/\d{14}_init/);
  await page.screenshot({ path: test.info().outputPath("postgresql-migrate.png") });

  const tables = await pgQuery<{ name: string }>(
    url,
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
  );
  expect(tables.map((t) => t.name)).toEqual(["_prisma_migrations", "address", "user_account"]);
  expect(fs.readFileSync(path.join(PROJECT, "prisma", "migrations", "migration_lock.toml"), "utf8")).toContain(
    'provider = "postgresql"',
  );

  // Seed: the tutorial's users, through Prisma Client on the server.
  await page.getByRole("button", { name: "Close migrate" }).click();
  await page.getByRole("button", { name: "Seed" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Seeded 3 users and 3 addresses" })).toBeVisible();
  expect(await pgQuery(url, "SELECT name FROM user_account ORDER BY id")).toEqual([
    { name: "spongebob" },
    { name: "sandy" },
    { name: "patrick" },
  ]);

  // The SQL export speaks PostgreSQL.
  const sql = page.waitForEvent("download");
  await page.getByText("Export ▾").click();
  await page.getByRole("button", { name: "SQL", exact: true }).click();
  expect(fs.readFileSync((await (await sql).path())!, "utf8")).toContain('"id" SERIAL NOT NULL');

  // The grid: the same panel as on SQLite, its rows read from the server.
  const data = page.getByRole("complementary", { name: "Data" });
  const grid = data.getByRole("table");
  const count = data.getByRole("status", { name: "Row count" });
  const cell = (row: string, column: number) => grid.getByRole("row").filter({ hasText: row }).getByRole("cell").nth(column);
  await page.locator('[data-model="User"]').getByRole("button", { name: "3 rows in user_account: open them" }).click();
  await expect(data.getByRole("heading", { name: "user_account" })).toBeVisible();
  await expect(count).toHaveText("3 rows");
  await expect(data).toContainText("rows in PostgreSQL at 127.0.0.1:");

  await data.getByRole("combobox", { name: "Filter column" }).selectOption("fullname");
  await data.getByRole("combobox", { name: "Filter operator" }).selectOption("contains");
  await data.getByRole("textbox", { name: "Filter value" }).fill("Cheeks");
  await data.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(count).toHaveText("1 row match");
  await data.getByRole("button", { name: "Remove filter fullname contains Cheeks" }).click();
  await expect(count).toHaveText("3 rows");

  await cell("sandy", 3).dblclick();
  await data.getByRole("textbox", { name: "Edit fullname" }).fill("Sandy Cheeks of Texas");
  await page.keyboard.press("Enter");
  await expect(cell("sandy", 3)).toHaveText("Sandy Cheeks of Texas");
  expect(await pgQuery(url, "SELECT fullname FROM user_account WHERE name = 'sandy'")).toEqual([
    { fullname: "Sandy Cheeks of Texas" },
  ]);

  await grid.getByRole("row").filter({ hasText: "sandy" }).getByRole("checkbox").check();
  await data.getByRole("button", { name: "Delete 1 row" }).click();
  const confirm = data.getByRole("alertdialog", { name: "Confirm delete" });
  await expect(confirm).toContainText("Delete 1 row of user_account, 2 rows of address?");
  await page.screenshot({ path: test.info().outputPath("postgresql-grid-delete.png") });
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(count).toHaveText("2 rows");
  expect(await pgQuery(url, "SELECT count(*)::int AS n FROM address")).toEqual([{ n: 1 }]);

  const [download] = await Promise.all([page.waitForEvent("download"), data.getByRole("link", { name: "Export CSV" }).click()]);
  const csv = fs.readFileSync(await download.path(), "utf8");
  expect(csv.split("\r\n").slice(0, 3)).toEqual([
    "id,name,fullname",
    "1,spongebob,Spongebob Squarepants",
    "3,patrick,Patrick Star",
  ]);

  // Sample data, written by COPY on the server.
  const sample = data.getByRole("form", { name: "Generate sample data" });
  await sample.getByLabel("Rows per table").fill("100");
  await sample.getByLabel("Seed").fill("7");
  await sample.getByRole("button", { name: "Generate" }).click();
  await expect(sample.getByRole("status")).toContainText("Generated 200 rows in 2 tables");
  await expect(count).toHaveText("102 rows");
  expect(await pgQuery(url, "SELECT count(*)::int AS n FROM address")).toEqual([{ n: 101 }]);
});

test("Import ▾ → A PostgreSQL database… reads a live database by its URL into the schema", async ({ page }) => {
  const messages: string[] = [];
  page.on("dialog", (dialog) => {
    messages.push(dialog.message());
    void (dialog.type() === "prompt" ? dialog.accept(url.replace("@", ":secret@")) : dialog.accept());
  });
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await page.getByText("Import ▾").click();
  await page.getByRole("button", { name: "A PostgreSQL database…" }).click();
  await expect(page.locator('[data-model="user_account"]')).toBeVisible();
  await expect(page.locator('[data-model="address"]')).toBeVisible();
  expect(messages[1]).toMatch(
    /Replace prisma\/schema\.prisma with the schema imported from postgresql:\/\/schemaflow:\*\*\*@127\.0\.0\.1/,
  );
  const schema = fs.readFileSync(path.join(PROJECT, "prisma", "schema.prisma"), "utf8");
  expect(schema).toContain("model user_account {");
  expect(schema).toContain('provider = "postgresql"');
});
