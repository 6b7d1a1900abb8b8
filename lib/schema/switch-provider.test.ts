import { expect, test } from "vitest";
import { tutorialSchema } from "../testing/tutorial-schema";
import { parseSchema } from "./parse";
import { parseSchemaFile } from "./parse-file";
import { printSchema } from "./print";
import { lintSchema } from "./prisma-wasm";
import { switchProvider } from "./switch-provider";

/** Switching a schema's database: converted, dropped with a note, or refused; the result validates. */

const printed = (graph: Parameters<typeof printSchema>[0]) => {
  const text = printSchema(graph).text;
  expect(lintSchema(text).filter((d) => !d.warning)).toEqual([]);
  return text;
};

test("the tutorial to PostgreSQL and back: @maxLength becomes @db.VarChar and returns", () => {
  const graph = parseSchema(tutorialSchema());
  const onServer = switchProvider(graph, "postgresql");
  if (!onServer.ok) throw new Error(onServer.reason);
  expect(onServer.notes).toEqual(["User.name: /// @maxLength(30) became @db.VarChar(30)."]);
  const text = printed(onServer.graph);
  expect(text).toContain('provider = "postgresql"');
  expect(text).toMatch(/name\s+String\s+@db\.VarChar\(30\)/);
  expect(text).not.toContain("@maxLength");

  const back = switchProvider(parseSchema(text), "sqlite");
  if (!back.ok) throw new Error(back.reason);
  expect(back.notes).toEqual(["User.name: @db.VarChar(30) became /// @maxLength(30)."]);
  expect(printed(back.graph)).toBe(printSchema(graph).text);
});

test("to SQLite: PostgreSQL's own types, index methods and extensions are dropped, each named; lists and schemas are refused", () => {
  const schema = `generator client {
  provider        = "prisma-client"
  output          = "./generated"
  previewFeatures = ["postgresqlExtensions"]
}

datasource db {
  provider   = "postgresql"
  extensions = [citext]
}

model Doc {
  id    String @id @default(uuid()) @db.Uuid
  title String @db.Citext
  body  Json   @db.JsonB

  @@index([body(ops: JsonbPathOps)], type: Gin)
}
`;
  const result = switchProvider(parseSchemaFile(schema), "sqlite");
  if (!result.ok) throw new Error(result.reason);
  expect(result.notes).toEqual([
    "The datasource's extensions were dropped (SQLite has none).",
    "Doc.id: @db.Uuid was dropped (SQLite has no such column type).",
    "Doc.title: @db.Citext was dropped (SQLite has no such column type).",
    "Doc.body: @db.JsonB was dropped (SQLite has no such column type).",
    "Doc: the index on body lost its PostgreSQL method or operator classes.",
  ]);
  const text = printed(result.graph);
  expect(text).not.toMatch(/@db\.|Gin|extensions/);

  const lists = switchProvider(
    parseSchemaFile(schema.replace("body  Json   @db.JsonB", "body  Json   @db.JsonB\n  tags  String[]")),
    "sqlite",
  );
  expect(lists).toEqual({ ok: false, reason: "SQLite has no scalar lists: Doc.tags would have nowhere to go." });
  const schemas = switchProvider(
    parseSchemaFile(
      schema
        .replace("extensions = [citext]", 'schemas = ["auth", "public"]')
        .replace("  @@index(", '  @@schema("public")\n  @@index('),
    ),
    "sqlite",
  );
  expect(schemas).toMatchObject({ ok: false, reason: expect.stringContaining("SQLite has one schema per file") });
});
