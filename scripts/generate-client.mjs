// Generates the Prisma Clients that Seed uses, one per database (a client is made for its
// provider): lib/data/generated/tutorial from lib/data/tutorial/schema.prisma (SQLite) and
// lib/data/generated/tutorial-postgresql from lib/data/tutorial/schema.postgresql.prisma.
// `prisma generate` never runs the schema engine, but the CLI looks for its binary, which
// cannot be downloaded offline: any existing file satisfies the check.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const clients = [
  ["lib/data/tutorial/schema.prisma", "lib/data/generated/tutorial/client.ts"],
  ["lib/data/tutorial/schema.postgresql.prisma", "lib/data/generated/tutorial-postgresql/client.ts"],
];
for (const [schema, output] of clients) {
  // Up to date already: the client is newer than its schema and than the installed packages.
  const client = path.join(root, output);
  const inputs = [path.join(root, schema), path.join(root, "node_modules", ".package-lock.json")];
  if (
    fs.existsSync(client) &&
    inputs.every((input) => !fs.existsSync(input) || fs.statSync(client).mtimeMs > fs.statSync(input).mtimeMs)
  ) {
    continue;
  }
  const result = spawnSync(process.execPath, [cli, "generate", "--schema", schema], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
  });
  if (result.status !== 0) {
    console.error(`${result.stdout ?? ""}${result.stderr ?? ""}prisma generate failed for ${schema}`);
    process.exit(result.status ?? 1);
  }
}
