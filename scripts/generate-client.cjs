// Generates the Prisma Clients that Seed uses, one per database (a client is made for its
// provider): lib/data/generated/tutorial from lib/data/tutorial/schema.prisma (SQLite) and
// lib/data/generated/tutorial-postgresql from lib/data/tutorial/schema.postgresql.prisma.
// `prisma generate` never runs the schema engine, but the CLI looks for its binary, which
// cannot be downloaded offline: any existing file satisfies the check.
//
// `npm run seed` calls ensureClients() in its own process (scripts/launch.cjs), where a separate
// `node` for an up-to-date check cost ~100 ms per seed.
"use strict";

const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const clients = [
  ["lib/data/tutorial/schema.prisma", "lib/data/generated/tutorial/client.ts"],
  ["lib/data/tutorial/schema.postgresql.prisma", "lib/data/generated/tutorial-postgresql/client.ts"],
];

/** Generates each client that is older than its schema or the installed packages; exits on failure. */
function ensureClients() {
  for (const [schema, output] of clients) generate(schema, output);
}

function generate(schema, output) {
  // Up to date already: the client is newer than its schema and than the installed packages.
  const client = path.join(root, output);
  const inputs = [path.join(root, schema), path.join(root, "node_modules", ".package-lock.json")];
  if (
    fs.existsSync(client) &&
    inputs.every((input) => !fs.existsSync(input) || fs.statSync(client).mtimeMs > fs.statSync(input).mtimeMs)
  ) {
    return;
  }
  const cli = require.resolve("prisma/build/index.js");
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

module.exports = { ensureClients };
if (require.main === module) ensureClients();
