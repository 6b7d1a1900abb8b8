// npm test: every test the project has, in the order CI runs them:
// unit + integration (vitest, real engine and SQLite files), then a production build,
// then the browser tests (Playwright driving Debian's Chromium against `next start`).
// Ends with one line: "N passed, N failed".
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const reports = path.join(root, ".tmp", "reports");
fs.mkdirSync(reports, { recursive: true });
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const run = (command, args, env = {}) =>
  spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } })
    .status ?? 1;

let passed = 0;
let failed = 0;
const steps = [];

const generated = run(process.execPath, ["scripts/generate-client.cjs"]);
steps.push(["prisma generate", generated]);

const vitestReport = path.join(reports, "vitest.json");
fs.rmSync(vitestReport, { force: true });
const vitest = run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`]);
steps.push(["vitest", vitest]);
if (fs.existsSync(vitestReport)) {
  const report = JSON.parse(fs.readFileSync(vitestReport, "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
} else failed++;

const build = run(bin("next"), ["build"]);
steps.push(["next build", build]);
if (build === 0) {
  const playwrightReport = path.join(reports, "playwright.json");
  fs.rmSync(playwrightReport, { force: true });
  const e2e = run(bin("playwright"), ["test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport });
  steps.push(["playwright", e2e]);
  if (fs.existsSync(playwrightReport)) {
    const stats = JSON.parse(fs.readFileSync(playwrightReport, "utf8")).stats;
    passed += stats.expected + (stats.flaky ?? 0);
    failed += stats.unexpected;
    if (stats.flaky) console.log(`${stats.flaky} browser test(s) passed only on retry (flaky): see the list above`);
  } else failed++;
} else failed++;

for (const [name, status] of steps) if (status !== 0) console.error(`${name} failed (exit ${status})`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(steps.every(([, status]) => status === 0) && failed === 0 ? 0 : 1);
