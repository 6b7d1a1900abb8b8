import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, test } from "vitest";
import { tempProject } from "../lib/testing/temp-project";
import { TUTORIAL_SCHEMA_PATH, tutorialSchema } from "../lib/testing/tutorial-schema";

const ROOT = path.resolve(import.meta.dirname, "..");
const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "schema-cli-"));
// The commands' own project: a copy of the tutorial, never the repository's prisma/ folder.
const project = tempProject();
const run = (...args: string[]) => {
  const result = spawnSync(process.execPath, [TSX, path.join(ROOT, "scripts", "schema.ts"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, SCHEMAFLOW_PROJECT: project.root },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
};
const out = path.join(work, "out.prisma");

describe("npm run schema", () => {
  test("imports a SQLite database through the engine's introspection, and reports what it left out", () => {
    const file = path.join(work, "app.db");
    const database = new Database(file);
    database.exec(
      "CREATE TABLE author (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL);" +
        "CREATE TABLE book (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT, author_id INTEGER NOT NULL REFERENCES author(id));" +
        "CREATE TABLE loose (note TEXT); CREATE VIEW titles AS SELECT title FROM book;",
    );
    database.close();
    const result = run("import", file, "--out", out);
    expect(result.code).toBe(0);
    const text = fs.readFileSync(out, "utf8");
    expect(text).toMatch(/model book \{[\s\S]*author\s+author\s+@relation\(fields: \[author_id\], references: \[id\]/);
    expect(result.err).toContain('"loose"');
    expect(result.err).toContain("view titles");
  });

  test("imports a models.py for SQLite by default, for PostgreSQL with --provider, and says its notes", () => {
    const models = path.join(work, "models.py");
    fs.writeFileSync(
      models,
      [
        "from sqlalchemy import Column, Date, Integer",
        "from sqlalchemy.orm import declarative_base",
        "Base = declarative_base()",
        "class Event(Base):",
        '    __tablename__ = "event"',
        "    id = Column(Integer, primary_key=True)",
        "    day = Column(Date, nullable=False)",
      ].join("\n"),
    );
    const sqlite = run("import", models, "--out", out);
    expect(sqlite.code).toBe(0);
    expect(fs.readFileSync(out, "utf8")).toMatch(/provider = "sqlite"[\s\S]*day\s+DateTime\n/);
    expect(sqlite.err).toContain("note: line 7: Date holds a day only");
    const postgres = run("import", models, "--out", out, "--provider", "postgresql");
    expect(postgres.code).toBe(0);
    expect(fs.readFileSync(out, "utf8")).toMatch(/provider = "postgresql"[\s\S]*day\s+DateTime\s+@db.Date/);
    expect(postgres.err).toBe("");
    expect(run("import", models, "--out", out, "--provider", "mysql")).toMatchObject({
      code: 1,
      err: expect.stringContaining("usage:"),
    });
  });

  test("round-trips a schema and prints the DDL of the project's schema", () => {
    const roundtrip = run("roundtrip", TUTORIAL_SCHEMA_PATH);
    expect(roundtrip.out).toBe(tutorialSchema());
    const ddl = run("export", "sql");
    expect(ddl.code).toBe(0);
    expect(ddl.out).toContain('CREATE TABLE "user_account"');
    expect(ddl.out).toContain('REFERENCES "user_account" ("id") ON DELETE CASCADE');
  });

  test.each([
    ["malformed schema text", "bad.prisma", "model { broken\n", /does not start with any known Prisma schema keyword/],
    [
      "a schema for another provider",
      "mysql.prisma",
      'datasource db {\n  provider = "mysql"\n}\n',
      /works on SQLite and PostgreSQL; this schema's datasource uses "mysql"/,
    ],
    ["a binary file passed as a database", "binary.db", "\u0000\u0001\u0002not sqlite", /is not a SQLite database/],
    [
      "a models.py with a syntax error",
      "models.py",
      "class A(Base):\n    __tablename__ = 'a'\n    id = Column(Integer primary_key=True)\n",
      /syntax error at line 3/,
    ],
  ])("%s gets a clear message and writes nothing", (_, name, content, message) => {
    const file = path.join(work, name);
    fs.writeFileSync(file, content);
    fs.rmSync(out, { force: true });
    const result = run("import", file, "--out", out);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(message);
    expect(fs.existsSync(out)).toBe(false);
  });

  test("a file over 5 MB is refused before it is read", () => {
    const file = path.join(work, "huge.prisma");
    fs.writeFileSync(file, Buffer.alloc(5 * 1024 * 1024 + 1, 0x20));
    const result = run("import", file, "--out", out);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/files over 5 MB are not imported/);
  });

  test("a wrong command prints the usage", () => {
    const result = run("frobnicate");
    expect(result.code).toBe(1);
    expect(result.err).toContain("usage: npm run schema -- import");
  });

  test("provider switches the schema's database, says what changed, and refuses what the target cannot hold", () => {
    const onServer = run("provider", "postgresql");
    expect(onServer.code).toBe(0);
    expect(onServer.out).toContain("note: User.name: /// @maxLength(30) became @db.VarChar(30).");
    expect(onServer.out).toContain("set DATABASE_URL=postgresql://");
    const text = fs.readFileSync(project.schemaPath, "utf8");
    expect(text).toContain('provider = "postgresql"');
    expect(text).toMatch(/name\s+String\s+@db\.VarChar\(30\)/);

    fs.writeFileSync(project.schemaPath, text.replace(/(\n\s+fullname\s+String\?)/, "$1\n  nicknames String[]"));
    const refused = run("provider", "sqlite");
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain("prisma/schema.prisma is unchanged: SQLite has no scalar lists: User.nicknames");
    fs.writeFileSync(project.schemaPath, text);
    expect(run("provider", "sqlite").code).toBe(0);
    expect(fs.readFileSync(project.schemaPath, "utf8")).toBe(tutorialSchema());
  });
});
