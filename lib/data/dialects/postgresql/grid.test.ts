import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { readAllPages } from "../../../testing/grid-pages";
import { applyRevision } from "../../../migrate/revision";
import { projectAt, type Project } from "../../../project/project";
import { parseSchemaFile } from "../../../schema/parse-file";
import type { SchemaGraph } from "../../../schema/graph";
import { pgQuery, testDatabases } from "../../../testing/pg-database";
import { removeProject, tempProject } from "../../../testing/temp-project";
import { tutorialSchema } from "../../../testing/tutorial-schema";
import type { Filter } from "../../filters";
import { backReferences, countRows, deleteRows, exportRows, insertRow, readRows, updateCell } from "../../rows";
import { seedTutorial } from "../../seed";
import { listTables } from "../../tables";
import { MULTI_SCHEMA } from "../../../testing/multi-schema";

/**
 * The data grid on a real PostgreSQL server: the same queries as on SQLite (lib/data/rows.test),
 * through pg, on a database the real engine migrated, with PostgreSQL's own kinds of column
 * (arrays, jsonb, uuid, numeric, timestamptz, native enums) and a table without a primary key.
 */
const server = inject("postgresUrl");

const KINDS_SCHEMA = `datasource db {
  provider = "postgresql"
}

enum Role {
  ADMIN
  MEMBER @map("member")
}

model Team {
  id      String   @id @default(uuid()) @db.Uuid
  name    String   @unique
  members Member[]
}

model Member {
  id      Int      @id @default(autoincrement())
  nick    String   @db.VarChar(10)
  role    Role     @default(MEMBER)
  roles   Role[]
  tags    String[]
  scores  Int[]
  visits  BigInt?
  balance Decimal? @db.Decimal(20, 2)
  active  Boolean  @default(true)
  joined  DateTime @default(now()) @db.Timestamptz(3)
  touched DateTime @updatedAt
  profile Json?
  avatar  Bytes?
  team_id String   @db.Uuid
  team    Team     @relation(fields: [team_id], references: [id], onDelete: Restrict)
  notes   Note[]
}

model Note {
  id        Int     @id @default(autoincrement())
  member_id Int?
  member    Member? @relation(fields: [member_id], references: [id], onDelete: SetNull)
}

/// No primary key: rows are named by ctid.
model Tag {
  label String  @unique
  note  String?
}
`;

describe.skipIf(!server)("the data grid on PostgreSQL", () => {
  const scratch = testDatabases(server);
  const made: Project[] = [];
  afterAll(async () => {
    made.forEach(removeProject);
    await scratch.dropAll();
  });

  async function migrated(schema: string): Promise<{ project: Project; graph: SchemaGraph }> {
    const project = projectAt(tempProject(schema).root, await scratch.fresh());
    made.push(project);
    await applyRevision(project, { name: "init" });
    // Read as the app reads it for the grid (lib/project/schema-store), its settings too (`schemas`).
    return { project, graph: parseSchemaFile(schema) };
  }

  test("every schema the project names is in the grid: tables outside the first as schema.table, a relation across them", async () => {
    const { project, graph } = await migrated(MULTI_SCHEMA);
    await pgQuery(project.databaseUrl, `INSERT INTO "Account" (name) VALUES ('spongebob')`);
    await pgQuery(project.databaseUrl, `INSERT INTO auth."Session" (token, account_id) VALUES ('t1', 1), ('t2', 1)`);
    expect(await listTables(project, graph)).toEqual([
      { name: "auth.Session", rowCount: 2, model: "Session" },
      { name: "Account", rowCount: 1, model: "Account" },
    ]);
    const page = await readRows(project, graph, {
      table: "auth.Session",
      sort: { column: "token", direction: "desc" },
      limit: 5,
    });
    expect(page.rows.map((r) => r.values.token)).toEqual(["t2", "t1"]);
    const [account] = (await readRows(project, graph, { table: "Account", limit: 5 })).rows;
    expect(await backReferences(project, graph, { table: "Account", key: account.key })).toMatchObject([
      { table: "auth.Session", count: 2 },
    ]);
  });

  describe("the tutorial's tables", () => {
    let project: Project;
    let graph: SchemaGraph;
    beforeAll(async () => {
      ({ project, graph } = await migrated(tutorialSchema().replace('provider = "sqlite"', 'provider = "postgresql"')));
      await seedTutorial(project);
    });

    test("tables are listed with their counts; pages continue from a cursor either way, NULLs included", async () => {
      expect(await listTables(project, graph)).toEqual([
        { name: "address", rowCount: 3, model: "Address" },
        { name: "user_account", rowCount: 3, model: "User" },
      ]);
      const gary = await insertRow(project, graph, { table: "user_account", values: { name: "gary" } });
      expect(gary.values.fullname).toBeNull();
      const all = (direction: "asc" | "desc", limit: number) =>
        readAllPages(project, graph, { table: "user_account", sort: { column: "fullname", direction }, limit }, "name");
      // PostgreSQL sorts NULLs last ascending, first descending (so an index serves the order); a page boundary on either side loses nothing.
      for (const limit of [1, 2, 3]) {
        expect(await all("desc", limit)).toEqual(["gary", "spongebob", "sandy", "patrick"]);
        expect(await all("asc", limit)).toEqual(["patrick", "sandy", "spongebob", "gary"]);
      }
      await deleteRows(project, graph, { table: "user_account", keys: [gary.key] }, { commit: true });
    });

    test("filters are bound values: text matched as written, never as SQL or a wildcard", async () => {
      const names = async (filters: Filter[]) =>
        (await readRows(project, graph, { table: "user_account", filters, limit: 50 })).rows.map((r) => r.values.name);
      expect(await names([{ column: "name", op: "contains", value: "AND" }])).toEqual([]);
      expect(await names([{ column: "fullname", op: "contains", value: "Cheeks" }])).toEqual(["sandy"]);
      expect(await names([{ column: "id", op: "gt", value: "1" }])).toEqual(["sandy", "patrick"]);
      expect(await names([{ column: "fullname", op: "not", value: "Sandy Cheeks" }])).toEqual(["spongebob", "patrick"]);
      expect(await names([{ column: "name", op: "equals", value: "x' OR '1'='1" }])).toEqual([]);
      expect(await names([{ column: "name", op: "contains", value: "%" }])).toEqual([]);
      expect(
        await countRows(project, graph, "address", [{ column: "email_address", op: "ends", value: "@sqlalchemy.org" }]),
      ).toBe(2);
      await expect(names([{ column: "id", op: "gt", value: "abc" }])).rejects.toThrow(/takes a whole number/);
      await expect(readRows(project, graph, { table: "_prisma_migrations", limit: 5 })).rejects.toThrow(/no table/);
    });

    test("an edit is checked, a refused one changes nothing; a delete previews its cascade, then runs it", async () => {
      const [sandy] = await pgQuery<{ id: number }>(project.databaseUrl, "SELECT id FROM user_account WHERE name = 'sandy'");
      const [address] = await pgQuery<{ id: number }>(project.databaseUrl, "SELECT id FROM address ORDER BY id LIMIT 1");
      await expect(
        updateCell(project, graph, { table: "address", key: [address.id], column: "user_id", value: "999" }),
      ).rejects.toThrow(/address\.user_id = 999 points at no row: user_account has no id = 999/);
      await expect(
        updateCell(project, graph, { table: "user_account", key: [sandy.id], column: "name", value: "patrick" }),
      ).resolves.toMatchObject({ values: { name: "patrick" } });
      await updateCell(project, graph, { table: "user_account", key: [sandy.id], column: "name", value: "sandy" });

      const preview = await deleteRows(project, graph, { table: "user_account", keys: [[sandy.id]] }, { commit: false });
      expect(preview).toEqual({
        tables: [
          { table: "user_account", deleted: 1, nulled: 0 },
          { table: "address", deleted: 2, nulled: 0 },
        ],
      });
      expect(await countRows(project, graph, "address")).toBe(3);
      expect(await backReferences(project, graph, { table: "user_account", key: [sandy.id] })).toEqual([
        { table: "address", columns: ["user_id"], values: [sandy.id], count: 2 },
      ]);
      const done = await deleteRows(project, graph, { table: "user_account", keys: [[sandy.id]] }, { commit: true });
      expect(done.tables).toContainEqual({ table: "address", deleted: 2, nulled: 0 });
      expect(await countRows(project, graph, "address")).toBe(1);
      await expect(deleteRows(project, graph, { table: "user_account", keys: [[sandy.id]] }, { commit: true })).rejects.toThrow(
        /no longer exist/,
      );
    });

    test("CSV export streams the filtered rows in the grid's order, from a server-side cursor", async () => {
      const steps = [];
      const query = { table: "user_account", sort: { column: "name", direction: "asc" as const } };
      for await (const step of exportRows(project, graph, query)) steps.push(step);
      expect(steps[0]).toEqual({ columns: ["id", "name", "fullname"] });
      expect(steps.slice(1).flatMap((batch) => (batch as unknown[][]).map((row) => row[1]))).toEqual(["patrick", "spongebob"]);
    });
  });

  describe("PostgreSQL's own kinds of column", () => {
    let project: Project;
    let graph: SchemaGraph;
    beforeAll(async () => ({ project, graph } = await migrated(KINDS_SCHEMA)));

    test("an insert fills what Prisma Client would; arrays, jsonb, numeric, bigint, bytes and timestamptz read back exactly", async () => {
      const team = await insertRow(project, graph, { table: "Team", values: { name: "Krusty Krab" } });
      expect(String(team.values.id)).toMatch(/^[0-9a-f-]{36}$/);
      const member = await insertRow(project, graph, {
        table: "Member",
        values: {
          nick: "squidward",
          roles: '["ADMIN", "member"]',
          tags: "{clarinet,art}",
          scores: "[1, 2, 3]",
          visits: "9007199254740993",
          balance: "123456789012345.50",
          active: "false",
          profile: '{"instrument": {"name": "clarinet"}, "rank": 3}',
          avatar: "0x48656c6c6f",
          team_id: String(team.values.id),
        },
      });
      expect(member.values).toMatchObject({
        nick: "squidward",
        role: "member",
        roles: "{ADMIN,member}",
        tags: "{clarinet,art}",
        scores: "{1,2,3}",
        visits: "9007199254740993",
        balance: "123456789012345.50",
        active: 0,
        profile: '{"rank": 3, "instrument": {"name": "clarinet"}}',
        avatar: "0x48656c6c6f",
      });
      expect(String(member.values.touched)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/);
      const edited = await updateCell(project, graph, {
        table: "Member",
        key: member.key,
        column: "joined",
        value: "2024-05-01",
      });
      expect(edited.values.joined).toBe("2024-05-01T00:00:00.000+00:00");

      const found = async (filters: Filter[]) =>
        (await readRows(project, graph, { table: "Member", filters, limit: 5 })).rows.length;
      expect(await found([{ column: "joined", op: "equals", value: "2024-05-01" }])).toBe(1);
      expect(await found([{ column: "visits", op: "gt", value: "9007199254740992" }])).toBe(1);
      expect(await found([{ column: "tags", op: "has", value: "art" }])).toBe(1);
      expect(await found([{ column: "tags", op: "has", value: "tuba" }])).toBe(0);
      expect(await found([{ column: "scores", op: "has", value: "2" }])).toBe(1);
      expect(await found([{ column: "roles", op: "has", value: "ADMIN" }])).toBe(1);
      expect(await found([{ column: "profile", op: "path", value: "instrument.name = clarinet" }])).toBe(1);
      expect(await found([{ column: "profile", op: "path", value: "rank = 3" }])).toBe(1);
      expect(await found([{ column: "profile", op: "path", value: 'rank = "3"' }])).toBe(0);
      expect(await found([{ column: "profile", op: "contains", value: "clarinet" }])).toBe(1);
      expect(await found([{ column: "active", op: "equals", value: "false" }])).toBe(1);
      expect(await found([{ column: "team_id", op: "contains", value: String(team.values.id).slice(0, 8) }])).toBe(1);
    });

    test("bad values are refused with what the column takes, or what PostgreSQL says", async () => {
      const [member] = await pgQuery<{ id: number }>(project.databaseUrl, 'SELECT id FROM "Member" LIMIT 1');
      const edit = (column: string, value: string) =>
        updateCell(project, graph, { table: "Member", key: [member.id], column, value });
      await expect(edit("role", "OWNER")).rejects.toThrow(/role is one of ADMIN, member; "OWNER" is not/);
      await expect(edit("roles", '["OWNER"]')).rejects.toThrow(/is one of ADMIN, member; "OWNER" is not/);
      await expect(edit("scores", "[1, 2.5]")).rejects.toThrow(/takes a whole number/);
      await expect(edit("tags", "clarinet")).rejects.toThrow(/an array/);
      await expect(edit("tags", "{unclosed")).rejects.toThrow(/an array/);
      await expect(edit("scores", "{1,x}")).rejects.toThrow(/The database refused the change: .*integer/);
      await expect(edit("nick", "squidwardtentacles")).rejects.toThrow(/The database refused the change: .*too long/);
      await expect(edit("balance", "1e30")).rejects.toThrow(/The database refused the change: .*numeric field overflow/);
      await expect(edit("profile", "{oops")).rejects.toThrow(/JSON/);
      const [{ nick }] = await pgQuery<{ nick: string }>(project.databaseUrl, 'SELECT nick FROM "Member" LIMIT 1');
      expect(nick).toBe("squidward");
    });

    test("a unique value already taken is refused by its columns; a parent with children is protected by ON DELETE RESTRICT", async () => {
      await insertRow(project, graph, { table: "Team", values: { name: "Chum Bucket" } });
      const [krab] = await pgQuery<{ id: string }>(project.databaseUrl, `SELECT id FROM "Team" WHERE name = 'Krusty Krab'`);
      await expect(
        updateCell(project, graph, { table: "Team", key: [krab.id], column: "name", value: "Chum Bucket" }),
      ).rejects.toThrow(/Another row of Team already has this name: it must be unique/);
      const preview = await deleteRows(project, graph, { table: "Team", keys: [[krab.id]] }, { commit: false });
      expect(preview.blocked).toMatch(/1 row of Member \(team_id, ON DELETE RESTRICT\) still point at it/);
      await expect(deleteRows(project, graph, { table: "Team", keys: [[krab.id]] }, { commit: true })).rejects.toThrow(
        /Nothing was deleted/,
      );
      expect(await countRows(project, graph, "Team")).toBe(2);

      const [member] = await pgQuery<{ id: number }>(project.databaseUrl, 'SELECT id FROM "Member" LIMIT 1');
      await insertRow(project, graph, { table: "Note", values: { member_id: String(member.id) } });
      await insertRow(project, graph, { table: "Note", values: { member_id: String(member.id) } });
      expect(await deleteRows(project, graph, { table: "Member", keys: [[member.id]] }, { commit: false })).toEqual({
        tables: [
          { table: "Member", deleted: 1, nulled: 0 },
          { table: "Note", deleted: 0, nulled: 2 },
        ],
      });
      expect(await countRows(project, graph, "Note", [{ column: "member_id", op: "null" }])).toBe(0);
    });

    test("a table without a primary key: rows named by ctid are paged, edited and deleted", async () => {
      for (const label of ["a", "b", "c"]) await insertRow(project, graph, { table: "Tag", values: { label } });
      const first = await readRows(project, graph, { table: "Tag", limit: 2 });
      expect(first.table.key).toEqual([]);
      const second = await readRows(project, graph, { table: "Tag", after: first.next!, limit: 2 });
      expect([...first.rows, ...second.rows].map((r) => r.values.label)).toEqual(["a", "b", "c"]);
      const edited = await updateCell(project, graph, { table: "Tag", key: first.rows[1].key, column: "note", value: "second" });
      expect(edited.values).toEqual({ label: "b", note: "second" });
      await deleteRows(project, graph, { table: "Tag", keys: [edited.key] }, { commit: true });
      expect((await readRows(project, graph, { table: "Tag", limit: 5 })).rows.map((r) => r.values.label)).toEqual(["a", "c"]);
    });
  });
});
