import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { engineErrorMessage } from "../../engine-error";

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

/** What the engine connects through on SQLite: the database file, and an in-memory shadow. */
export function sqliteAdapterFactory(databasePath: string): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaBetterSqlite3({ url: `file:${databasePath}` });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => factory.connect(),
    connectToShadowDb: async () => withScriptFallback(await factory.connectToShadowDb()),
  };
}
