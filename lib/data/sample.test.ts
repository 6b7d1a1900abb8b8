import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, test } from "vitest";
import { applyRevision } from "../migrate/revision";
import type { Project } from "../project/project";
import { parseSchema } from "../schema/parse";
import { generatedSchema } from "../testing/generated-schema";
import { removeProject, tempProject } from "../testing/temp-project";
import { generateSampleData, planSampleRows, SampleRefused, type SampleProgress } from "./sample";
import { seedTutorial } from "./seed";
import { tutorialSchema } from "../testing/tutorial-schema";

/** Every feature sample data must honour, in one schema. */
const RICH = `datasource db {
  provider = "sqlite"
}

enum Role {
  ADMIN  @map("admin")
  EDITOR @map("editor")
  VIEWER

  @@map("role")
}

model Account {
  id             String    @id @default(cuid())
  email          String    @unique
  /// @maxLength(12)
  username       String    @unique @map("user_name")
  role           Role      @default(VIEWER)
  isActive       Boolean   @map("is_active")
  createdAt      DateTime  @default(now()) @map("created_at")
  updatedAt      DateTime  @updatedAt @map("updated_at")
  featuredPostId Int?      @map("featured_post_id")
  featuredPost   Post?     @relation("Featured", fields: [featuredPostId], references: [id])
  profile        Profile?
  posts          Post[]    @relation("Authored")
  following      Account[] @relation("Follows")
  followers      Account[] @relation("Follows")
  bookmarks      Bookmark[]

  @@map("accounts")
}

model Profile {
  id        Int     @id @default(autoincrement())
  accountId String  @unique @map("account_id")
  account   Account @relation(fields: [accountId], references: [id], onDelete: Cascade)
  bio       String?
  phone     String?
  city      String?
  country   String?
  avatar    Bytes?
}

model Category {
  id       Int        @id @default(autoincrement())
  name     String     @unique
  parentId Int?       @map("parent_id")
  parent   Category?  @relation("Tree", fields: [parentId], references: [id])
  children Category[] @relation("Tree")
  posts    Post[]
}

model Post {
  id         Int        @id @default(autoincrement())
  title      String
  slug       String
  body       String
  authorId   String     @map("author_id")
  author     Account    @relation("Authored", fields: [authorId], references: [id])
  featuredBy Account[]  @relation("Featured")
  categories Category[]
  bookmarks  Bookmark[]
  views      BigInt
  rating     Float
  price      Decimal
  published  Boolean    @default(false)
  meta       Json
  cover      Bytes?
  createdAt  DateTime   @default(now())
  updatedAt  DateTime   @updatedAt

  @@unique([authorId, slug])
  @@map("posts")
}

model Edition {
  year     Int
  number   Int
  name     String
  articles Article[]

  @@id([year, number])
}

model Article {
  id            String  @id @default(uuid())
  editionYear   Int
  editionNumber Int
  edition       Edition @relation(fields: [editionYear, editionNumber], references: [year, number])
  headline      String
  previousId    String?  @unique
  previous      Article? @relation("Sequel", fields: [previousId], references: [id])
  sequel        Article? @relation("Sequel")
}

model Bookmark {
  accountId String   @map("account_id")
  account   Account  @relation(fields: [accountId], references: [id], onDelete: Cascade)
  postId    Int      @map("post_id")
  post      Post     @relation(fields: [postId], references: [id], onDelete: Cascade)
  createdAt DateTime @default(now())

  @@id([accountId, postId])
}
`;

const projects: Project[] = [];
afterEach(() => {
  for (const project of projects.splice(0)) removeProject(project);
});

async function migrated(schema?: string): Promise<Project> {
  const project = tempProject(schema);
  projects.push(project);
  await applyRevision(project, { name: "init" });
  return project;
}

function query<T = Record<string, unknown>>(project: Project, sql: string): T[] {
  const database = new Database(project.databasePath, { readonly: true });
  try {
    return database.prepare(sql).all() as T[];
  } finally {
    database.close();
  }
}

const count = (project: Project, table: string) => query<{ n: number }>(project, `SELECT count(*) AS n FROM "${table}"`)[0].n;

/** Every row of every table the schema made, in insert order, bytes as hex: to compare two databases. */
function dump(project: Project): string {
  const tables = query<{ name: string }>(
    project,
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name",
  );
  const all = Object.fromEntries(tables.map(({ name }) => [name, query(project, `SELECT * FROM "${name}" ORDER BY rowid`)]));
  return JSON.stringify(all, (_, value) => (value?.type === "Buffer" ? Buffer.from(value.data).toString("hex") : value));
}

const ISO_STORED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/;

describe("sample data on the tutorial's schema", () => {
  test("20 users and 20 addresses, each address pointing at an existing user, names within 30 characters", async () => {
    const project = await migrated();
    const progress: SampleProgress[] = [];
    const result = await generateSampleData(project, { rows: 20, seed: 1, onProgress: (p) => progress.push(p) });
    expect(result.tables).toEqual([
      { table: "user_account", inserted: 20 },
      { table: "address", inserted: 20 },
    ]);
    expect(result.rows).toBe(40);
    expect(result.ms).toBeGreaterThan(0);
    expect(progress.filter((p) => p.done === p.total)).toEqual([
      { table: "user_account", done: 20, total: 20 },
      { table: "address", done: 20, total: 20 },
    ]);

    const users = query<{ id: number; name: string; fullname: string | null }>(project, "SELECT * FROM user_account");
    expect(users).toHaveLength(20);
    for (const user of users) {
      expect([...user.name].length).toBeLessThanOrEqual(30);
      expect(user.name.length).toBeGreaterThan(0);
    }
    expect(users.filter((u) => u.fullname !== null).every((u) => /^\S+ \S+/.test(u.fullname!))).toBe(true);
    const ids = new Set(users.map((u) => u.id));
    const addresses = query<{ email_address: string; user_id: number }>(project, "SELECT * FROM address");
    expect(addresses).toHaveLength(20);
    for (const address of addresses) {
      expect(ids.has(address.user_id)).toBe(true);
      expect(address.email_address).toMatch(/^[a-z0-9._+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    }
    expect(query(project, "PRAGMA foreign_key_check")).toEqual([]);
  });

  test("progress is reported while a long run inserts, not only at the end", async () => {
    const project = await migrated();
    const progress: SampleProgress[] = [];
    await generateSampleData(project, { rows: 5000, seed: 3, onProgress: (p) => progress.push(p) });
    expect(progress.some((p) => p.done > 0 && p.done < p.total)).toBe(true);
    expect(progress.at(-1)).toEqual({ table: "address", done: 5000, total: 5000 });
    expect(count(project, "user_account")).toBe(5000);
  });

  test("after the tutorial's seed, new ids follow the existing ones and the three users keep their rows", async () => {
    const project = await migrated();
    await seedTutorial(project);
    const before = query(project, "SELECT * FROM user_account ORDER BY id");
    await generateSampleData(project, { rows: 10, seed: 2 });
    expect(query(project, "SELECT * FROM user_account WHERE id <= 3 ORDER BY id")).toEqual(before);
    const ids = query<{ id: number }>(project, "SELECT id FROM user_account ORDER BY id").map((r) => r.id);
    expect(ids).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect(count(project, "address")).toBe(13);
  });
});

describe("every feature of a schema", () => {
  test("enums, every scalar type, composite keys, one-to-one, self and many-to-many relations, @map names, cuid ids", async () => {
    const project = await migrated(RICH);
    const result = await generateSampleData(project, { rows: 25, seed: 5 });
    const inserted = Object.fromEntries(result.tables.map((t) => [t.table, t.inserted]));
    expect(inserted).toEqual({
      accounts: 25,
      Profile: 25,
      Category: 25,
      posts: 25,
      Edition: 25,
      Article: 25,
      Bookmark: 25,
      _Follows: 25,
      _CategoryToPost: 25,
    });
    expect(query(project, "PRAGMA foreign_key_check")).toEqual([]);

    const accounts = query<Record<string, unknown>>(project, "SELECT *, typeof(is_active) AS t FROM accounts");
    for (const account of accounts) {
      expect(account.id).toMatch(/^c[a-z0-9]{24}$/);
      expect(account.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
      expect([...(account.user_name as string)].length).toBeLessThanOrEqual(12);
      expect(["admin", "editor", "VIEWER"]).toContain(account.role);
      expect(account.t).toBe("integer");
      expect([0, 1]).toContain(account.is_active);
      for (const column of ["created_at", "updated_at"]) {
        expect(account[column]).toMatch(ISO_STORED);
        expect(Number.isNaN(Date.parse(account[column] as string))).toBe(false);
      }
    }
    expect(new Set(accounts.map((a) => a.email)).size).toBe(25);
    // An optional foreign key to a table inserted later (Account -> Post -> Account) is filled, not left empty.
    expect(accounts.filter((a) => a.featured_post_id !== null).length).toBeGreaterThan(15);

    // One-to-one: every profile has its own account.
    const profiles = query<{ account_id: string; avatar: Buffer | null }>(project, "SELECT * FROM Profile");
    expect(new Set(profiles.map((p) => p.account_id)).size).toBe(profiles.length);
    expect(profiles.some((p) => Buffer.isBuffer(p.avatar))).toBe(true);

    // A self-relation points at earlier rows only.
    const categories = query<{ id: number; parent_id: number | null }>(project, "SELECT * FROM Category");
    expect(categories.some((c) => c.parent_id !== null)).toBe(true);
    for (const category of categories) if (category.parent_id !== null) expect(category.parent_id).toBeLessThan(category.id);

    const posts = query<Record<string, unknown>>(
      project,
      `SELECT *, typeof(views) AS tv, typeof(rating) AS tr, typeof(price) AS tp, typeof(published) AS tb, typeof(cover) AS tc FROM posts`,
    );
    for (const post of posts) {
      expect(post.tv).toBe("integer");
      expect(post.tr).toBe("real");
      expect(["real", "integer"]).toContain(post.tp);
      expect(post.tb).toBe("integer");
      expect(["blob", "null"]).toContain(post.tc);
      expect(() => JSON.parse(post.meta as string)).not.toThrow();
      expect(post.createdAt).toMatch(ISO_STORED);
      expect((post.title as string).length).toBeGreaterThan(0);
    }

    // A composite foreign key takes both columns from one edition.
    const orphans = query(
      project,
      `SELECT * FROM Article a LEFT JOIN Edition e ON e.year = a.editionYear AND e.number = a.editionNumber WHERE e.year IS NULL`,
    );
    expect(orphans).toEqual([]);
    expect(query(project, "SELECT * FROM Article")[0].id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );

    // A one-to-one self-relation: each article is the sequel of at most one.
    const previous = query<{ previousId: string | null }>(project, "SELECT previousId FROM Article WHERE previousId IS NOT NULL");
    expect(previous.length).toBeGreaterThan(0);
    expect(new Set(previous.map((a) => a.previousId)).size).toBe(previous.length);

    // Many-to-many: distinct pairs, and no account follows itself.
    expect(query(project, `SELECT * FROM _Follows WHERE A = B`)).toEqual([]);
    expect(query<{ n: number }>(project, `SELECT count(DISTINCT A || '-' || B) AS n FROM _CategoryToPost`)[0].n).toBe(25);
  });

  test("generating twice adds as many rows again without a unique clash", async () => {
    const project = await migrated(RICH);
    await generateSampleData(project, { rows: 15, seed: 9 });
    const second = await generateSampleData(project, { rows: 15, seed: 9 });
    expect(second.tables.every((t) => t.inserted === 15)).toBe(true);
    for (const table of [
      "accounts",
      "Profile",
      "Category",
      "posts",
      "Edition",
      "Article",
      "Bookmark",
      "_CategoryToPost",
      "_Follows",
    ]) {
      expect(count(project, table)).toBe(30);
    }
    expect(query(project, "PRAGMA foreign_key_check")).toEqual([]);
  });

  test("the same seed on the same database gives the same rows; another seed gives others", async () => {
    const first = await migrated(RICH);
    const second = await migrated(RICH);
    const other = await migrated(RICH);
    await generateSampleData(first, { rows: 12, seed: 42 });
    await generateSampleData(second, { rows: 12, seed: 42 });
    await generateSampleData(other, { rows: 12, seed: 43 });
    expect(dump(second)).toBe(dump(first));
    expect(dump(other)).not.toBe(dump(first));
    // ...also when the database already holds rows: parents are picked from them in the same order.
    await generateSampleData(first, { rows: 12, seed: 7 });
    await generateSampleData(second, { rows: 12, seed: 7 });
    expect(dump(second)).toBe(dump(first));
  });

  test("a cycle of required foreign keys is filled once both tables are planned, checked at commit", async () => {
    const project = await migrated(`datasource db {
  provider = "sqlite"
}

model Hen {
  id     Int   @id @default(autoincrement())
  eggId  Int
  egg    Egg   @relation("LaidFrom", fields: [eggId], references: [id])
  laid   Egg[] @relation("LaidBy")
}

model Egg {
  id     Int   @id @default(autoincrement())
  henId  Int   @unique
  hen    Hen   @relation("LaidBy", fields: [henId], references: [id])
  hens   Hen[] @relation("LaidFrom")
}
`);
    const result = await generateSampleData(project, { rows: 10, seed: 1 });
    expect(result.rows).toBe(20);
    expect(query(project, "SELECT * FROM Hen WHERE eggId IS NULL")).toEqual([]);
    expect(query<{ n: number }>(project, "SELECT count(DISTINCT henId) AS n FROM Egg")[0].n).toBe(10);
    expect(query(project, "PRAGMA foreign_key_check")).toEqual([]);
  });

  test("foreign keys that share a column (a tenant id) agree on it", async () => {
    const project = await migrated(`datasource db {
  provider = "sqlite"
}

model Workspace {
  id       String    @id @default(cuid())
  name     String
  projects Project[]
  members  Member[]
  tasks    Task[]
}

model Project {
  id          String    @default(cuid())
  workspaceId String
  workspace   Workspace @relation(fields: [workspaceId], references: [id])
  tasks       Task[]

  @@id([id, workspaceId])
}

model Member {
  id          String    @default(cuid())
  workspaceId String
  workspace   Workspace @relation(fields: [workspaceId], references: [id])
  tasks       Task[]

  @@id([id, workspaceId])
}

model Task {
  id          Int       @id @default(autoincrement())
  workspaceId String
  workspace   Workspace @relation(fields: [workspaceId], references: [id])
  projectId   String
  project     Project   @relation(fields: [projectId, workspaceId], references: [id, workspaceId])
  assigneeId  String?
  assignee    Member?   @relation(fields: [assigneeId, workspaceId], references: [id, workspaceId])
}
`);
    const result = await generateSampleData(project, { rows: 30, seed: 1 });
    expect(result.tables.find((t) => t.table === "Task")).toEqual({ table: "Task", inserted: 30 });
    expect(query(project, "PRAGMA foreign_key_check")).toEqual([]);
    expect(query(project, "SELECT * FROM Task WHERE assigneeId IS NOT NULL").length).toBeGreaterThan(0);
  });

  test("a generated 20-table schema gets its rows in every table", async () => {
    const project = await migrated(generatedSchema(20));
    const result = await generateSampleData(project, { rows: 30, seed: 1 });
    expect(result.tables).toHaveLength(20);
    expect(result.tables.every((t) => t.inserted === 30)).toBe(true);
    expect(result.rows).toBe(600);
    expect(query(project, "PRAGMA foreign_key_check")).toEqual([]);
    const row = query<Record<string, unknown>>(
      project,
      "SELECT typeof(field1) AS i, typeof(field2) AS f, field3 AS b, field4 AS d, typeof(field6) AS big FROM Entity7",
    )[0];
    expect(row).toMatchObject({ i: "integer", f: "real", big: "integer" });
    expect([0, 1]).toContain(row.b);
    expect(row.d).toMatch(ISO_STORED);
  });
});

/** Real schemas by other people (see lib/schema/corpus.test.ts), where the hard cases come from. */
const CORPUS = path.resolve(import.meta.dirname, "../../../shared/corpus/prisma");
const corpus = ["webstudio-is-webstudio__webstudio.prisma", "langfuse-langfuse__langfuse.prisma"].filter((file) =>
  fs.existsSync(path.join(CORPUS, file)),
);

describe.skipIf(!corpus.length)("sample data on real schemas", () => {
  test.each(corpus)("%s: every table filled twice, every foreign key holding", async (file) => {
    const project = await migrated(fs.readFileSync(path.join(CORPUS, file), "utf8"));
    const first = await generateSampleData(project, { rows: 10, seed: 1 });
    const second = await generateSampleData(project, { rows: 10, seed: 2 });
    for (const result of [first, second]) {
      expect(result.tables.filter((t) => t.inserted === 0)).toEqual([]);
    }
    expect(query(project, "PRAGMA foreign_key_check")).toEqual([]);
  });
});

describe("what sample data refuses", () => {
  test("before Migrate: SampleRefused naming the tables, and no database file is created", async () => {
    const project = tempProject();
    projects.push(project);
    const attempt = generateSampleData(project, { rows: 5, seed: 1 });
    await expect(attempt).rejects.toBeInstanceOf(SampleRefused);
    await expect(attempt).rejects.toThrow("The tables user_account and address do not exist yet: run Migrate first.");
    expect(fs.existsSync(project.databasePath)).toBe(false);
  });

  test("a schema ahead of the database: the missing table and column are named", async () => {
    const project = await migrated();
    const schema = fs.readFileSync(project.schemaPath, "utf8");
    fs.writeFileSync(
      project.schemaPath,
      schema.replace("fullname  String?", "fullname  String?\n  nickname  String?") + "\nmodel Tag {\n  id Int @id\n}\n",
    );
    await expect(generateSampleData(project, { rows: 5, seed: 1 })).rejects.toThrow(
      "The table Tag does not exist yet; the column user_account.nickname is missing: run Migrate first.",
    );
    expect(count(project, "user_account")).toBe(0);
  });

  test("a row the database refuses half-way leaves every table as it was", async () => {
    const project = await migrated();
    await seedTutorial(project);
    const before = dump(project);
    const database = new Database(project.databasePath);
    database.exec(`CREATE TRIGGER no_more_addresses BEFORE INSERT ON address WHEN (SELECT count(*) FROM address) >= 10
      BEGIN SELECT RAISE(ABORT, 'ten addresses are enough'); END`);
    database.close();
    const attempt = generateSampleData(project, { rows: 20, seed: 1 });
    await expect(attempt).rejects.toBeInstanceOf(SampleRefused);
    await expect(attempt).rejects.toThrow(/Nothing was generated: inserting into address failed: ten addresses are enough/);
    expect(dump(project)).toBe(before);
  });

  test("rows outside 1 to 1,000,000 are refused before anything is read", async () => {
    const project = tempProject();
    projects.push(project);
    for (const rows of [0, -1, 1.5, 1_000_001, Number.NaN]) {
      await expect(generateSampleData(project, { rows, seed: 1 })).rejects.toThrow(/from 1 to 1,000,000/);
    }
  });
});

describe("the plan, without a database", () => {
  test("continues after the rows already there and points at them too", () => {
    const graph = parseSchema(tutorialSchema());
    const existing = { user_account: { rows: 3, max: { id: 3 }, values: { id: [[1], [2], [3]] } } };
    const plan = planSampleRows(graph, existing, { rows: 50, seed: 4 });
    const [users, addresses] = plan.tables;
    expect(users.columns).toEqual(["id", "name", "fullname"]);
    expect(users.rows.map((r) => r[0])).toEqual(Array.from({ length: 50 }, (_, i) => i + 4));
    const userIds = addresses.rows.map((r) => r[addresses.columns.indexOf("user_id")] as number);
    expect(userIds.every((id) => id >= 1 && id <= 53)).toBe(true);
    expect(userIds.some((id) => id <= 3)).toBe(true);
    expect(planSampleRows(graph, existing, { rows: 50, seed: 4 })).toEqual(plan);
  });

  test("a parent with few possible rows limits its one-to-one children, and the plan says why", () => {
    const graph = parseSchema(`datasource db {
  provider = "sqlite"
}

model Flag {
  id     Int     @id @default(autoincrement())
  on     Boolean @unique
  detail Detail?
}

model Detail {
  id     Int  @id @default(autoincrement())
  flagId Int  @unique
  flag   Flag @relation(fields: [flagId], references: [id])
}
`);
    const plan = planSampleRows(graph, {}, { rows: 5, seed: 1 });
    const [flags, details] = plan.tables;
    expect(flags.rows.map((r) => r[1]).sort()).toEqual([0, 1]);
    expect(flags.short).toMatch(/Flag got 2 of 5 rows: no more distinct values for its unique columns \(on\)/);
    expect(details.rows).toHaveLength(2);
    expect(details.short).toMatch(/Detail got 2 of 5 rows: each row needs its own Flag/);
  });
});

describe("npm run seed -- --rows N --seed S", () => {
  const root = path.resolve(import.meta.dirname, "..", "..");
  const seed = (project: Project, ...args: string[]) => {
    const result = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "scripts", "seed.ts"), ...args], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, SCHEMAFLOW_PROJECT: project.root, DATABASE_URL: "" },
    });
    return { code: result.status, out: result.stdout, err: result.stderr };
  };

  test("generates through the same code, with a line per table; bad flags exit 2, an unmigrated database 1", async () => {
    const bare = tempProject();
    projects.push(bare);
    const refused = seed(bare, "--rows", "5");
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^error: .*: run Migrate first/);

    for (const args of [["--rows", "abc"], ["--rows=1000001"], ["--seed", "3"], ["--row", "5"]]) {
      const bad = seed(bare, ...args);
      expect(bad.code, args.join(" ")).toBe(2);
      expect(bad.err).toMatch(/^error: .*\nusage: npm run seed/);
    }

    const project = await migrated();
    const result = seed(project, "--rows", "7", "--seed", "2");
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Generated 14 rows in 2 tables \(seed 2\)/);
    expect(result.out).toMatch(/user_account\s+7\n\s+address\s+7/);
    expect(result.err).toBe("user_account: 7 rows\naddress: 7 rows\n");
    expect(count(project, "address")).toBe(7);

    // Plain `npm run seed` is still the tutorial's seed.
    const tutorial = seed(project);
    expect(tutorial.code).toBe(0);
    expect(tutorial.out).toContain("Seeded 3 users and 3 addresses");
  });
});
