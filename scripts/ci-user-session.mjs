// CI: a new user's first minutes, before the tests run. `npm run app`, then in Chromium: add a
// table, give it a field, Migrate, Seed; then stop the app. The project's own prisma/ folder
// now differs from the shipped one, as on a user's machine, and `npm test` must still pass.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const root = path.resolve(import.meta.dirname, "..");
const port = process.env.PORT ?? "3000";
const url = `http://127.0.0.1:${port}`;
const schemaFile = path.join(root, "prisma", "schema.prisma");
const shipped = fs.readFileSync(schemaFile, "utf8");

const app = spawn("npm", ["run", "app", "--silent"], {
  cwd: root,
  stdio: "inherit",
  detached: true,
  env: { ...process.env, PORT: port },
});
const stop = () => {
  try {
    process.kill(-app.pid, "SIGTERM");
  } catch {
    // already gone
  }
};

async function ready() {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`npm run app exited with ${app.exitCode}`);
    const status = await fetch(url).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error("npm run app did not answer within 5 minutes");
}

let browser;
try {
  await ready();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  const page = await browser.newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(url);
  await page.getByRole("button", { name: "+ Add table" }).click();
  const table = page.locator('[data-model^="Table"]').last();
  await table.getByRole("button", { name: /^Add field to / }).click();
  for (let i = 0; i < 60 && !/model Table\d+ \{[^}]*field1/.test(fs.readFileSync(schemaFile, "utf8")); i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await page.getByRole("button", { name: "Migrate" }).click();
  const panel = page.getByRole("complementary", { name: "Migrate" });
  await panel.getByRole("textbox", { name: "Revision name" }).fill("first design");
  await panel.getByRole("button", { name: "Apply" }).click();
  await panel.getByTestId("up-to-date").waitFor();
  await page.getByRole("button", { name: "Close migrate" }).click();
  await page.getByRole("button", { name: "Seed", exact: true }).click();
  await page.getByText("Seeded 3 users").waitFor();
  const now = fs.readFileSync(schemaFile, "utf8");
  if (now === shipped || !/model Table\d+/.test(now)) throw new Error("the edits did not reach prisma/schema.prisma");
  console.log("ci-user-session: edited, migrated and seeded the project's own prisma/ through npm run app");
} finally {
  await browser?.close();
  stop();
}
