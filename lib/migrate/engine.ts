import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { unsafeNames, UnsafeNamesRefused } from "../schema/identifiers";

/**
 * Prisma's schema engine (the Rust engine behind `prisma migrate`, compiled to WebAssembly)
 * running in this process on better-sqlite3. The .wasm is compiled once per process; each
 * session gets its own engine and connections and closes them all when done.
 */

type EngineClass = typeof SchemaEngine;
let engineClass: EngineClass | undefined;

/**
 * The CLI's launcher (scripts/launch.cjs) compiles the engine from code it cached in an
 * earlier process; everywhere else V8 compiles the file.
 */
type CompileEngine = (wasmPath: string) => WebAssembly.Module;
const compileFile: CompileEngine = (wasmPath) => new WebAssembly.Module(fs.readFileSync(wasmPath));
const launcherCompile = () =>
  (globalThis as Record<symbol, CompileEngine | undefined>)[Symbol.for("schemaflow.compileSchemaEngine")];

function loadEngineClass(): EngineClass {
  const require = createRequire(path.join(/*turbopackIgnore: true*/ process.cwd(), "package.json"));
  const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  // The glue is an ES module; require() loads one since Node 20.19, the same way in the
  // server, the tests and the CLI's bundle (whose code-cached script has no import()).
  const bg = require(/*turbopackIgnore: true*/ /* webpackIgnore: true */ gluePath);
  const module = (launcherCompile() ?? compileFile)(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
  const instance = new WebAssembly.Instance(module, { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  return bg.SchemaEngine as EngineClass;
}

/**
 * better-sqlite3's `executeRaw` runs one statement; the engine replays whole migration
 * scripts into the shadow database through it. Multi-statement SQL goes to executeScript.
 */
function withScriptFallback(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (query.args.length > 0 || !/more than one statement/.test(engineErrorMessage(error))) throw error;
      await adapter.executeScript(query.sql);
      return 0;
    }
  };
  return adapter;
}

export interface EngineSession {
  engine: SchemaEngine;
  /** Frees the engine and closes every connection it opened. */
  close(): Promise<void>;
}

export async function openEngine(databasePath: string, schema: { path: string; text: string }): Promise<EngineSession> {
  // A hand-edited file reaches the engine here too (npm run migrate): names that break SQL stop it.
  const unsafe = unsafeNames(schema.text);
  if (unsafe.length) throw new UnsafeNamesRefused(unsafe);
  // Once per process, synchronously (a 5 MB read, ~4 ms; read asynchronously it takes a dozen
  // round trips through the thread pool).
  engineClass ??= loadEngineClass();
  const Engine = engineClass;
  const factory = new PrismaBetterSqlite3({ url: `file:${databasePath}` });
  const opened: SqlDriverAdapter[] = [];
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      opened.push(adapter);
      return adapter;
    },
    async connectToShadowDb() {
      const adapter = withScriptFallback(await factory.connectToShadowDb());
      opened.push(adapter);
      return adapter;
    },
  };
  const logs: string[] = [];
  const engine = await Engine.new(
    { datamodels: [[schema.path, schema.text]] },
    (line: string) => logs.push(line),
    bindMigrationAwareSqlAdapterFactory(tracked),
  );
  return {
    engine,
    async close() {
      engine.free();
      await Promise.all(opened.splice(0).map((adapter) => adapter.dispose()));
    },
  };
}

/** The engine's errors arrive as objects or JSON; this gives the sentence a person reads. */
export function engineErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "string") return error;
  const record = error as { message?: string; error?: string } | null;
  return record?.message ?? record?.error ?? JSON.stringify(error);
}
