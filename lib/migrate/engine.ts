import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { unsafeNames, UnsafeNamesRefused } from "../schema/identifiers";
import { sqliteAdapterFactory } from "./dialects/sqlite/adapter";

/**
 * Prisma's schema engine (the Rust engine behind `prisma migrate`, compiled to WebAssembly)
 * running in this process, on SQLite (better-sqlite3) or PostgreSQL (pg): see dialects/.
 * The .wasm is compiled once per process; each session gets its own engine and connections
 * and closes them all when done.
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

export interface EngineSession {
  engine: SchemaEngine;
  /** Frees the engine and closes every connection it opened. */
  close(): Promise<void>;
}

/** The engine on the project's SQLite file. */
export function openEngine(databasePath: string, schema: { path: string; text: string }): Promise<EngineSession> {
  return openEngineOn(sqliteAdapterFactory(databasePath), schema);
}

/** The engine on the database `factory` connects to (lib/migrate/dialects/<database>/adapter). */
export async function openEngineOn(
  factory: SqlMigrationAwareDriverAdapterFactory & {
    /** What the session holds beyond its connections (a shadow database). */ release?(): Promise<void>;
  },
  schema: { path: string; text: string },
): Promise<EngineSession> {
  // A hand-edited file reaches the engine here too (npm run migrate): names that break SQL stop it.
  const unsafe = unsafeNames(schema.text);
  if (unsafe.length) throw new UnsafeNamesRefused(unsafe);
  // Once per process, synchronously (a 5 MB read, ~4 ms; read asynchronously it takes a dozen
  // round trips through the thread pool).
  engineClass ??= loadEngineClass();
  const Engine = engineClass;
  const opened: SqlDriverAdapter[] = [];
  // A connection that fails reaches the engine's caller as "External error id#0": keep ours.
  const failures: unknown[] = [];
  const remember = async (connect: () => Promise<SqlDriverAdapter>) => {
    try {
      const adapter = await connect();
      opened.push(adapter);
      return adapter;
    } catch (error) {
      failures.push(error);
      throw error;
    }
  };
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => remember(() => factory.connect()),
    connectToShadowDb: () => remember(() => factory.connectToShadowDb()),
  };
  const logs: string[] = [];
  let engine: SchemaEngine;
  try {
    engine = await Engine.new(
      { datamodels: [[schema.path, schema.text]] },
      (line: string) => logs.push(line),
      bindMigrationAwareSqlAdapterFactory(tracked),
    );
  } catch (error) {
    await Promise.all(opened.splice(0).map((adapter) => adapter.dispose()));
    await factory.release?.();
    throw failures.splice(0).at(-1) ?? error;
  }
  return {
    engine: withConnectionErrors(engine, failures),
    async close() {
      engine.free();
      await Promise.all(opened.splice(0).map((adapter) => adapter.dispose()));
      await factory.release?.();
    },
  };
}

/** The engine, whose failed calls say why a connection failed, when one did, rather than "External error". */
function withConnectionErrors(engine: SchemaEngine, failures: unknown[]): SchemaEngine {
  return new Proxy(engine, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.catch((error: unknown) => {
          throw failures.splice(0).at(-1) ?? error;
        });
      };
    },
  });
}

export { engineErrorMessage } from "./engine-error";
