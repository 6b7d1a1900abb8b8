import { afterAll, describe, expect, inject, test } from "vitest";
import { applyRevision } from "../../../migrate/revision";
import { projectAt, type Project } from "../../../project/project";
import { parseSchema } from "../../../schema/parse";
import { pgQuery, testDatabases } from "../../../testing/pg-database";
import { removeProject, tempProject } from "../../../testing/temp-project";
import { insertRow } from "../../rows";
import { generateSampleData } from "../../sample";
import { MULTI_SCHEMA } from "../../../testing/multi-schema";

/**
 * Sample data on a real PostgreSQL server: the values PostgreSQL's own types ask for (uuid,
 * arrays, jsonb, native enums, numeric within its precision, timestamptz, time, varchar),
 * written by COPY, every foreign key and constraint checked by the server itself.
 */
const server = inject("postgresUrl");

const SCHEMA = `datasource db {
  provider = "postgresql"
}

enum Role {
  ADMIN
  MEMBER @map("member")
}

model Team {
  id      String   @id @default(uuid()) @db.Uuid
  name    String   @unique @db.VarChar(12)
  members Member[]
  tags    Tag[]
}

model Member {
  id       Int       @id @default(autoincrement())
  email    String    @unique
  role     Role      @default(MEMBER)
  roles    Role[]
  tags     String[]
  scores   Int[]
  flags    Boolean[]
  visits   BigInt?
  price    Decimal?  @db.Decimal(5, 2)
  active   Boolean   @default(true)
  joined   DateTime  @default(now()) @db.Timestamptz(3)
  wakes    DateTime? @db.Time(0)
  born     DateTime? @db.Date
  profile  Json?
  avatar   Bytes?
  external String?   @db.Uuid
  team_id  String    @db.Uuid
  team     Team      @relation(fields: [team_id], references: [id])
  mentorId Int?
  mentor   Member?   @relation("Mentoring", fields: [mentorId], references: [id])
  mentees  Member[]  @relation("Mentoring")
}

model Tag {
  id    Int    @id @default(autoincrement())
  label String @unique
  teams Team[]
}
`;

describe.skipIf(!server)("sample data on PostgreSQL", () => {
  const scratch = testDatabases(server);
  const made: Project[] = [];
  afterAll(async () => {
    made.forEach(removeProject);
    await scratch.dropAll();
  });

  async function migrated(): Promise<Project> {
    const project = projectAt(tempProject(SCHEMA).root, await scratch.fresh());
    made.push(project);
    await applyRevision(project, { name: "init" });
    return project;
  }

  const digest = async (project: Project, table: string, order: string) =>
    (
      await pgQuery<{ md5: string }>(
        project.databaseUrl,
        `SELECT md5(string_agg(t::text, '|' ORDER BY ${order})) FROM "${table}" t`,
      )
    )[0].md5;

  test("every kind of PostgreSQL column is filled; the same seed gives the same rows; a second run adds to the first", async () => {
    const project = await migrated();
    const progress: string[] = [];
    const result = await generateSampleData(project, { rows: 500, seed: 7, onProgress: (p) => progress.push(p.table) });
    expect(result.tables.map((t) => [t.table, t.inserted])).toEqual([
      ["Team", 500],
      ["Member", 500],
      ["Tag", 500],
      ["_TagToTeam", expect.any(Number)],
    ]);
    expect(progress).toContain("Member");
    const [member] = await pgQuery<Record<string, unknown>>(
      project.databaseUrl,
      `SELECT count(*)::int AS n, count(DISTINCT email)::int AS emails, bool_and(tags IS NOT NULL) AS lists,
              max(cardinality(tags))::int AS most_tags, count(*) FILTER (WHERE cardinality(roles) > 0)::int AS with_roles,
              max(abs(price))::float AS price, count(mentor_id_set)::int AS mentored, count(wakes)::int AS wakes,
              count(*) FILTER (WHERE active)::int AS active, count(profile)::int AS profiles, count(external)::int AS externals
       FROM (SELECT *, "mentorId" AS mentor_id_set FROM "Member") m`,
    );
    expect(member).toMatchObject({ n: 500, emails: 500, lists: true, most_tags: 3 });
    expect(member.with_roles).toBeGreaterThan(100);
    expect(member.price).toBeLessThan(1000);
    expect(member.mentored).toBeGreaterThan(0);
    expect(member.wakes).toBeGreaterThan(300);
    expect(member.active).toBeGreaterThan(250);
    expect(member.profiles).toBeGreaterThan(300);
    expect(member.externals).toBeGreaterThan(300);

    const twin = await migrated();
    await generateSampleData(twin, { rows: 500, seed: 7 });
    for (const [table, order] of [
      ["Team", "id"],
      ["Member", "id"],
      ["_TagToTeam", `"A", "B"`],
    ]) {
      expect(await digest(twin, table, order)).toBe(await digest(project, table, order));
    }

    await generateSampleData(project, { rows: 200, seed: 8 });
    expect(
      await pgQuery(project.databaseUrl, 'SELECT count(*)::int AS n, count(DISTINCT email)::int AS emails FROM "Member"'),
    ).toEqual([{ n: 700, emails: 700 }]);
    // The sequence moved past the planned ids: the grid's next insert takes a new one.
    const team = await pgQuery<{ id: string }>(project.databaseUrl, 'SELECT id FROM "Team" LIMIT 1');
    const inserted = await insertRow(project, parseSchema(SCHEMA), {
      table: "Member",
      values: { email: "gary@bikinibottom.sea", team_id: team[0].id },
    });
    expect(inserted.values.id).toBe(701);
  });

  test("a multi-schema project gets its sample rows in every schema it names, a relation across them kept", async () => {
    const project = projectAt(tempProject(MULTI_SCHEMA).root, await scratch.fresh());
    made.push(project);
    await applyRevision(project, { name: "init" });
    await generateSampleData(project, { rows: 20, seed: 3 });
    expect(await pgQuery(project.databaseUrl, `SELECT count(*)::int AS n FROM public."Account"`)).toEqual([{ n: 20 }]);
    expect(
      await pgQuery(
        project.databaseUrl,
        `SELECT count(*)::int AS n FROM auth."Session" s JOIN public."Account" a ON a.id = s.account_id`,
      ),
    ).toEqual([{ n: 20 }]);
  });

  test("a database not migrated yet is refused, with nothing written", async () => {
    const project = projectAt(tempProject(SCHEMA).root, await scratch.fresh());
    made.push(project);
    await expect(generateSampleData(project, { rows: 10, seed: 1 })).rejects.toThrow(
      /the tables Team, Member, Tag and _TagToTeam do not exist yet: run Migrate first/i,
    );
  });
});
