import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { generatedSchema } from "../lib/testing/generated-schema";
import { tutorialSchema } from "../lib/testing/tutorial-schema";
import { E2E_PROJECT, E2E_SCHEMA, freshProject, migrateInit } from "./project";

// Never lose an edit: tabs, the file on disk and git as writers of one versioned schema.
const project = E2E_PROJECT;
const schemaFile = E2E_SCHEMA;
const readSchema = () => fs.readFileSync(schemaFile, "utf8");
const table = (page: Page, name: string) => page.locator(`[data-model="${name}"]`);
const inspector = (page: Page) => page.getByRole("complementary", { name: "Inspector" });

async function open(page: Page) {
  await page.goto("/");
  await expect(table(page, "User").or(table(page, "Entity0")).first()).toBeVisible();
}

async function renameField(page: Page, model: string, from: string, to: string) {
  await table(page, model).locator(`[data-field="${from}"]`).click();
  const name = inspector(page).getByRole("textbox", { name: "Field name" });
  await name.fill(to);
  await name.press("Enter");
}

test.beforeEach(() => freshProject(tutorialSchema()));

test("two tabs editing different tables: both kept, each shows the other's edit live", async ({ browser }) => {
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  await open(a);
  await open(b);
  await a.getByRole("button", { name: "+ Add table" }).click();
  await expect(table(b, "Table1")).toBeVisible(); // B never reloaded
  await b.locator('[data-model="Address"]').getByRole("button", { name: "Add field to Address" }).click();
  await expect(table(a, "Address").locator('[data-field="field1"]')).toBeVisible();
  await expect.poll(readSchema).toMatch(/model Table1 \{/);
  await expect.poll(readSchema).toMatch(/model Address \{[^}]*field1\s+String/);
  // Each tab shows who else is here and what they have selected.
  await table(a, "User").locator("header").click();
  await expect(b.getByRole("status", { name: "Also here" })).toContainText(/Guest \d+ \(User\)/);
  await expect(a.getByRole("status", { name: "Also here" })).toContainText(/Guest \d+/);
  await b.screenshot({ path: test.info().outputPath("tab-b.png") });
  await a.context().close();
  await b.context().close();
});

test("two tabs editing the same field: the later is refused, named, and kept as a draft it can re-apply", async ({ browser }) => {
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  await open(a);
  // B hears nothing live (as a tab whose connection dropped): its edit is made on an old version.
  await b.route("**/api/events?*", (route) => route.abort());
  await open(b);
  await renameField(a, "User", "fullname", "full_name");
  await expect.poll(readSchema).toMatch(/full_name\s+String\?/);
  await renameField(b, "User", "fullname", "display_name");
  const draft = b.getByRole("alert", { name: "Draft" });
  await expect(draft).toBeVisible();
  await expect(draft).toContainText(/User\.full_name was changed by another tab since this edit was made/);
  await b.screenshot({ path: test.info().outputPath("conflict-draft.png") });
  expect(readSchema()).toMatch(/full_name\s+String\?/);
  await expect(table(b, "User").locator('[data-field="full_name"]')).toBeVisible(); // B now shows A's edit
  await draft.getByRole("button", { name: "Re-apply my edit" }).click();
  await expect.poll(readSchema).toMatch(/display_name\s+String\?/);
  expect(readSchema()).not.toMatch(/full_name/);
  await a.context().close();
  await b.context().close();
});

test("a hand edit of the file appears in the open page and is kept through the next canvas edit", async ({ page }) => {
  await open(page);
  fs.writeFileSync(schemaFile, `${readSchema()}\nmodel Comment {\n  id   Int    @id\n  body String\n}\n`);
  await expect(table(page, "Comment")).toBeVisible();
  await page.locator('[data-model="User"]').getByRole("button", { name: "Add field to User" }).click();
  await expect.poll(readSchema).toMatch(/model User \{[^}]*field1\s+String/);
  expect(readSchema()).toMatch(/model Comment \{\s+id\s+Int\s+@id\s+body String\s+\}/);
});

test("an invalid hand edit is shown with Prisma's problem; nothing is lost or written until it is fixed", async ({ page }) => {
  await open(page);
  const valid = readSchema();
  const broken = `${valid}\nmodel Half {\n  id Int @id\n  title\n}\n`;
  fs.writeFileSync(schemaFile, broken);
  const banner = page.getByRole("alert", { name: "File problems" });
  await expect(banner).toContainText(/line \d+: Error validating model "Half"/);
  await expect(table(page, "User")).toBeVisible(); // the last valid canvas
  await page.screenshot({ path: test.info().outputPath("file-problems.png") });
  await page.reload(); // a page opened while the file is invalid says so too
  await expect(banner).toContainText(/line \d+: Error validating model "Half"/);
  await expect(table(page, "User")).toBeVisible();
  await page.locator('[data-model="User"]').getByRole("button", { name: "Add field to User" }).click();
  await expect(page.getByText(/is being edited and is not valid/)).toBeVisible();
  expect(readSchema()).toBe(broken);
  fs.writeFileSync(schemaFile, broken.replace("  title\n", "  title String\n"));
  await expect(banner).toHaveCount(0);
  await expect(table(page, "Half")).toBeVisible();
});

test("git checkout of another schema under a running page shows it; checking out back restores the tutorial", async ({
  page,
}) => {
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.email=e2e@example.com", "-c", "user.name=e2e", ...args], { cwd: project, stdio: "pipe" });
  git("init", "-q", "-b", "main");
  git("add", "prisma/schema.prisma");
  git("commit", "-qm", "tutorial");
  git("checkout", "-qb", "library");
  fs.writeFileSync(
    schemaFile,
    'datasource db {\n  provider = "sqlite"\n}\n\nmodel Book {\n  id    Int    @id @default(autoincrement())\n  title String\n}\n',
  );
  git("commit", "-qam", "library");
  git("checkout", "-q", "main");
  await open(page);
  git("checkout", "-q", "library");
  await expect(table(page, "Book")).toBeVisible();
  await expect(table(page, "User")).toHaveCount(0);
  git("checkout", "-q", "main");
  await expect(table(page, "User")).toBeVisible();
  await expect(table(page, "Book")).toHaveCount(0);
});

test("at 1,000 models an edit is saved, and its request is a few hundred bytes, not the schema", async ({ page }) => {
  freshProject(generatedSchema(1000));
  const bodies: number[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.postData()?.includes('"base"')) bodies.push(request.postData()!.length);
  });
  await page.goto("/");
  await expect(page.locator("[data-model]").first()).toBeVisible({ timeout: 60_000 });
  await page.getByRole("button", { name: "+ Add table" }).click();
  await expect.poll(readSchema, { timeout: 30_000 }).toMatch(/model Table1 \{/);
  expect(bodies.length).toBeGreaterThan(0);
  expect(Math.max(...bodies)).toBeLessThan(10_000);
});

test("renaming while the previous save is on its way, again and again: Migrate renames, every value is kept", async ({
  page,
}) => {
  await open(page);
  await migrateInit(page);
  await page.getByRole("button", { name: "Seed", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Seeded 3 users" })).toBeVisible();

  let name = "fullname";
  for (const next of ["full_name", "display_name", "shown_name", "label"]) {
    await renameField(page, "User", name, next);
    await page.waitForTimeout(160); // the rename's save is on its way
    await page.getByRole("button", { name: "+ Add table" }).click();
    name = next;
  }
  await expect.poll(readSchema).toMatch(/label\s+String\?/);
  await page.getByRole("button", { name: "Migrate" }).click();
  const panel = page.getByRole("complementary", { name: "Migrate" });
  await expect(panel.getByTestId("revision-summary")).toContainText("Renamed (data kept)");
  await expect(panel.getByTestId("revision-sql")).toContainText('RENAME COLUMN "fullname" TO "label"');
  await expect(panel.getByTestId("rehearsal")).toContainText("no data is lost");
  await panel.getByRole("textbox", { name: "Revision name" }).fill("renames");
  await panel.getByRole("button", { name: "Apply" }).click();
  await expect(panel.getByTestId("up-to-date")).toBeVisible();
  const database = new Database(path.join(project, "prisma", "dev.db"), { readonly: true });
  expect(database.prepare("SELECT label FROM user_account ORDER BY id").pluck().all()).toEqual([
    "Spongebob Squarepants",
    "Sandy Cheeks",
    "Patrick Star",
  ]);
  database.close();
});

test("bad patches over HTTP: forged origin, malformed, oversized, unknown element, forged version and a flood each get a sentence; nothing is written", async ({
  page,
  baseURL,
}) => {
  await open(page);
  const before = readSchema();
  const origin = new URL(baseURL!).origin;
  const post = (body: string, headers: Record<string, string> = { origin }) =>
    fetch(`${origin}/api/schema`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const patch = (changes: unknown[], base = { version: 1, hash: "x" }, by = "tab-attacker") =>
    JSON.stringify({ base, changes, by });

  const foreign = await post(patch([]), { origin: "http://evil.example" });
  expect([foreign.status, await foreign.text()]).toEqual([403, expect.stringMatching(/evil\.example is refused/)]);
  const blind = await post(patch([]), {});
  expect(blind.status).toBe(403);

  const malformed = await post("{not json");
  expect([malformed.status, (await malformed.json()).error]).toEqual([400, "Invalid request: the body is not JSON."]);

  // A chunked body sends no Content-Length: read no further than the limit.
  let sent = 0;
  const huge = new ReadableStream({
    pull(controller) {
      if (sent++ === 6) return controller.close();
      controller.enqueue(new Uint8Array(1024 * 1024).fill(32));
    },
  });
  const oversized = await fetch(`${origin}/api/schema`, {
    method: "POST",
    headers: { origin },
    body: huge,
    duplex: "half",
  } as RequestInit);
  expect([oversized.status, (await oversized.json()).error]).toEqual([413, expect.stringMatching(/over 5\.1 MB/)]);

  const unknownKind = await post(patch([{ key: "table:x", value: null }]));
  expect([unknownKind.status, (await unknownKind.json()).error]).toEqual([400, expect.stringMatching(/names no element/)]);

  const forged = await (await post(patch([{ key: "model:nope", value: null }]))).json();
  expect(forged).toMatchObject({ ok: false, kind: "stale", error: expect.stringMatching(/not one the server knows/) });

  // Past the burst of 60 (the exact count depends on the refill while they arrive: lib/sync unit-tests it).
  const answers = await Promise.all(Array.from({ length: 150 }, () => post(patch([], undefined, "tab-flooding"))));
  const flooded = answers.filter((answer) => answer.status === 429);
  expect(flooded.length).toBeGreaterThan(0);
  expect((await flooded[0].json()).error).toMatch(/Too many edits at once from this tab/);

  expect(readSchema()).toBe(before);
  // The page's own edits still go through.
  await renameField(page, "User", "fullname", "full_name");
  await expect.poll(readSchema).toMatch(/full_name\s+String/);
});
