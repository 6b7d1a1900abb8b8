// Prisma Client's query compiler ships as an ES module that exports its WebAssembly as a
// base64 string (4.4 MB of source per database). Loading it (reading, parsing, evaluating)
// cost the seed ~120 ms of its ~600 on every start. The CLI bundles leave it in node_modules
// (scripts/launch.cjs), and this require hook serves it from the raw bytes instead, kept in
// dist/cli/ after the first load (~17 ms to read). They are handed over as a Buffer, not
// as base64 (encoding 3.3 MB costs ~30 ms, and the client's decoding ~17 more): the generated
// client reads the export with Buffer.from(wasm, "base64"), which takes a Buffer as it is.
//
// The bytes are named after the module file's stamp (a new @prisma/client makes new ones)
// and their own length, checked on reading: a file cut short is made again, never compiled.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const QUERY_COMPILER = /^@prisma\/client\/runtime\/(query_compiler_\w+\.\w+)\.wasm-base64\.mjs$/;

/** The kept bytes, when they are whole; undefined when there are none yet. */
function readKept(out, prefix) {
  try {
    const file = fs.readdirSync(out).find((f) => f.startsWith(`${prefix}.`) && f.endsWith(".wasm"));
    if (!file) return undefined;
    const bytes = fs.readFileSync(path.join(out, file));
    return bytes.length === Number(file.slice(prefix.length + 1, -".wasm".length)) ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the bytes, in place of those of an earlier @prisma/client (`family`: which compiler). */
function keep(out, family, prefix, bytes) {
  try {
    for (const stale of fs.readdirSync(out)) {
      if (stale.startsWith(family) && stale.endsWith(".wasm")) fs.rmSync(path.join(out, stale), { force: true });
    }
  } catch {
    // nothing to clear
  }
  try {
    const file = path.join(out, `${prefix}.${bytes.length}.wasm`);
    fs.writeFileSync(`${file}.${process.pid}.tmp`, bytes);
    fs.renameSync(`${file}.${process.pid}.tmp`, file); // whole or not at all for a concurrent start
  } catch {
    // A read-only checkout loads the module every time.
  }
}

/** `require` for a bundle, with Prisma Client's query compiler served from `out`. */
function withQueryCompilerCache(baseRequire, out) {
  const load = (id) => {
    const match = QUERY_COMPILER.exec(id);
    if (!match) return baseRequire(id);
    const family = `${match[1].replaceAll(".", "_")}_`;
    let prefix;
    try {
      const stat = fs.statSync(baseRequire.resolve(id));
      prefix = `${family}${stat.size}-${Math.round(stat.mtimeMs)}-${stat.ino}`;
    } catch {
      return baseRequire(id);
    }
    const kept = readKept(out, prefix);
    if (kept) return { wasm: kept };
    const module = baseRequire(id);
    keep(out, family, prefix, Buffer.from(module.wasm, "base64"));
    return module;
  };
  return Object.assign(load, { resolve: baseRequire.resolve, cache: baseRequire.cache, main: baseRequire.main });
}

module.exports = { withQueryCompilerCache };
