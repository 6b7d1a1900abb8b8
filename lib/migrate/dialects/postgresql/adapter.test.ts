import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { tutorialSchema } from "../../../testing/tutorial-schema";
import { openEngineOn } from "../../engine";
import { postgresAdapterFactory, type PostgresTarget } from "./adapter";
import { aMigrationList } from "../../../testing/migration-list";
import { pgQuery, testDatabases } from "../../../testing/pg-database";

/**
 * Prisma's schema engine on a real PostgreSQL server (the test run's own, lib/testing/pg-server),
 * through adapter-pg and the fixes of ./adapter: each of the four faults it fixes is one test.
 */
const server = inject("postgresUrl");
const FILTERS = { externalTables: [], externalEnums: [] };
const SCHEMA = tutorialSchema().replace('provider = "sqlite"', 'provider = "postgresql"');

const query = pgQuery;

const databaseNames = async () =>
  (await query<{ datname: string }>(server, "SELECT datname FROM pg_database")).map((d) => d.datname).sort();

/** A migrations folder of one revision. */
const migrations = (sql: string) => aMigrationList("postgresql", ["20260101000000_init", sql]);

async function withEngine<T>(
  target: PostgresTarget,
  work: (engine: Awaited<ReturnType<typeof openEngineOn>>["engine"]) => Promise<T>,
) {
  const session = await openEngineOn(postgresAdapterFactory(target), { path: "schema.prisma", text: SCHEMA });
  try {
    return await work(session.engine);
  } finally {
    await session.close();
  }
}

/** The engine's script from a folder of one revision (`sql`, replayed on the shadow) to nothing. */
const dropAll = (engine: Awaited<ReturnType<typeof openEngineOn>>["engine"], sql: string) =>
  engine.diff({
    from: { tag: "migrations", ...migrations(sql) },
    to: { tag: "empty" },
    script: true,
    exitCode: null,
    filters: FILTERS,
  });

describe.skipIf(!server)("the schema engine on PostgreSQL", () => {
  let target: PostgresTarget;
  const scratch = testDatabases(server);
  const freshDatabase = () => scratch.fresh();
  beforeAll(async () => {
    target = { url: await freshDatabase() };
  });
  afterAll(() => scratch.dropAll());

  test("the tutorial's first revision, applied in one transaction, leaves no drift and no shadow database behind", async () => {
    const before = await databaseNames();
    const init = await withEngine(target, (engine) =>
      engine.diff({
        from: { tag: "empty" },
        to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: SCHEMA }] },
        script: true,
        exitCode: null,
        filters: FILTERS,
      }),
    );
    const sql = init.stdout ?? "";
    expect(sql).toContain('CREATE TABLE "user_account"');
    expect(sql).toMatch(/FOREIGN KEY \("user_id"\) REFERENCES "user_account"\("id"\) ON DELETE CASCADE/);
    await query(target.url, `BEGIN;\n${sql}\nCOMMIT;`);

    // The migrations replayed on a shadow database, then compared with the live one: this reads
    // pg_catalog's "char" columns (fault 1) and uses our shadow database (faults 2 and 3).
    const drift = await withEngine(target, (engine) =>
      engine.diff({
        from: { tag: "migrations", ...migrations(sql) },
        to: {
          tag: "schemaDatasource",
          configDir: "/nowhere",
          files: [{ path: "schema.prisma", content: 'datasource db {\n  provider = "postgresql"\n}\n' }],
        },
        script: true,
        exitCode: true,
        filters: FILTERS,
      }),
    );
    expect(drift.exitCode).toBe(0);
    expect(await databaseNames()).toEqual(before);
  });

  test("a session's diffs share one throwaway shadow database, wiped between them, dropped when it closes", async () => {
    const shadows = async () => (await databaseNames()).filter((name) => name.startsWith("schemaflow_shadow_"));
    const before = await shadows();
    const table = (name: string) => `CREATE TABLE "${name}" ("id" INTEGER PRIMARY KEY);`;
    const seen: string[][] = [];
    await withEngine(target, async (engine) => {
      expect((await dropAll(engine, table("first"))).stdout).toContain('DROP TABLE "public"."first"');
      seen.push(await shadows());
      // The second replay starts from nothing: the first's table is not in it.
      const second = (await dropAll(engine, table("second"))).stdout ?? "";
      expect(second).toContain('DROP TABLE "public"."second"');
      expect(second).not.toContain('"first"');
      seen.push(await shadows());
    });
    expect(seen[0]).toHaveLength(before.length + 1);
    expect(seen[1]).toEqual(seen[0]);
    expect(await shadows()).toEqual(before);
  });

  test("a migration with a dollar-quoted function body and a ';' in a literal replays whole (fault 4)", async () => {
    const url = await freshDatabase();
    const sql = [
      `CREATE TABLE "note" ("id" SERIAL PRIMARY KEY, "body" TEXT NOT NULL DEFAULT 'a;b');`,
      `CREATE FUNCTION touch() RETURNS trigger AS $$ BEGIN NEW.body := NEW.body || ';'; RETURN NEW; END; $$ LANGUAGE plpgsql;`,
    ].join("\n");
    const result = await withEngine({ url }, (engine) => dropAll(engine, sql));
    expect(result.stdout).toContain(`DROP TABLE "public"."note"`);
  });

  test("a configured shadow database is wiped before use: schemas and extensions left in it are gone", async () => {
    const shadowUrl = await freshDatabase();
    await query(
      shadowUrl,
      'CREATE EXTENSION citext; CREATE SCHEMA leftover; CREATE TABLE leftover.t (id int); CREATE TABLE "user_account" (x int);',
    );
    const sql = `CREATE TABLE "a" ("id" INTEGER NOT NULL, CONSTRAINT "a_pkey" PRIMARY KEY ("id"));`;
    const result = await withEngine({ url: target.url, shadowUrl }, (engine) =>
      engine.diff({
        from: { tag: "migrations", ...migrations(sql) },
        to: { tag: "empty" },
        script: true,
        exitCode: null,
        filters: FILTERS,
      }),
    );
    expect(result.stdout).toContain(`DROP TABLE "public"."a"`);
    expect(await query(shadowUrl, "SELECT nspname FROM pg_namespace WHERE nspname = 'leftover'")).toEqual([]);
    expect(await query(shadowUrl, "SELECT extname FROM pg_extension WHERE extname = 'citext'")).toEqual([]);
  });

  test("a role that may not create databases is told to give it CREATEDB or set a shadow database", async () => {
    await query(server, "DO $$ BEGIN CREATE ROLE plain LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;");
    const url = new URL(target.url);
    url.username = "plain";
    const refused = withEngine({ url: url.toString() }, (engine) =>
      engine.diff({
        from: { tag: "migrations", ...migrations("SELECT 1;") },
        to: { tag: "empty" },
        script: true,
        exitCode: null,
        filters: FILTERS,
      }),
    );
    await expect(refused).rejects.toThrow(/give it CREATEDB, or set SHADOW_DATABASE_URL/);
  });
});
