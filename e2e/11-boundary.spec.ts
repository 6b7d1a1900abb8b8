import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { chromium, expect, test, type Page } from "@playwright/test";
import { tutorialSchema } from "../lib/testing/tutorial-schema";
import { chromiumLaunchOptions } from "./chromium";
import { E2E_PROJECT, freshProject, migrateInit } from "./project";

// The server answers its user only: probes an attacker on this machine (or a web page the
// user opens) would send, as real HTTP against `next start`, each refused with nothing changed.

const root = path.resolve(import.meta.dirname, "..");
const project = E2E_PROJECT;
const PORT = Number(process.env.E2E_PORT ?? 3100);
const schemaFile = path.join(project, "prisma", "schema.prisma");
const databaseFile = path.join(project, "prisma", "dev.db");

/** A raw HTTP request: any Host, Origin or Sec-Fetch-Site, as a script (not a browser) sends them. */
function send(options: { method?: string; path?: string; port?: number; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port: options.port ?? PORT,
        method: options.method ?? "GET",
        path: options.path ?? "/",
        headers: options.headers,
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8").on("data", (chunk) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, text, headers: response.headers }));
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

/** What an attack could change: the schema file, and every row of the database. */
function state(): string {
  const hash = createHash("sha256").update(fs.readFileSync(schemaFile));
  if (fs.existsSync(databaseFile)) {
    const database = new Database(databaseFile, { readonly: true });
    try {
      const tables = database
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .pluck()
        .all() as string[];
      for (const table of tables) hash.update(JSON.stringify(database.prepare(`SELECT * FROM "${table}"`).all()));
    } finally {
      database.close();
    }
  }
  return hash.digest("hex");
}

// Starts from the tutorial, migrated: the probes then have rows they could change.
test.beforeAll(() => freshProject(tutorialSchema()));

async function migrateIfNeeded(page: Page) {
  if (fs.existsSync(databaseFile)) return;
  await page.goto("/");
  await migrateInit(page);
}

const sampleBody = JSON.stringify({ rows: 5, seed: 1 });

test("forged Host, Origin and Sec-Fetch-Site headers are refused by next start, and change nothing", async ({ page }) => {
  await migrateIfNeeded(page);
  const before = state();
  const probes: [string, Parameters<typeof send>[0], number, RegExp][] = [
    ["DNS rebinding: the page under a foreign name", { headers: { host: "evil.example:3100" } }, 403, /Host "evil.example:3100"/],
    [
      "DNS rebinding: a server action (Host and Origin both evil.example)",
      {
        method: "POST",
        headers: {
          host: "evil.example",
          origin: "http://evil.example",
          "next-action": "0".repeat(40),
          "content-type": "text/plain",
        },
        body: "[]",
      },
      403,
      /not this server's name/,
    ],
    ["DNS rebinding: every row as CSV", { path: "/api/tables/user_account/csv", headers: { host: "evil.example" } }, 403, /Host/],
    [
      "DNS rebinding: sample rows",
      { method: "POST", path: "/api/sample", headers: { host: "evil.example", origin: "http://evil.example" }, body: sampleBody },
      403,
      /Host/,
    ],
    [
      "a no-cors POST from another local port",
      {
        method: "POST",
        path: "/api/sample",
        headers: {
          host: `127.0.0.1:${PORT}`,
          origin: "http://127.0.0.1:4000",
          "sec-fetch-site": "same-site",
          "content-type": "text/plain",
        },
        body: sampleBody,
      },
      403,
      /only this server's own pages/,
    ],
    [
      "a POST with no Origin (curl from another user's script)",
      { method: "POST", path: "/api/sample", headers: { host: `127.0.0.1:${PORT}` }, body: sampleBody },
      403,
      /without an Origin/,
    ],
    [
      "a server action whose Origin is right but the browser says cross-site",
      {
        method: "POST",
        headers: {
          host: `127.0.0.1:${PORT}`,
          origin: `http://127.0.0.1:${PORT}`,
          "sec-fetch-site": "cross-site",
          "next-action": "0".repeat(40),
        },
        body: "[]",
      },
      403,
      /another site/,
    ],
    [
      "the CSV fetched by another site",
      { path: "/api/tables/user_account/csv", headers: { host: `127.0.0.1:${PORT}`, "sec-fetch-site": "cross-site" } },
      403,
      /another site/,
    ],
    [
      "a 6 MB body",
      {
        method: "POST",
        headers: { host: `127.0.0.1:${PORT}`, origin: `http://127.0.0.1:${PORT}`, "next-action": "0".repeat(40) },
        body: "x".repeat(6 * 1024 * 1024),
      },
      413,
      /6 MB; the server reads at most/,
    ],
  ];
  for (const [what, options, status, reason] of probes) {
    const response = await send(options);
    expect(response.status, what).toBe(status);
    expect(response.text, what).toMatch(reason);
  }
  expect(state()).toBe(before);
  // The same requests from the app's own origin go through.
  expect((await send({ headers: { host: `127.0.0.1:${PORT}` } })).status).toBe(200);
  expect((await send({ path: "/api/tables/user_account/csv", headers: { host: `localhost:${PORT}` } })).status).toBe(200);
});

test("a chunked body with no Content-Length is read no further than the limit by every write route, and changes nothing", async ({
  page,
}) => {
  await migrateIfNeeded(page);
  const before = state();
  const origin = `http://127.0.0.1:${PORT}`;
  for (const route of ["/api/sample", "/api/schema"]) {
    let sent = 0;
    const body = new ReadableStream({
      pull(controller) {
        if (sent++ === 6) return controller.close();
        controller.enqueue(new Uint8Array(1024 * 1024).fill(32));
      },
    });
    const response = await fetch(`${origin}${route}`, {
      method: "POST",
      headers: { origin },
      body,
      duplex: "half",
    } as RequestInit);
    expect([route, response.status, (await response.json()).error]).toEqual([route, 413, expect.stringMatching(/over 5\.1 MB/)]);
  }
  expect(state()).toBe(before);
});

test("CSV export writes formula-like text with a leading ' so that a spreadsheet does not run it", async ({ page }) => {
  await migrateIfNeeded(page);
  const database = new Database(databaseFile);
  database
    .prepare("INSERT INTO user_account (name, fullname) VALUES (?, ?), (?, ?)")
    .run("mallory", '=HYPERLINK("http://evil.example","x")', "eve", "-2+3");
  database.close();
  const csv = await send({
    path: "/api/tables/user_account/csv",
    headers: { host: `127.0.0.1:${PORT}`, "sec-fetch-site": "same-origin" },
  });
  expect(csv.status).toBe(200);
  expect(csv.text).toContain(`mallory,"'=HYPERLINK(""http://evil.example"",""x"")"`);
  expect(csv.text).toContain("eve,'-2+3");
});

test("the server listens on 127.0.0.1 only: another address of this machine is not answered", async () => {
  const address = Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && !a.internal && a.family === "IPv4")?.address;
  test.skip(!address, "this machine has no address but loopback");
  const error = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
    const request = http.get({ host: address, port: PORT, path: "/", timeout: 3000 }, () => resolve(undefined));
    request.on("error", resolve);
  });
  expect(error?.code).toBe("ECONNREFUSED");
});

test("a page on another local port cannot insert rows or read them (no-cors POST, form POST)", async ({ page }) => {
  await migrateIfNeeded(page);
  const before = state();
  const attacker = http.createServer((_, response) => {
    response.setHeader("Content-Type", "text/html");
    response.end(`<!doctype html><title>attacker</title>
<form id="f" method="POST" action="http://127.0.0.1:${PORT}/api/sample" enctype="text/plain" target="sink">
<input name='{"rows":5,"seed":1,"x":"' value='"}'></form><iframe name="sink"></iframe>
<script>
window.done = Promise.all([
  fetch("http://127.0.0.1:${PORT}/api/sample", { method: "POST", mode: "no-cors", headers: { "Content-Type": "text/plain" }, body: '${sampleBody}' }).then(() => "sent", (e) => String(e)),
  fetch("http://localhost:${PORT}/api/sample", { method: "POST", mode: "no-cors", body: '${sampleBody}' }).then(() => "sent", (e) => String(e)),
  fetch("http://127.0.0.1:${PORT}/api/tables/user_account/csv").then((r) => r.text(), (e) => "blocked: " + e),
]);
document.getElementById("f").submit();
</script>`);
  });
  await new Promise<void>((resolve) => attacker.listen(PORT + 50, "127.0.0.1", resolve));
  try {
    await page.goto(`http://localhost:${PORT + 50}/`);
    const results = (await page.evaluate("window.done")) as string[];
    expect(results[2]).toMatch(/^blocked/); // the browser never hands another origin the rows
    await expect(page.frameLocator("iframe[name=sink]").locator("body")).toContainText(/refused/);
    await page.screenshot({ path: test.info().outputPath("attacker-page.png") });
  } finally {
    attacker.close();
  }
  expect(state()).toBe(before);
});

test("DNS rebinding in a real browser: a foreign name that resolves to 127.0.0.1 gets a one-line 403", async () => {
  const browser = await chromium.launch({
    ...chromiumLaunchOptions,
    args: [...chromiumLaunchOptions.args, "--host-resolver-rules=MAP evil.example 127.0.0.1"],
  });
  try {
    const page = await browser.newPage();
    const response = await page.goto(`http://evil.example:${PORT}/`);
    expect(response?.status()).toBe(403);
    await expect(page.locator("body")).toContainText(
      'Host "evil.example:3100" is not this server\'s name'.replace("3100", String(PORT)),
    );
    await page.screenshot({ path: test.info().outputPath("rebinding-refused.png") });
  } finally {
    await browser.close();
  }
});

test.describe("HOST=0.0.0.0 is an explicit opt-in", () => {
  const port = PORT + 2;
  let server: ChildProcess;
  let output = "";

  test.beforeAll(async () => {
    const exposedProject = path.join(root, ".tmp", "e2e-exposed");
    fs.rmSync(exposedProject, { recursive: true, force: true });
    fs.mkdirSync(path.join(exposedProject, "prisma"), { recursive: true });
    fs.copyFileSync(
      path.join(root, "lib", "testing", "fixtures", "tutorial.prisma"),
      path.join(exposedProject, "prisma", "schema.prisma"),
    );
    server = spawn(process.execPath, [path.join(root, "scripts", "launch.cjs"), "serve"], {
      cwd: root,
      env: { ...process.env, HOST: "0.0.0.0", PORT: String(port), SCHEMAFLOW_TOKEN: "", SCHEMAFLOW_PROJECT: exposedProject },
    });
    server.stdout!.on("data", (chunk) => (output += chunk));
    server.stderr!.on("data", (chunk) => (output += chunk));
    await expect.poll(() => output, { timeout: 30_000 }).toMatch(/Ready/);
  });
  test.afterAll(() => {
    server.kill("SIGTERM");
  });

  test("it warns, prints a URL with a token, and every request needs that token (then kept in a cookie)", async ({ browser }) => {
    expect(output).toMatch(/warning: HOST=0\.0\.0\.0: Schemaflow listens beyond this machine/);
    const token = /\?token=([\w-]+)/.exec(output)?.[1];
    expect(token?.length).toBeGreaterThanOrEqual(32);

    const without = await send({ port, headers: { host: `127.0.0.1:${port}` } });
    expect(without.status).toBe(401);
    expect(without.text).toMatch(/needs its token/);
    expect((await send({ port, path: "/?token=wrong", headers: { host: `127.0.0.1:${port}` } })).status).toBe(401);
    const opened = await send({ port, path: `/?token=${token}`, headers: { host: `127.0.0.1:${port}` } });
    expect(opened.status).toBe(303);
    expect(opened.headers["set-cookie"]?.[0]).toMatch(/schemaflow_token=.+; Path=\/; HttpOnly; SameSite=Strict/);

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/?token=${token}`);
    expect(new URL(page.url()).search).toBe(""); // the token left the address bar
    await expect(page.locator('[data-model="User"]')).toBeVisible();
    const cookie = (await context.cookies()).find((c) => c.name === "schemaflow_token");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict" });
    // A server action from the page works with the cookie: Migrate asks the engine for the next revision.
    await page.getByRole("button", { name: "Migrate" }).click();
    await expect(page.getByTestId("revision-sql")).toContainText('CREATE TABLE "user_account"');
    await page.screenshot({ path: test.info().outputPath("exposed-with-token.png") });
    await context.close();

    const stranger = await browser.newPage();
    const refused = await stranger.goto(`http://127.0.0.1:${port}/`);
    expect(refused?.status()).toBe(401);
    await stranger.close();
  });
  test("two people on two machines design together through the exposed server: each sees the other's edit live", async ({
    browser,
  }) => {
    // Another machine reaches this one by its network address, not by localhost: use it when there is one.
    const address =
      Object.values(os.networkInterfaces())
        .flat()
        .find((a) => a && !a.internal && a.family === "IPv4")?.address ?? "127.0.0.1";
    const token = /\?token=([\w-]+)/.exec(output)?.[1];
    const schemaPath = path.join(root, ".tmp", "e2e-exposed", "prisma", "schema.prisma");
    // Two browser contexts: two cookie jars, two people, each opening the URL the server printed.
    const [alice, bob] = [await browser.newContext(), await browser.newContext()];
    const [a, b] = [await alice.newPage(), await bob.newPage()];
    for (const page of [a, b]) {
      await page.goto(`http://${address}:${port}/?token=${token}`);
      await expect(page.locator('[data-model="User"]')).toBeVisible();
    }
    // Each sees the other in the presence line.
    await expect(a.getByRole("status", { name: "Also here" })).toBeVisible();
    await expect(b.getByRole("status", { name: "Also here" })).toBeVisible();

    const rename = async (page: Page, from: string, to: string) => {
      await page.locator(`[data-model="User"] [data-field="${from}"]`).click();
      const name = page.getByRole("complementary", { name: "Inspector" }).getByRole("textbox", { name: "Field name" });
      await name.fill(to);
      await name.press("Enter");
    };
    await rename(a, "fullname", "full_name");
    await expect(b.locator('[data-model="User"] [data-field="full_name"]')).toBeVisible();
    await b.getByRole("button", { name: "+ Add table" }).click();
    await expect.poll(() => fs.readFileSync(schemaPath, "utf8")).toMatch(/model Table1 \{/);
    await expect(a.locator(".react-flow__minimap-svg")).toHaveAttribute("data-nodes", "3");
    const text = fs.readFileSync(schemaPath, "utf8");
    expect(text).toMatch(/full_name\s+String/);
    await b.screenshot({ path: test.info().outputPath("two-machines.png") });
    await alice.close();
    await bob.close();
  });
});

const PAYLOAD = `t" (id INTEGER); UPDATE user_account SET fullname = 'x'; CREATE TABLE "t2`;

test("the @@map payload is refused on the canvas, in the text and in an import, named on its element; the file is untouched", async ({
  browser,
}) => {
  const before = fs.readFileSync(schemaFile, "utf8");
  const canvas = await (await browser.newContext()).newPage();
  await canvas.goto("/");
  const user = canvas.locator('[data-model="User"]');
  await user.locator("header").click();
  const tableName = canvas.getByRole("complementary", { name: "Inspector" }).getByRole("textbox", { name: "Table name (@@map)" });
  await tableName.fill(PAYLOAD);
  await tableName.press("Enter");
  await expect(user.getByRole("alert")).toContainText('model User (@@map): "t\\" (id INTEGER); UPDATE');
  await expect(user.getByRole("alert")).toContainText("contains a double quote");
  await canvas.screenshot({ path: test.info().outputPath("payload-canvas.png") });
  expect(fs.readFileSync(schemaFile, "utf8")).toBe(before);
  await canvas.context().close();

  const text = await (await browser.newContext()).newPage();
  await text.goto("/");
  await text.getByRole("button", { name: "Text", exact: true }).click();
  await expect(text.locator(".cm-content")).toContainText("model User {");
  await text.locator(".cm-content").click();
  await text.keyboard.press("Control+a");
  await text.keyboard.insertText(before.replace('@@map("user_account")', `@@map(${JSON.stringify(PAYLOAD)})`));
  const problems = text.getByRole("alert", { name: "Schema problems" });
  await expect(problems).toContainText("model User (@@map)");
  await expect(problems).toContainText("contains a double quote");
  await text.screenshot({ path: test.info().outputPath("payload-text.png") });
  expect(fs.readFileSync(schemaFile, "utf8")).toBe(before);
  await text.context().close();

  const upload = await (await browser.newContext()).newPage();
  upload.on("dialog", (dialog) => void dialog.accept());
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "payload-")), "evil.prisma");
  fs.writeFileSync(file, before.replace('@@map("user_account")', `@@map(${JSON.stringify(PAYLOAD)})`));
  await upload.goto("/");
  await expect(upload.locator('[data-model="User"]')).toBeVisible();
  await upload.getByLabel("File to import").setInputFiles(file);
  await expect(upload.getByText(/evil.prisma was not imported: .*model User \(@@map\)/)).toBeVisible();
  expect(fs.readFileSync(schemaFile, "utf8")).toBe(before);
  await upload.context().close();
});

test("imports up to 5 MB reach the server (a 3 MB database imports); a 6 MB file gets the app's own message", async ({
  page,
}) => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "import-size-"));
  const big = path.join(folder, "big.db");
  fs.writeFileSync(big, Buffer.alloc(6 * 1024 * 1024, 1));
  const before = fs.readFileSync(schemaFile, "utf8");
  await page.goto("/");
  await expect(page.locator('[data-model="User"]')).toBeVisible();
  await page.getByLabel("File to import").setInputFiles(big);
  await expect(page.getByText("big.db was not imported: big.db is 6 MB; files over 5 MB are not imported")).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("import-too-large.png") });
  expect(fs.readFileSync(schemaFile, "utf8")).toBe(before);

  const library = path.join(folder, "library.db");
  const database = new Database(library);
  database.exec("CREATE TABLE shelf (id INTEGER PRIMARY KEY AUTOINCREMENT, label TEXT NOT NULL, photo BLOB)");
  const insert = database.prepare("INSERT INTO shelf (label, photo) VALUES (?, ?)");
  for (let i = 0; i < 48; i++) insert.run(`shelf ${i}`, Buffer.alloc(64 * 1024, i));
  database.close();
  expect(fs.statSync(library).size).toBeGreaterThan(3 * 1024 * 1024);
  page.on("dialog", (dialog) => void dialog.accept());
  await page.getByLabel("File to import").setInputFiles(library);
  await expect(page.locator('[data-model="shelf"]')).toBeVisible();
  expect(fs.readFileSync(schemaFile, "utf8")).toMatch(/model shelf \{/);
});
