import os from "node:os";
import { connectPostgres } from "../../../project/postgres";
import { engineErrorMessage, openEngineOn } from "../../engine";
import type { IntrospectedSchema } from "../../schema-sql";
import { postgresAdapterFactory } from "./adapter";

const BASE = 'datasource db {\n  provider = "postgresql"\n}\n';

/**
 * A Prisma schema for a live PostgreSQL database by the engine's introspection (what `prisma
 * db pull` runs), as a SQLite file is imported: with the views and triggers of its schema,
 * which the schema will not hold, named.
 */
export async function introspectPostgres(url: string): Promise<IntrospectedSchema> {
  const client = await connectPostgres(url);
  let views: string[];
  let triggers: string[];
  try {
    views = (
      await client.query<{ name: string }>("SELECT viewname AS name FROM pg_views WHERE schemaname = current_schema() ORDER BY 1")
    ).rows.map((r) => r.name);
    triggers = (
      await client.query<{ name: string }>(
        `SELECT t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
          WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace ORDER BY 1`,
      )
    ).rows.map((r) => r.name);
  } finally {
    await client.end();
  }
  const session = await openEngineOn(postgresAdapterFactory({ url }), { path: "schema.prisma", text: BASE });
  try {
    const result = await session.engine.introspect({
      schema: { files: [{ path: "schema.prisma", content: BASE }] },
      baseDirectoryPath: os.tmpdir(),
      force: true,
      compositeTypeDepth: -1,
      namespaces: null,
    });
    return { text: result.schema.files[0]?.content ?? BASE, warnings: result.warnings, views, triggers };
  } catch (error) {
    throw new Error(`The database could not be introspected: ${engineErrorMessage(error)}`);
  } finally {
    await session.close();
  }
}
