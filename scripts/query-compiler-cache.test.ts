import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { afterEach, expect, test } from "vitest";

// The seed's bundle takes Prisma Client's query compiler from bytes kept in dist/cli/
// (scripts/query-compiler-cache.cjs); scripts/launch.test.ts runs the seed through it.
const { withQueryCompilerCache } = createRequire(import.meta.url)("./query-compiler-cache.cjs") as {
  withQueryCompilerCache: (base: NodeJS.Require, out: string) => NodeJS.Require;
};
const ID = "@prisma/client/runtime/query_compiler_fast_bg.sqlite.wasm-base64.mjs";
const base = createRequire(import.meta.url);
let out: string;
afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

test("the query compiler's bytes are kept on first load, served from there after, and made again when cut short", () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), "schemaflow-qc-"));
  const original = Buffer.from((base(ID) as { wasm: string }).wasm, "base64");
  const load = () => (withQueryCompilerCache(base, out)(ID) as { wasm: string | Buffer }).wasm;

  expect(Buffer.from(load() as string, "base64").equals(original)).toBe(true); // first: the module itself
  const [kept] = fs.readdirSync(out);
  expect(kept).toMatch(new RegExp(`^query_compiler_fast_bg_sqlite_.*\\.${original.length}\\.wasm$`));
  expect(Buffer.isBuffer(load()) && (load() as Buffer).equals(original)).toBe(true); // then: the kept bytes

  fs.truncateSync(path.join(out, kept), 1000);
  expect(Buffer.from(load() as string, "base64").equals(original)).toBe(true); // a cut file is not used...
  expect(fs.statSync(path.join(out, kept)).size).toBe(original.length); // ...and is made again
  // Anything else is required as it is.
  expect(withQueryCompilerCache(base, out)("node:path")).toBe(path);
});
