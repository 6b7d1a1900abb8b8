// node scripts/launch.cjs <cli> [args]: runs scripts/<cli>.ts (migrate, seed, serve) as a prebuilt
// CommonJS bundle with plain node, instead of tsx transpiling ~20 files on every start.
// node scripts/launch.cjs --build: (re)builds every bundle and the schema engine's code cache
// (npm run build does this).
//
// The bundle lives in dist/cli/ (not committed). Each start checks it against its inputs
// (size, mtime and inode of every file esbuild read, this file and tsconfig.json) and rebuilds
// it when any changed, so a fresh checkout, a git pull or an edit under lib/ needs no manual
// step. The bundle is compiled through a V8 code cache kept next to it (what Node 22's
// module.enableCompileCache does; Node 20 has none), named after the bundle's stamp (the
// bundle is replaced by a rename, so a new one always has a new inode).
//
// The migrate command also starts from a cache of the schema engine's compiled WebAssembly
// (see engineCache below).
"use strict";

const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");
const vm = require("node:vm");
const { withQueryCompilerCache } = require("./query-compiler-cache.cjs");

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "dist", "cli");
/** The headless commands run through a bundle: scripts/<name>.ts. */
const CLIS = ["migrate", "seed", "serve"];
/** Every bundle: the commands, and the work that fills the engine cache. */
const BUNDLES = [...CLIS, "engine-warmup"];
/** Files whose change means a rebuild besides what esbuild reads: the build options are here. */
const EXTRA_INPUTS = [__filename, path.join(__dirname, "query-compiler-cache.cjs"), path.join(ROOT, "tsconfig.json")];

const paths = (name) => ({
  entry: path.join(ROOT, "scripts", `${name}.ts`),
  bundle: path.join(OUT, `${name}.cjs`),
  manifest: path.join(OUT, `${name}.inputs.json`),
});

/** What identifies a file's version without reading it. */
const stampOf = (stat) => `${stat.size}:${stat.mtimeMs}:${stat.ino}`;

function stamp(file) {
  try {
    return stampOf(fs.statSync(file));
  } catch {
    return "missing";
  }
}

function isFresh(name) {
  const { bundle, manifest } = paths(name);
  let inputs;
  try {
    inputs = JSON.parse(fs.readFileSync(manifest, "utf8")).inputs;
  } catch {
    return false;
  }
  if (!fs.existsSync(bundle)) return false;
  return Object.entries(inputs).every(([file, recorded]) => stamp(path.resolve(ROOT, file)) === recorded);
}

/** Writes a file by renaming a temporary one over it: a concurrent start never reads half of it. */
function writeAtomic(file, content) {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, content);
  fs.renameSync(temp, file);
}

function build(name, { quiet = false } = {}) {
  // esbuild is a devDependency, as tsx (which runs on it) was for these commands.
  const esbuild = require("esbuild");
  const { entry, bundle, manifest } = paths(name);
  const result = esbuild.buildSync({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    // better-sqlite3 is a native addon; the wasm packages are loaded from node_modules at run
    // time (lib/migrate/engine.ts reads the .wasm next to its glue).
    // Prisma Client's query compiler (4.4 MB of base64 WebAssembly per database) stays in
    // node_modules, required from there by the one client that needs it: the seed's bundle
    // holds neither, instead of both, which every start read and compiled.
    external: [
      "better-sqlite3",
      "@prisma/schema-engine-wasm",
      "@prisma/prisma-schema-wasm",
      "@prisma/client/runtime/query_compiler_*.wasm-base64.mjs",
    ],
    // The generated Prisma Client (the seed's) asks import.meta.url for its folder: in a
    // CommonJS bundle that is the bundle's own URL.
    define: { "import.meta.url": "__bundleUrl" },
    banner: { js: 'var __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
    // See run(): the script has no import(), so dynamic imports (Prisma Client's of node:buffer)
    // become require(), which also loads ES modules since Node 20.19.
    supported: { "dynamic-import": false },

    // Identifiers kept: stack traces stay readable. No comments: the file is ASCII.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: "none",
    charset: "ascii",
    metafile: true,
    write: false,
    logLevel: quiet ? "silent" : "warning",
  });
  fs.mkdirSync(OUT, { recursive: true });
  for (const stale of fs.readdirSync(OUT)) {
    if (stale.startsWith(`${name}.`) && stale.endsWith(".v8cache")) fs.rmSync(path.join(OUT, stale), { force: true });
  }
  writeAtomic(bundle, result.outputFiles[0].contents);
  const inputs = {};
  for (const file of [...Object.keys(result.metafile.inputs).map((f) => path.resolve(ROOT, f)), ...EXTRA_INPUTS]) {
    inputs[path.relative(ROOT, file)] = stamp(file);
  }
  writeAtomic(manifest, `${JSON.stringify({ entry: path.relative(ROOT, entry), inputs }, null, 1)}\n`);
}

/** Runs the bundle as node would require it, but compiled through the code cache. */
function run(name) {
  const { bundle } = paths(name);
  // The stamp and the text from one descriptor: a concurrent rebuild renames a new file in.
  const fd = fs.openSync(bundle, "r");
  const cacheFile = path.join(OUT, `${name}.${stampOf(fs.fstatSync(fd)).replaceAll(":", "-")}.v8cache`);
  const source = fs.readFileSync(fd, "latin1"); // esbuild writes ASCII
  fs.closeSync(fd);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // No import() in here: Node 20 gives a vm.Script one only as an experimental feature, and
  // not at all when it comes from a code cache. The build turns import() into require().
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    // After the command ran, so the functions it compiled lazily are in the cache too.
    process.once("exit", () => {
      try {
        writeAtomic(cacheFile, script.createCachedData());
      } catch {
        // A read-only checkout runs without the cache.
      }
    });
  }
  const module = new Module(bundle, null);
  module.filename = bundle;
  module.paths = Module._nodeModulePaths(path.dirname(bundle));
  const bundleRequire = withQueryCompilerCache(Module.createRequire(bundle), OUT);
  script.runInThisContext()(module.exports, bundleRequire, module, bundle, path.dirname(bundle));
}

// The schema engine (5 MB of WebAssembly) is compiled by V8 in every process that loads it.
// Compiled on demand by V8's baseline compiler, Liftoff, it costs a short command about half
// of its own work (~55 ms of ~110 at the tutorial's size, measured), and Liftoff's code runs
// slower than optimized code. Node 20 has no cache for compiled WebAssembly, but V8 can
// serialize a module's code (the runtime functions %SerializeWasmModule and
// %DeserializeWasmModule, with --allow-natives-syntax). So once (npm run build, or the first
// migrate after Node or the engine changed) a child process runs scripts/engine-warmup.ts,
// every engine call the CLI makes, with each function compiled by the optimizing compiler
// (TurboFan) on its first call, and saves the code of the functions it called (~4 MB). Each
// migrate then starts from that code: at the tutorial's size ~40 ms from reading the cache to
// the last diff, where compiling with Liftoff took ~55 and its code ran the rest slower. A
// function the warm-up did not call is compiled on its first call.
//
// V8 trusts what it deserializes: a truncated or altered file, or one made for other wire
// bytes, crashes the process. So the cache is written by rename, is used only for the Node
// version, V8 flags and engine file (its stamp) it was made with, and is loaded only when its
// SHA-256 matches the manifest's. If V8 still refuses it, the engine is compiled (by TurboFan,
// the flags being set: slower, once) and the next command makes a new cache.
const ENGINE_MANIFEST = path.join(OUT, "schema-engine.json");
/** The handle lib/migrate/engine.ts asks for a compiled module. */
const ENGINE_HOOK = Symbol.for("schemaflow.compileSchemaEngine");

// How V8 compiles WebAssembly in these short commands (the long-running Next.js server does
// not go through here and keeps V8's defaults). Set before the first module is compiled.
// --liftoff-only: no tier-up to TurboFan. Hot functions are otherwise recompiled on
//   background threads, and the process then waits ~150 ms at exit for those jobs; on two
//   cores they also compete with the main thread.
// --wasm-lazy-validation: a function is validated when it is first compiled (V8 compiles
//   lazily already) instead of all of them up front: new WebAssembly.Module takes ~6 ms
//   instead of ~25 ms, and the functions a command never calls are never validated.
const WASM_FLAGS = "--liftoff-only --wasm-lazy-validation";
// With the engine cache: optimized code only (what the cache holds; no tier-up jobs either),
// compiled lazily. V8 refuses a cache made under other flags, so making and using it share
// these.
const CACHED_WASM_FLAGS = "--no-liftoff --wasm-lazy-compilation --wasm-lazy-validation --allow-natives-syntax";

/** The engine's .wasm, found as lib/migrate/engine.ts finds it. */
function engineWasm() {
  const glue = Module.createRequire(path.join(ROOT, "package.json")).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  return path.join(path.dirname(glue), "schema_engine_bg.wasm");
}

/** What a cache is made for: this Node, these flags, this engine file. */
function engineCacheKey(wasmPath = engineWasm()) {
  return { node: process.version, arch: process.arch, flags: CACHED_WASM_FLAGS, wasmPath, wasm: stamp(wasmPath) };
}

/** The cache's manifest when it was made for this process, else undefined. */
function engineCache() {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(ENGINE_MANIFEST, "utf8"));
  } catch {
    return undefined;
  }
  const key = engineCacheKey(manifest.wasmPath);
  return Object.entries(key).every(([field, value]) => manifest[field] === value) ? manifest : undefined;
}

const natives = (body, ...params) => {
  require("node:v8").setFlagsFromString(CACHED_WASM_FLAGS);
  return new Function(...params, body);
};

/**
 * Makes the cache in a child process (the flags are per process) and returns its manifest:
 * with `sha256` when it was made, else with `failed`, which is recorded too, so that commands
 * do not try again until the next build.
 */
function buildEngineCache() {
  const child = require("node:child_process").spawnSync(process.execPath, [__filename, "--engine-warmup"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  const made = engineCache();
  if (child.status === 0 && made?.sha256) return made;
  const failed = `the schema engine's code cache was not made (node scripts/launch.cjs --build): ${
    (child.stderr || child.error?.message || `exit ${child.status}`).trim().split("\n")[0]
  }; migrate compiles the engine on each start`;
  const manifest = { ...engineCacheKey(), failed };
  try {
    fs.mkdirSync(OUT, { recursive: true });
    writeAtomic(ENGINE_MANIFEST, `${JSON.stringify(manifest)}\n`);
  } catch {
    // A read-only checkout: the commands compile the engine, as without a cache.
  }
  return manifest;
}

/** The child of buildEngineCache: runs the warm-up, then saves the engine's code. */
function warmUpEngine() {
  const serialize = natives("return %SerializeWasmModule(module)", "module");
  let compiled;
  let key;
  globalThis[ENGINE_HOOK] = (wasmPath) => {
    key = engineCacheKey(wasmPath);
    return (compiled = new WebAssembly.Module(fs.readFileSync(wasmPath)));
  };
  process.once("exit", (code) => {
    if (code !== 0 || !compiled) return;
    const data = Buffer.from(serialize(compiled));
    const sha256 = require("node:crypto").createHash("sha256").update(data).digest("hex");
    // Named by its content: a command that read the previous manifest still finds its file.
    const file = `schema-engine.${sha256.slice(0, 16)}.wasmcache`;
    writeAtomic(path.join(OUT, file), data);
    writeAtomic(ENGINE_MANIFEST, `${JSON.stringify({ ...key, file, size: data.length, sha256 }, null, 1)}\n`);
    for (const stale of fs.readdirSync(OUT)) {
      if (/^schema-engine\..*\.wasmcache$/.test(stale) && stale !== file) fs.rmSync(path.join(OUT, stale), { force: true });
    }
  });
  run("engine-warmup");
}

/** SCHEMAFLOW_LAUNCH_DEBUG=1 tells on stderr how the engine was compiled. */
const debug = (line) => process.env.SCHEMAFLOW_LAUNCH_DEBUG && console.error(line);

/** Hands lib/migrate/engine.ts the engine compiled from the cache. */
function useEngineCache(manifest) {
  const deserialize = natives("return %DeserializeWasmModule(data, bytes)", "data", "bytes");
  globalThis[ENGINE_HOOK] = (wasmPath) => {
    const bytes = fs.readFileSync(wasmPath);
    let outcome = "engine file differs from the cache's, compiled";
    if (stamp(wasmPath) === manifest.wasm) {
      let data;
      try {
        data = fs.readFileSync(path.join(OUT, manifest.file));
      } catch {
        data = Buffer.alloc(0); // deleted: as altered
      }
      const intact =
        data.length === manifest.size &&
        require("node:crypto").createHash("sha256").update(data).digest("hex") === manifest.sha256;
      // The cache as an ArrayBuffer of its own (a copy only if readFileSync's is shared), the
      // wire bytes as a typed array (a Buffer is one).
      const own = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
      const module = intact ? deserialize(own ? data.buffer : new Uint8Array(data).buffer, bytes) : undefined;
      if (module instanceof WebAssembly.Module) {
        debug("schema engine: cached code");
        return module;
      }
      outcome = intact ? "cache refused by V8, compiled" : "cache altered, compiled";
      // Made again by the next command (where the checkout can be written).
      try {
        fs.rmSync(ENGINE_MANIFEST, { force: true });
      } catch {}
    }
    debug(`schema engine: ${outcome}`);
    return new WebAssembly.Module(bytes);
  };
}

const name = process.argv[2];
if (name === "--engine-warmup") {
  if (!isFresh(name.slice(2))) build(name.slice(2), { quiet: true });
  warmUpEngine();
} else if (name === "--build") {
  for (const bundle of BUNDLES) build(bundle);
  const engine = buildEngineCache();
  if (engine.failed) console.warn(`warning: ${engine.failed}`);
} else if (CLIS.includes(name)) {
  // The seed's Prisma Clients are part of its bundle: made (when out of date) before it is checked.
  if (name === "seed") require("./generate-client.cjs").ensureClients();
  if (!isFresh(name)) {
    try {
      build(name, { quiet: true });
    } catch (error) {
      console.error(`error: could not build the ${name} command (node scripts/launch.cjs --build):\n${error.message}`);
      process.exit(1);
    }
  }
  if (name === "migrate") {
    const cache = engineCache() ?? buildEngineCache();
    if (cache.sha256) useEngineCache(cache);
    else {
      debug("schema engine: no cache, compiled");
      require("node:v8").setFlagsFromString(WASM_FLAGS);
    }
  } else {
    require("node:v8").setFlagsFromString(WASM_FLAGS);
  }
  process.argv.splice(2, 1); // the command sees its own arguments, as under tsx
  run(name);
} else {
  console.error(`usage: node scripts/launch.cjs ${CLIS.join("|")} [arguments] | --build`);
  process.exit(1);
}
