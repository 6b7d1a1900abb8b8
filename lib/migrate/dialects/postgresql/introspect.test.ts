import { afterAll, describe, expect, inject, test } from "vitest";
import { importAny } from "../../../import/open-any";
import { parseSchemaFile } from "../../../schema/parse-file";
import { pgQuery, testDatabases } from "../../../testing/pg-database";

/** A live PostgreSQL database imported by its URL through the engine's introspection, as SQLite files are. */
const server = inject("postgresUrl");

describe.skipIf(!server)("importing a PostgreSQL database", () => {
  const scratch = testDatabases(server);
  afterAll(() => scratch.dropAll());

  test("its tables, enums, arrays and keys become a schema that reads back; its view and trigger are named as left out", async () => {
    const url = await scratch.fresh();
    await pgQuery(
      url,
      `CREATE TYPE mood AS ENUM ('happy', 'sad');
       CREATE TABLE author (id SERIAL PRIMARY KEY, name VARCHAR(80) NOT NULL UNIQUE, mood mood, tags TEXT[] NOT NULL DEFAULT '{}');
       CREATE TABLE book (id UUID PRIMARY KEY DEFAULT gen_random_uuid(), title TEXT NOT NULL, meta JSONB,
                          author_id INTEGER NOT NULL REFERENCES author(id) ON DELETE CASCADE);
       CREATE VIEW titles AS SELECT title FROM book;
       CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
       CREATE TRIGGER book_touch BEFORE UPDATE ON book FOR EACH ROW EXECUTE FUNCTION touch();`,
    );
    const imported = await importAny(url);
    expect(imported.text).toContain('provider = "postgresql"');
    expect(imported.text).toMatch(/name\s+String\s+@unique\s+@db\.VarChar\(80\)/);
    expect(imported.text).toMatch(/tags\s+String\[\]\s+@default\(\[\]\)/);
    expect(imported.text).toMatch(/enum mood \{\s+happy\s+sad\s+\}/);
    expect(imported.text).toMatch(/author\s+author\s+@relation\(fields: \[author_id\], references: \[id\], onDelete: Cascade/);
    expect(imported.text).toMatch(/id\s+String\s+@id\s+@default\(dbgenerated\("gen_random_uuid\(\)"\)\)\s+@db\.Uuid/);
    expect(imported.notes).toContain("the database view titles is not imported (views need Prisma's views preview feature)");
    expect(imported.notes).toContain("the trigger book_touch is not imported (Prisma schemas have no triggers)");
    expect(parseSchemaFile(imported.text).models.map((m) => m.name)).toEqual(["author", "book"]);
  });

  test("a server that cannot be reached is named without its password", async () => {
    const failure = importAny("postgresql://me:secret@127.0.0.1:1/app");
    await expect(failure).rejects.toThrow("The PostgreSQL server 127.0.0.1:1/app could not be reached");
    await expect(failure).rejects.not.toThrow("secret");
  });
});
