import fs from "node:fs";
import { readAllPages } from "../testing/grid-pages";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { applyRevision } from "../migrate/revision";
import type { Project } from "../project/project";
import { parseSchema } from "../schema/parse";
import type { SchemaGraph } from "../schema/graph";
import { removeProject, tempProject } from "../testing/temp-project";
import { seedTutorial } from "./seed";
import { backReferences, countRows, deleteRows, exportRows, insertRow, readRows, updateCell } from "./rows";
import type { Filter } from "./filters";

/** The grid's queries on the tutorial's users and a schema with every kind of column, on real SQLite files. */

const KINDS_SCHEMA = `datasource db {
  provider = "sqlite"
}

enum Role {
  ADMIN
  MEMBER @map("member")
}

model Team {
  id      String   @id @default(cuid())
  name    String   @unique
  members Member[]
}

model Member {
  id        Int      @id @default(autoincrement())
  /// @maxLength(10)
  nick      String
  role      Role     @default(MEMBER)
  score     Float?
  visits    BigInt?
  balance   Decimal?
  active    Boolean  @default(true)
  joined    DateTime @default(now())
  touched   DateTime @updatedAt
  profile   Json?
  avatar    Bytes?
  team_id   String
  team      Team     @relation(fields: [team_id], references: [id], onDelete: Restrict)
}
`;

function sql<T>(project: Project, query: string, ...params: unknown[]): T[] {
  const database = new Database(project.databasePath, { readonly: true });
  try {
    return database.prepare(query).all(...params) as T[];
  } finally {
    database.close();
  }
}

function fileBytes(project: Project): Buffer {
  return fs.readFileSync(project.databasePath);
}

describe("the tutorial's tables", () => {
  let project: Project;
  let graph: SchemaGraph;
  beforeAll(async () => {
    project = tempProject();
    graph = parseSchema(fs.readFileSync(project.schemaPath, "utf8"));
    await applyRevision(project, { name: "init" });
    await seedTutorial(project);
  });
  afterAll(() => removeProject(project));

  test("pages continue from a cursor, sorted either way, NULLs included", async () => {
    const gary = await insertRow(project, graph, { table: "user_account", values: { name: "gary" } });
    expect(gary.values.fullname).toBeNull();
    const all = (direction: "asc" | "desc", limit: number) =>
      readAllPages(project, graph, { table: "user_account", sort: { column: "fullname", direction }, limit }, "name");
    // SQLite sorts NULL first ascending, last descending; a page boundary on either side of it loses nothing.
    for (const limit of [1, 2, 3]) {
      expect(await all("desc", limit)).toEqual(["spongebob", "sandy", "patrick", "gary"]);
      expect(await all("asc", limit)).toEqual(["gary", "patrick", "sandy", "spongebob"]);
    }
    expect((await readRows(project, graph, { table: "user_account", limit: 2 })).table.key).toEqual(["id"]);
    await deleteRows(project, graph, { table: "user_account", keys: [gary.key] }, { commit: true });
  });

  test("filters fit the column's type; text is matched as written, never as SQL or a wildcard", async () => {
    const names = async (filters: Filter[]) =>
      (await readRows(project, graph, { table: "user_account", filters, limit: 50 })).rows.map((r) => r.values.name);
    expect(await names([{ column: "name", op: "contains", value: "AND" }])).toEqual(["sandy"]);
    expect(await names([{ column: "id", op: "gt", value: "1" }])).toEqual(["sandy", "patrick"]);
    expect(await names([{ column: "name", op: "equals", value: "x' OR '1'='1" }])).toEqual([]);
    expect(await names([{ column: "name", op: "contains", value: "%" }])).toEqual([]);
    expect(await names([{ column: "name", op: "contains", value: "_" }])).toEqual([]);
    expect(await countRows(project, graph, "address", [{ column: "email_address", op: "ends", value: "@sqlalchemy.org" }])).toBe(
      2,
    );
    await expect(names([{ column: "id", op: "gt", value: "abc" }])).rejects.toThrow(
      /id \(INTEGER\) takes a whole number; "abc" is not one/,
    );
    await expect(names([{ column: "id", op: "contains", value: "1" }])).rejects.toThrow(/does not apply to id/);
    await expect(names([{ column: "name; DROP TABLE address", op: "equals", value: "x" }])).rejects.toThrow(/has no column/);
    await expect(readRows(project, graph, { table: "sqlite_master", limit: 5 })).rejects.toThrow(/no table "sqlite_master"/);
    expect(sql(project, "SELECT name FROM sqlite_master WHERE name = 'address'")).toHaveLength(1);
  });

  test("an edit is checked against the schema and the database, and a refused one changes nothing", async () => {
    const before = fileBytes(project);
    const [sandy] = sql<{ id: number }>(project, "SELECT id FROM user_account WHERE name = 'sandy'");
    await expect(
      updateCell(project, graph, { table: "user_account", key: [sandy.id], column: "name", value: "x".repeat(31) }),
    ).rejects.toThrow(/at most 30 characters/);
    await expect(
      updateCell(project, graph, { table: "user_account", key: [sandy.id], column: "name", value: null }),
    ).rejects.toThrow(/required/);
    const [address] = sql<{ id: number }>(project, "SELECT id FROM address ORDER BY id LIMIT 1");
    await expect(
      updateCell(project, graph, { table: "address", key: [address.id], column: "user_id", value: "999" }),
    ).rejects.toThrow(/address\.user_id = 999 points at no row: user_account has no id = 999/);
    await expect(
      updateCell(project, graph, { table: "address", key: [address.id], column: "user_id", value: "two" }),
    ).rejects.toThrow(/whole number/);
    expect(fileBytes(project).equals(before)).toBe(true);

    const script = "<script>alert(1)</script>";
    const row = await updateCell(project, graph, { table: "user_account", key: [sandy.id], column: "fullname", value: script });
    expect(row.values.fullname).toBe(script);
    await updateCell(project, graph, { table: "user_account", key: [sandy.id], column: "fullname", value: "Sandy Cheeks" });
  });

  test("deleting a user says how many addresses the cascade removes before it happens, then removes them", async () => {
    const [sandy] = sql<{ id: number }>(project, "SELECT id FROM user_account WHERE name = 'sandy'");
    const before = fileBytes(project);
    const preview = await deleteRows(project, graph, { table: "user_account", keys: [[sandy.id]] }, { commit: false });
    expect(preview).toEqual({
      tables: [
        { table: "user_account", deleted: 1, nulled: 0 },
        { table: "address", deleted: 2, nulled: 0 },
      ],
    });
    expect(fileBytes(project).equals(before)).toBe(true);
    expect(await backReferences(project, graph, { table: "user_account", key: [sandy.id] })).toEqual([
      { table: "address", columns: ["user_id"], values: [sandy.id], count: 2 },
    ]);

    const inserted = await insertRow(project, graph, {
      table: "address",
      values: { email_address: "extra@example.org", user_id: String(sandy.id) },
    });
    expect(inserted.values.email_address).toBe("extra@example.org");
    const done = await deleteRows(project, graph, { table: "user_account", keys: [[sandy.id]] }, { commit: true });
    expect(done.tables).toContainEqual({ table: "address", deleted: 3, nulled: 0 });
    expect(sql(project, "SELECT * FROM address WHERE user_id = ?", sandy.id)).toEqual([]);
    await expect(deleteRows(project, graph, { table: "user_account", keys: [[sandy.id]] }, { commit: true })).rejects.toThrow(
      /no longer exist/,
    );
  });

  test("CSV export streams the filtered rows in the grid's order", async () => {
    const steps = [];
    for await (const step of exportRows(project, graph, { table: "user_account", sort: { column: "name", direction: "asc" } })) {
      steps.push(step);
    }
    expect(steps[0]).toEqual({ columns: ["id", "name", "fullname"] });
    expect(steps.slice(1).flatMap((batch) => (batch as unknown[][]).map((row) => row[1]))).toEqual(["patrick", "spongebob"]);
  });
});

describe("every kind of column", () => {
  let project: Project;
  let graph: SchemaGraph;
  beforeAll(async () => {
    project = tempProject(KINDS_SCHEMA);
    graph = parseSchema(KINDS_SCHEMA);
    await applyRevision(project, { name: "init" });
  });
  afterAll(() => removeProject(project));

  test("an insert fills what Prisma Client would (cuid, now, @updatedAt, defaults) and stores values as Prisma does", async () => {
    const team = await insertRow(project, graph, { table: "Team", values: { name: "Krusty Krab" } });
    expect(String(team.values.id)).toMatch(/^c[a-z0-9]{8,}$/);
    const member = await insertRow(project, graph, {
      table: "Member",
      values: {
        nick: "squidward",
        visits: "9007199254740993",
        balance: "12.50",
        score: "3.5",
        active: "false",
        profile: '{"clarinet": true}',
        avatar: "0x48656c6c6f",
        team_id: String(team.values.id),
      },
    });
    expect(member.values).toMatchObject({
      nick: "squidward",
      role: "member",
      visits: "9007199254740993",
      score: 3.5,
      active: 0,
      profile: '{"clarinet":true}',
      avatar: "0x48656c6c6f",
    });
    expect(String(member.values.touched)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/);
    expect(member.values.joined).toBeTruthy();

    const edited = await updateCell(project, graph, { table: "Member", key: member.key, column: "joined", value: "2024-05-01" });
    expect(edited.values.joined).toBe("2024-05-01T00:00:00.000+00:00");
    expect(
      (
        await readRows(project, graph, {
          table: "Member",
          filters: [{ column: "joined", op: "equals", value: "2024-05-01" }],
          limit: 5,
        })
      ).rows,
    ).toHaveLength(1);
    expect(
      (
        await readRows(project, graph, {
          table: "Member",
          filters: [{ column: "visits", op: "gt", value: "9007199254740992" }],
          limit: 5,
        })
      ).rows,
    ).toHaveLength(1);
  });

  test("bad values for each kind are refused with what the column takes", async () => {
    const [member] = sql<{ id: number }>(project, "SELECT id FROM Member LIMIT 1");
    const edit = (column: string, value: string) =>
      updateCell(project, graph, { table: "Member", key: [member.id], column, value });
    await expect(edit("role", "OWNER")).rejects.toThrow(/role is one of ADMIN, member; "OWNER" is not/);
    await expect(edit("nick", "squidwardtentacles")).rejects.toThrow(/at most 10 characters/);
    await expect(edit("active", "maybe")).rejects.toThrow(/true or false/);
    await expect(edit("joined", "yesterday")).rejects.toThrow(/a date and time/);
    await expect(edit("profile", "{oops")).rejects.toThrow(/JSON/);
    await expect(edit("avatar", "0xZZ")).rejects.toThrow(/hexadecimal/);
    await expect(edit("score", "1; DROP TABLE Team")).rejects.toThrow(/a number/);
    await expect(insertRow(project, graph, { table: "Member", values: { team_id: "nope" } })).rejects.toThrow(/nick is required/);
  });

  test("a unique value already taken is refused; a parent with children is protected by ON DELETE RESTRICT", async () => {
    await insertRow(project, graph, { table: "Team", values: { name: "Chum Bucket" } });
    const [krab] = sql<{ id: string }>(project, "SELECT id FROM Team WHERE name = 'Krusty Krab'");
    await expect(
      updateCell(project, graph, { table: "Team", key: [krab.id], column: "name", value: "Chum Bucket" }),
    ).rejects.toThrow(/Another row of Team already has this name: it must be unique/);
    const preview = await deleteRows(project, graph, { table: "Team", keys: [[krab.id]] }, { commit: false });
    expect(preview.blocked).toMatch(/1 row of Member \(team_id, ON DELETE RESTRICT\) still point at it/);
    await expect(deleteRows(project, graph, { table: "Team", keys: [[krab.id]] }, { commit: true })).rejects.toThrow(
      /Nothing was deleted/,
    );
    expect(sql(project, "SELECT id FROM Team WHERE id = ?", krab.id)).toHaveLength(1);
  });
});

test("a database file replaced by another (same schema_version) is read afresh, not from the cached catalogue", async () => {
  const project = tempProject();
  try {
    const make = (table: string) => {
      fs.rmSync(project.databasePath, { force: true });
      const database = new Database(project.databasePath);
      database.exec(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY)`);
      database.close();
    };
    make("first");
    expect((await readRows(project, undefined, { table: "first", limit: 5 })).rows).toEqual([]);
    make("second");
    expect((await readRows(project, undefined, { table: "second", limit: 5 })).rows).toEqual([]);
    await expect(readRows(project, undefined, { table: "first", limit: 5 })).rejects.toThrow(/no table "first"/);
  } finally {
    removeProject(project);
  }
});
