// Starts the app as `npm start` does (scripts/serve.ts: `next start` on 127.0.0.1) on a fresh
// copy of the shipped project, so that browser tests never touch the repository's own prisma/
// folder and always begin from the tutorial schema.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const project = path.join(root, ".tmp", "e2e-project");
fs.rmSync(project, { recursive: true, force: true });
fs.mkdirSync(path.join(project, "prisma"), { recursive: true });
// The frozen tutorial schema, not the repository's prisma/schema.prisma, which the app rewrites.
fs.copyFileSync(path.join(root, "lib", "testing", "fixtures", "tutorial.prisma"), path.join(project, "prisma", "schema.prisma"));

const child = spawn(process.execPath, [path.join(root, "scripts", "launch.cjs"), "serve"], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    PORT: process.env.PORT ?? "3100",
    HOST: "",
    SCHEMAFLOW_TOKEN: "",
    SCHEMAFLOW_PROJECT: project,
    DATABASE_URL: "file:./prisma/dev.db",
    NEXT_TELEMETRY_DISABLED: "1",
  },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
