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

test("Migrate and Seed on a PostgreSQL server: the revision's SQL, Apply, the tables, the history and the tutorial's users", async ({
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
});
