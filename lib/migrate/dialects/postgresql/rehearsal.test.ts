import { afterAll, describe, expect, inject, test } from "vitest";
import { aMigrationList } from "../../../testing/migration-list";
import { pgQuery, testDatabases } from "../../../testing/pg-database";
import { applyPending } from "./history";
import { rehearsePostgres } from "./rehearsal";

/** Rehearsals on a real PostgreSQL server: what a revision would lose or fail on, and nothing left behind. */
const server = inject("postgresUrl");

const INIT = `CREATE TABLE "user_account" ("id" SERIAL PRIMARY KEY, "name" TEXT NOT NULL, "fullname" TEXT);
CREATE TABLE "address" ("id" SERIAL PRIMARY KEY, "email_address" TEXT NOT NULL, "user_id" INTEGER NOT NULL REFERENCES "user_account"("id") ON DELETE CASCADE);`;
const SEED = `INSERT INTO user_account (name, fullname) VALUES ('spongebob', 'Spongebob Squarepants'), ('sandy', 'Sandy Cheeks'), ('patrick', NULL);
INSERT INTO address (email_address, user_id) VALUES ('spongebob@sqlalchemy.org', 1), ('sandy@sqlalchemy.org', 2), ('sandy@squirrelpower.org', 2);`;

const folder = (...revisions: [string, string][]) => aMigrationList("postgresql", ...revisions);

describe.skipIf(!server)("rehearsals on PostgreSQL", () => {
  const scratch = testDatabases(server);
  afterAll(() => scratch.dropAll());

  async function seeded() {
    const url = await scratch.fresh();
    await applyPending(url, folder(["1_init", INIT]));
    await pgQuery(url, SEED);
    return url;
  }

  test("a revision that drops a table and a column reports each loss with its count, and changes nothing", async () => {
    const url = await seeded();
    const next = `-- DropTable\nDROP TABLE "address";\n-- AlterTable\nALTER TABLE "user_account" DROP COLUMN "fullname";`;
    const rehearsal = await rehearsePostgres(url, folder(["1_init", INIT], ["2_next", next]));
    expect(rehearsal).toEqual({
      ok: true,
      losses: [
        { kind: "column-dropped", table: "user_account", column: "fullname", rows: 2 },
        { kind: "table-dropped", table: "address", rows: 3 },
      ].sort((a, b) => (a.table < b.table ? -1 : 1)),
    });
    expect(await pgQuery(url, "SELECT count(*)::int AS n FROM address")).toEqual([{ n: 3 }]);
    expect(await pgQuery(url, "SELECT count(fullname)::int AS n FROM user_account")).toEqual([{ n: 2 }]);
  });

  test("a hand-written revision's UPDATE and DELETE are reported as values changed and rows deleted, as on SQLite", async () => {
    const url = await seeded();
    const next = `UPDATE "user_account" SET "fullname" = upper("fullname");\nDELETE FROM "address" WHERE "email_address" LIKE '%squirrelpower%';`;
    expect(await rehearsePostgres(url, folder(["1_init", INIT], ["2_by_hand", next]))).toEqual({
      ok: true,
      losses: [
        { kind: "rows-deleted", table: "address", rows: 1 },
        {
          kind: "values-changed",
          table: "user_account",
          column: "fullname",
          rows: 2,
          example: "Sandy Cheeks → SANDY CHEEKS",
        },
      ],
    });
    expect(await pgQuery(url, "SELECT fullname FROM user_account WHERE id = 1")).toEqual([{ fullname: "Spongebob Squarepants" }]);
  });

  test("in a multi-schema project, losses in every schema it names are reported, as schema.table outside the first", async () => {
    const url = await seeded();
    const auth = `CREATE SCHEMA "auth";\nCREATE TABLE "auth"."session" ("id" SERIAL PRIMARY KEY, "token" TEXT NOT NULL, "note" TEXT);`;
    await applyPending(url, folder(["1_init", INIT], ["2_auth", auth]));
    await pgQuery(url, `INSERT INTO auth.session (token, note) VALUES ('abc', 'x'), ('defg', NULL)`);
    const next = `ALTER TABLE "auth"."session" DROP COLUMN "note";\nALTER TABLE "auth"."session" ALTER COLUMN "token" TYPE INTEGER USING length("token");`;
    expect(
      await rehearsePostgres(url, folder(["1_init", INIT], ["2_auth", auth], ["3_next", next]), [], ["public", "auth"]),
    ).toEqual({
      ok: true,
      losses: [
        { kind: "column-dropped", table: "auth.session", column: "note", rows: 1 },
        { kind: "values-changed", table: "auth.session", column: "token", rows: 2, example: "abc → 3" },
      ],
    });
    expect(await pgQuery(url, "SELECT count(note)::int AS n FROM auth.session")).toEqual([{ n: 1 }]);
  });

  test("a renamed column is not a loss", async () => {
    const url = await seeded();
    const next = `ALTER TABLE "user_account" RENAME COLUMN "fullname" TO "full_name";`;
    const renames = [{ kind: "column" as const, table: "user_account", from: "fullname", to: "full_name" }];
    expect(await rehearsePostgres(url, folder(["1_init", INIT], ["2_next", next]), renames)).toEqual({ ok: true, losses: [] });
  });

  test("a statement PostgreSQL refuses is named, with the duplicates a unique constraint finds", async () => {
    const url = await seeded();
    const required = `-- AlterTable\nALTER TABLE "address" ADD COLUMN "verified" BOOLEAN;\n-- AlterTable\nALTER TABLE "user_account" ADD COLUMN "nickname" TEXT NOT NULL;`;
    expect(await rehearsePostgres(url, folder(["1_init", INIT], ["2_nickname", required]))).toMatchObject({
      ok: false,
      revision: "2_nickname",
      error: expect.stringContaining('column "nickname" of relation "user_account" contains null values'),
      statement: 'ALTER TABLE "user_account" ADD COLUMN "nickname" TEXT NOT NULL;',
    });
    const unique = `-- CreateIndex\nCREATE UNIQUE INDEX "address_user_id_key" ON "address"("user_id");`;
    expect(await rehearsePostgres(url, folder(["1_init", INIT], ["2_unique", unique]))).toMatchObject({
      ok: false,
      statement: 'CREATE UNIQUE INDEX "address_user_id_key" ON "address"("user_id");',
      duplicates: [{ values: "2", count: 2 }],
    });
    expect(
      await pgQuery(
        url,
        "SELECT to_regclass('address_user_id_key') AS i, (SELECT count(*)::int FROM information_schema.columns WHERE column_name IN ('nickname', 'verified')) AS c",
      ),
    ).toEqual([{ i: null, c: 0 }]);
  });

  test("values a type change casts into others are counted, with an example; a cast that keeps every value is not a loss", async () => {
    const url = await seeded();
    const measures = `CREATE TABLE "measure" ("id" SERIAL PRIMARY KEY, "score" DOUBLE PRECISION, "price" NUMERIC(10,2), "seen" TIMESTAMP(3), "code" TEXT);`;
    await applyPending(url, folder(["1_init", INIT], ["2_measures", measures]));
    await pgQuery(
      url,
      `INSERT INTO measure (score, price, seen, code) VALUES (3.5, 1.55, '2024-05-01 12:30:00', '12'), (4, 1.50, '2024-05-02 00:00:00', 'x'), (NULL, NULL, NULL, NULL)`,
    );
    const retype = `ALTER TABLE "measure" ALTER COLUMN "score" SET DATA TYPE INTEGER, ALTER COLUMN "price" SET DATA TYPE NUMERIC(10,1), ALTER COLUMN "seen" SET DATA TYPE DATE;
ALTER TABLE "measure" DROP COLUMN "code", ADD COLUMN "code" INTEGER;
ALTER TABLE "user_account" ALTER COLUMN "name" SET DATA TYPE VARCHAR(100);`;
    const rehearsal = await rehearsePostgres(url, folder(["1_init", INIT], ["2_measures", measures], ["3_retype", retype]));
    expect(rehearsal).toEqual({
      ok: true,
      losses: [
        { kind: "values-changed", table: "measure", column: "score", rows: 1, example: "3.5 → 4" },
        { kind: "values-changed", table: "measure", column: "price", rows: 1, example: "1.55 → 1.6" },
        { kind: "values-changed", table: "measure", column: "seen", rows: 2, example: "2024-05-01 12:30:00 → 2024-05-01" },
        { kind: "values-changed", table: "measure", column: "code", rows: 2, example: "12 → NULL" },
      ],
    });
    expect(await pgQuery(url, "SELECT score FROM measure WHERE id = 1")).toEqual([{ score: 3.5 }]);
  });
});
