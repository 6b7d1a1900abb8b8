import { afterAll, describe, expect, inject, test } from "vitest";
import { aMigrationList } from "../../../testing/migration-list";
import { pgQuery, testDatabases } from "../../../testing/pg-database";
import { checksumOf, RevisionFailed } from "../../apply";
import { openEngineOn } from "../../engine";
import { postgresAdapterFactory } from "./adapter";
import { applyPending, PostgresMigrationLocked, readMigrationRows, withMigrationLock } from "./history";

/**
 * Applying revisions on a real PostgreSQL server, and Prisma's own engine reading the history
 * that was written: what `prisma migrate deploy` would see elsewhere.
 */
const server = inject("postgresUrl");
const FILTERS = { externalTables: [], externalEnums: [] };

const INIT = `CREATE TABLE "user_account" ("id" SERIAL NOT NULL, "name" TEXT NOT NULL, CONSTRAINT "user_account_pkey" PRIMARY KEY ("id"));`;
const ADD_FULLNAME = `ALTER TABLE "user_account" ADD COLUMN "fullname" TEXT;`;
const SCHEMA = `datasource db {\n  provider = "postgresql"\n}\n\nmodel User {\n  id       Int     @id @default(autoincrement())\n  name     String\n  fullname String?\n\n  @@map("user_account")\n}\n`;

const folder = (...revisions: [string, string][]) => aMigrationList("postgresql", ...revisions);

/** What Prisma's engine says of the folder against the database's history. */
async function diagnose(url: string, migrations: ReturnType<typeof folder>) {
  const session = await openEngineOn(postgresAdapterFactory({ url }), { path: "schema.prisma", text: SCHEMA });
  try {
    return await session.engine.diagnoseMigrationHistory({
      migrationsList: migrations,
      optInToShadowDatabase: true,
      filters: FILTERS,
    });
  } finally {
    await session.close();
  }
}

describe.skipIf(!server)("the migrations history on PostgreSQL", () => {
  const scratch = testDatabases(server);
  afterAll(() => scratch.dropAll());

  test("revisions apply in order, recorded as Prisma records them: its engine finds the history in step", async () => {
    const url = await scratch.fresh();
    const migrations = folder(["20260101000000_init", INIT], ["20260102000000_fullname", ADD_FULLNAME]);
    expect(await applyPending(url, folder(["20260101000000_init", INIT]))).toEqual(["20260101000000_init"]);
    expect(await applyPending(url, migrations)).toEqual(["20260102000000_fullname"]);
    expect(await applyPending(url, migrations)).toEqual([]);

    const rows = await readMigrationRows(url);
    expect(rows.map((r) => [r.migration_name, r.checksum, r.applied_steps_count, r.finished_at !== null])).toEqual([
      ["20260101000000_init", checksumOf(INIT), 1, true],
      ["20260102000000_fullname", checksumOf(ADD_FULLNAME), 1, true],
    ]);
    const diagnosis = await diagnose(url, migrations);
    expect(diagnosis).toMatchObject({
      history: null,
      failedMigrationNames: [],
      editedMigrationNames: [],
      hasMigrationsTable: true,
    });
  });

  test("a revision that fails leaves nothing behind, is recorded as failed, and applies once fixed", async () => {
    const url = await scratch.fresh();
    const broken = `CREATE TABLE "half" ("id" INTEGER);\nALTER TABLE "missing" ADD COLUMN "x" TEXT;`;
    await applyPending(url, folder(["20260101000000_init", INIT]));
    const failing = applyPending(url, folder(["20260101000000_init", INIT], ["20260102000000_half", broken]));
    await expect(failing).rejects.toThrow(RevisionFailed);
    await expect(failing).rejects.toThrow(
      /20260102000000_half did not apply, and the database is unchanged: relation "missing" does not exist/,
    );
    expect(await pgQuery(url, "SELECT to_regclass('half') AS t")).toEqual([{ t: null }]);
    const failed = folder(["20260101000000_init", INIT], ["20260102000000_half", broken]);
    expect((await diagnose(url, failed)).failedMigrationNames).toEqual(["20260102000000_half"]);

    const fixed = folder(["20260101000000_init", INIT], ["20260102000000_half", `CREATE TABLE "half" ("id" INTEGER);`]);
    expect(await applyPending(url, fixed)).toEqual(["20260102000000_half"]);
    const rows = await readMigrationRows(url);
    expect(
      rows
        .filter((r) => r.migration_name === "20260102000000_half")
        .map((r) => [r.rolled_back_at !== null, r.finished_at !== null]),
    ).toEqual([
      [true, false],
      [false, true],
    ]);
    expect((await diagnose(url, fixed)).failedMigrationNames).toEqual([]);
  });

  test("one migration at a time across processes: the second waits, then gives up naming the holder", async () => {
    const url = await scratch.fresh();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holderPid = 0;
    const holder = withMigrationLock(url, 1_000, async (client) => {
      holderPid = (await client.query("SELECT pg_backend_pid() AS pid")).rows[0].pid;
      await held;
    });
    await expect.poll(() => holderPid).toBeGreaterThan(0);
    const second = applyPending(url, folder(["20260101000000_init", INIT]), { waitMs: 300 });
    await expect(second).rejects.toThrow(PostgresMigrationLocked);
    await expect(second).rejects.toThrow(`server process ${holderPid}`);
    expect(await readMigrationRows(url)).toEqual([]);
    release();
    await holder;
    expect(await applyPending(url, folder(["20260101000000_init", INIT]), { waitMs: 300 })).toEqual(["20260101000000_init"]);
  });

  test("a server process killed in the middle of a revision: it rolls back whole, and the failure says so", async () => {
    const url = await scratch.fresh();
    const slow = `CREATE TABLE "first" ("id" INT);\nSELECT pg_sleep(30);\nCREATE TABLE "second" ("id" INT);`;
    const applying = applyPending(url, folder(["20260101000000_slow", slow]));
    const outcome = applying.then(
      () => undefined,
      (error: unknown) => error,
    );
    await expect
      .poll(
        async () =>
          (
            await pgQuery<{ n: number }>(
              server,
              "SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()",
            )
          )[0].n,
        { timeout: 10_000 },
      )
      .toBe(1);
    await pgQuery(
      server,
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()",
    );
    const error = await outcome;
    expect(error).toBeInstanceOf(RevisionFailed);
    expect((error as Error).message).toMatch(
      /20260101000000_slow did not apply, and the database is unchanged: the connection to the PostgreSQL server was lost/,
    );
    expect(
      await pgQuery(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('first', 'second')"),
    ).toEqual([]);
    expect(await readMigrationRows(url)).toEqual([]);
    expect(await applyPending(url, folder(["20260101000000_init", INIT]))).toEqual(["20260101000000_init"]);
  });
});
