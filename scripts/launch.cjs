// node scripts/launch.cjs <cli> [args]: runs scripts/<cli>.ts (today: migrate) as a prebuilt
// CommonJS bundle with plain node, instead of tsx transpiling ~20 files on every start.
// node scripts/launch.cjs --build: (re)builds every bundle (npm run build does this).
//
// The bundle lives in dist/cli/ (not committed). Each start checks it against its inputs
// (size, mtime and inode of every file esbuild read, this file and tsconfig.json) and rebuilds
// it when any changed, so a fresh checkout, a git pull or an edit under lib/ needs no manual
// step. The bundle is compiled through a V8 code cache kept next to it (what Node 22's
// module.enableCompileCache does; Node 20 has none), named after the bundle's stamp (the
// bundle is replaced by a rename, so a new one always has a new inode).
"use strict";

// How V8 compiles the schema engine (5 MB of WebAssembly) for one short command. Set before
// the first WebAssembly.Module is compiled; the long-running Next.js server does not go
// through here and keeps V8's defaults.
// --liftoff-only: no tier-up to TurboFan. Hot functions are otherwise recompiled on
//   background threads, and the process then waits ~150 ms at exit for those jobs; on two
//   cores they also compete with the main thread. Liftoff's code is faster end to end for a
//   command, from the tutorial to 500 tables.
// --wasm-lazy-validation: a function is validated when it is first compiled (V8 compiles
//   lazily already) instead of all of them up front: new WebAssembly.Module takes ~6 ms
//   instead of ~25 ms, and the functions a command never calls are never validated.
require("node:v8").setFlagsFromString("--liftoff-only --wasm-lazy-validation");

const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");
const vm = require("node:vm");

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "dist", "cli");
/** The headless commands run through a bundle: scripts/<name>.ts. */
const CLIS = ["migrate", "seed"];
/** Files whose change means a rebuild besides what esbuild reads: the build options are here. */
const EXTRA_INPUTS = [__filename, path.join(ROOT, "tsconfig.json")];

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
    external: ["better-sqlite3", "@prisma/schema-engine-wasm", "@prisma/prisma-schema-wasm"],
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
  script.runInThisContext()(module.exports, Module.createRequire(bundle), module, bundle, path.dirname(bundle));
}

const name = process.argv[2];
if (name === "--build") {
  for (const cli of CLIS) build(cli);
} else if (CLIS.includes(name)) {
  if (!isFresh(name)) {
    try {
      build(name, { quiet: true });
    } catch (error) {
      console.error(`error: could not build the ${name} command (node scripts/launch.cjs --build):\n${error.message}`);
      process.exit(1);
    }
  }
  process.argv.splice(2, 1); // the command sees its own arguments, as under tsx
  run(name);
} else {
  console.error(`usage: node scripts/launch.cjs ${CLIS.join("|")} [arguments] | --build`);
  process.exit(1);
}
