import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQueryable,
  Transaction,
} from "@prisma/driver-adapter-utils";
import pg from "pg";
import { connectPostgres } from "../../../project/postgres";
import { quoteIdentifier } from "../../../schema/identifiers";

/**
 * Prisma's schema engine on a PostgreSQL server: @prisma/adapter-pg, with the four faults of
 * its 7.10 release fixed here (../shared/DESIGN.md, "PostgreSQL: checked facts"):
 * 1. it cannot read a `"char"` column (OID 18, all over pg_catalog), which every diff from
 *    migrations and every introspection reads: such columns are read as text;
 * 2. its shadow database is unsafe (a connection string makes it the main database; its
 *    cleanup leaves databases behind): the shadow is ours (see postgresAdapterFactory);
 * 3. the engine disposes the shadow itself, sometimes twice: disposing is idempotent;
 * 4. it splits scripts on every `;` (dollar-quoted bodies and `'a;b'` literals break, each piece
 *    commits alone): a script goes to the server whole.
 */

export interface PostgresTarget {
  /** postgresql://user@host:port/database */
  url: string;
  /**
   * A database the engine may wipe and use as its shadow. Without one, the engine's shadow is
   * a database created for the occasion and dropped after (the role needs CREATEDB).
   */
  shadowUrl?: string;
}

const CHAR_OID = 18;
const TEXT_OID = 25;

type PerformIO = (query: unknown) => Promise<{ fields: { dataTypeID: number }[] }>;

/** Fix 1: `"char"` columns read as text, in the adapter's queries and in its transactions'. */
function readCharAsText<T extends SqlQueryable>(queryable: T): T {
  const inner = queryable as unknown as { performIO: PerformIO };
  const performIO = inner.performIO.bind(inner);
  inner.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    return result;
  };
  return queryable;
}

/** Fixes 1, 3 and 4 on one connection. */
function fixed(adapter: SqlDriverAdapter): SqlDriverAdapter {
  readCharAsText(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolation) => readCharAsText<Transaction>(await startTransaction(isolation));
  const pool = (adapter as unknown as { underlyingDriver(): pg.Pool }).underlyingDriver();
  const onError = (adapter as unknown as { onError(error: unknown): never }).onError.bind(adapter);
  adapter.executeScript = async (script) => {
    try {
      await pool.query(script);
    } catch (error) {
      onError(error);
    }
  };
  const dispose = adapter.dispose.bind(adapter);
  let disposed: Promise<void> | undefined;
  adapter.dispose = () => (disposed ??= dispose());
  return adapter;
}

/** The same server and credentials, another database. */
export function databaseUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** Everything a configured shadow database holds, gone: every schema but the system's, every extension. */
async function wipe(url: string): Promise<void> {
  const client = await connectPostgres(url);
  try {
    const { rows } = await client.query<{ name: string }>(
      "SELECT nspname AS name FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'",
    );
    const extensions = await client.query<{ name: string }>(
      "SELECT extname AS name FROM pg_extension WHERE extname <> 'plpgsql'",
    );
    await client.query(
      [
        ...extensions.rows.map((e) => `DROP EXTENSION IF EXISTS ${quoteIdentifier(e.name)} CASCADE;`),
        ...rows.map((s) => `DROP SCHEMA IF EXISTS ${quoteIdentifier(s.name)} CASCADE;`),
        "CREATE SCHEMA public;",
      ].join("\n"),
    );
  } finally {
    await client.end();
  }
}

/**
 * Fix 2: the throwaway shadow database, created with a name of its own, dropped by `drop`.
 * (A configured one is wiped before each use instead: see postgresAdapterFactory.)
 */
async function createShadowDatabase(target: PostgresTarget): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `schemaflow_shadow_${randomUUID().replaceAll("-", "")}`;
  const admin = await connectPostgres(target.url);
  try {
    await admin.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
  } catch (error) {
    await admin.end();
    throw new Error(
      `The migrations are replayed on a shadow database, and this role may not create one (${(error as Error).message}): give it CREATEDB, or set SHADOW_DATABASE_URL to a database it may wipe.`,
    );
  }
  return {
    url: databaseUrl(target.url, name),
    drop: async () => {
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}

/**
 * What the engine connects through on PostgreSQL: the database, and a shadow when it asks for
 * one. A revision asks twice (its diff and its down.sql's): one throwaway database serves the
 * session, wiped between uses (a second CREATE DATABASE cost ~140 ms), and is dropped by
 * `release` when the session closes (lib/migrate/engine).
 */
export function postgresAdapterFactory(
  target: PostgresTarget,
): SqlMigrationAwareDriverAdapterFactory & { release(): Promise<void> } {
  const main = new PrismaPg({ connectionString: target.url });
  let throwaway: Promise<{ url: string; drop: () => Promise<void> }> | undefined;
  const shadowUrl = async () => {
    if (target.shadowUrl) {
      await wipe(target.shadowUrl);
      return target.shadowUrl;
    }
    if (throwaway) {
      const { url } = await throwaway;
      await wipe(url);
      return url;
    }
    throwaway = createShadowDatabase(target);
    throwaway.catch(() => (throwaway = undefined));
    return (await throwaway).url;
  };
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    async connect() {
      // The pool connects lazily, inside the engine, whose error would say "External error": try first.
      await (await connectPostgres(target.url)).end();
      return fixed(await main.connect());
    },
    async connectToShadowDb() {
      return fixed(await new PrismaPg({ connectionString: await shadowUrl() }).connect());
    },
    async release() {
      const shadow = await throwaway?.catch(() => undefined);
      throwaway = undefined;
      await shadow?.drop();
    },
  };
}
