import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, test } from "vitest";
import { importAny } from "../import/open-any";
import { planRevision } from "../migrate/revision";
import type { Project } from "../project/project";
import { openSchema, saveSchema } from "../project/schema-store";
import { removeProject, tempProject } from "../testing/temp-project";
import { tutorialSchema } from "../testing/tutorial-schema";
import { compileSchema } from "./compile";
import { unsafeNames } from "./identifiers";
import { updateField, updateModelProperties } from "./operations";
import { checkSchemaText } from "./text-check";

/** The finding: a table name that closes its quote and runs an UPDATE on every user. */
const PAYLOAD = `t" (id INTEGER); UPDATE user_account SET fullname = 'x'; CREATE TABLE "t2`;
const psl = (value: string) => JSON.stringify(value); // a Prisma string literal: quotes escaped
const withMap = (text: string, map: string) => text.replace('@@map("user_account")', `@@map(${psl(map)})`);
const model = (body: string) => `datasource db {\n  provider = "sqlite"\n}\n\nmodel A {\n  id Int @id\n${body}\n}\n`;

describe("names that would break or inject SQL are refused (each row: where the name stands, what it holds)", () => {
  test.each([
    ["@@map with the UPDATE payload", model(`  @@map(${psl(PAYLOAD)})`), /model A \(@@map\): .* contains a double quote/],
    ["@@map with a semicolon alone", model('  @@map("a; DROP TABLE b")'), /contains a semicolon/],
    ["@@map with a single quote", model(`  @@map("o'brien")`), /a single quote/],
    ["@@map with a backtick", model('  @@map("a`b")'), /a backtick/],
    ["@@map with a backslash", model('  @@map("a\\\\b")'), /a backslash/],
    ["@@map with a NUL escape", model('  @@map("a\\u0000b")'), /a NUL character/],
    ["@@map with a line break escape", model('  @@map("a\\nb")'), /a line break/],
    ["@@map with a tab escape", model('  @@map("a\\tb")'), /a tab/],
    ["@@map with an escape character (U+001B)", model('  @@map("a\\u001bb")'), /U\+001B/],
    ["a field's @map", model('  name String @map("na\\"me")'), /model A, field name \(@map\): .* double quote/],
    ["@@index map:", model('  name String\n  @@index([name], map: "idx\\"; DROP")'), /\(@@index map:\)/],
    ["@@unique map:", model('  name String\n  @@unique([name], map: "u;")'), /\(@@unique map:\)/],
    ["@unique(map:) on a field", model('  name String @unique(map: "u`")'), /field name \(@unique map:\)/],
    [
      "@id(map:) on a field",
      model('  x Int @unique(map: "ok")\n  y Int @default(0, map: "d;")').replace("id Int @id", 'id Int @id(map: "pk\'")'),
      /field id \(@id map:\)/,
    ],
    ["@default(map:) names a constraint", model('  x Int @default(0, map: "d;")'), /\(@default map:\)/],
    [
      "a relation name (it names the implicit join table)",
      model('  b B[] @relation("ab\\";")') + 'model B {\n  id Int @id\n  a A[] @relation("ab\\";")\n}\n',
      /field b \(@relation\)/,
    ],
    [
      "a foreign key's map:",
      model('  bId Int\n  b B @relation(fields: [bId], references: [id], map: "fk;")') + "model B {\n  id Int @id\n  a A[]\n}\n",
      /\(@relation map:\)/,
    ],
    [
      "an enum's @@map",
      'datasource db {\n  provider = "sqlite"\n}\nenum Role {\n  A\n  @@map("role;")\n}\n',
      /enum Role \(@@map\)/,
    ],
    [
      "an enum value's @map",
      'datasource db {\n  provider = "sqlite"\n}\nenum Role {\n  A @map("a\\"")\n}\n',
      /enum Role, value A \(@map\)/,
    ],
    [
      "a dbgenerated() default with a second statement",
      model('  x Int @default(dbgenerated("1); DELETE FROM user_account; --"))'),
      /expressions with semicolons/,
    ],
    ["an Unsupported() type with a quote", model('  g Unsupported("geometry\\"; DROP")?'), /types with double quotes/],
    [
      "a view's @@map",
      'datasource db {\n  provider = "sqlite"\n}\nview V {\n  id Int @unique\n  @@map("v;")\n}\n',
      /view V \(@@map\)/,
    ],
  ])("%s", (_what, text, message) => {
    const found = unsafeNames(text);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0].message).toMatch(message);
    expect(found[0].message).toMatch(/would break the SQL that Prisma's engine writes/);
  });

  test.each([
    ["the tutorial as shipped", tutorialSchema()],
    [
      "a string default with quotes and semicolons (the engine writes it as a literal)",
      model(`  s String @default(${psl(`it's; "fine"`)})`),
    ],
    ["a dbgenerated() expression with quotes", model(`  s String @default(dbgenerated("lower('X')"))`)],
    ["an Unsupported() type with parentheses and commas", model('  g Unsupported("geometry(Point, 4326)")?')],
    ["names with spaces, dashes, dots and non-ASCII letters", model('  n String @map("full name-1.x")\n  @@map("usuário café")')],
    ["quotes in comments and documentation", model('  /// say "hi"; bye\n  n String // it\'s "ok";')],
    [
      "a datasource or generator string",
      'generator client {\n  provider = "prisma-client"\n  output = "../a;b\'c"\n}\n' + model(""),
    ],
  ])("accepted: %s", (_what, text) => {
    expect(unsafeNames(text)).toEqual([]);
  });
});

describe("every path into the engine refuses the payload, names the element and writes nothing", () => {
  let project: Project;
  afterEach(() => project && removeProject(project));

  test("the canvas: the problem is on the table, the file is unchanged", async () => {
    project = tempProject();
    const { graph, text } = await openSchema(project);
    const user = graph.models.find((m) => m.name === "User")!;
    const next = updateModelProperties(graph, user.id, { dbName: PAYLOAD });
    const compiled = compileSchema(next);
    expect(compiled).toMatchObject({
      ok: false,
      problems: [{ elementId: user.id, message: expect.stringMatching(/^model User \(@@map\)/) }],
    });
    expect(await saveSchema(project, next)).toMatchObject({ ok: false });
    // A field's @map too, located on the field.
    const fullname = user.fields.find((f) => f.name === "fullname")!;
    expect(compileSchema(updateField(graph, fullname.id, { dbName: "full;name" }))).toMatchObject({
      ok: false,
      problems: [{ elementId: fullname.id }],
    });
    expect(fs.readFileSync(project.schemaPath, "utf8")).toBe(text);
  });

  test("the text editor: a problem at the name's line and column", () => {
    const text = withMap(tutorialSchema(), PAYLOAD);
    const checked = checkSchemaText(text);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    const line = text.split("\n").findIndex((l) => l.includes("@@map(")) + 1;
    expect(checked.diagnostics[0]).toMatchObject({ line, column: 9, message: expect.stringMatching(/^model User \(@@map\)/) });
  });

  test("import: a .prisma file and a SQLite database whose table name carries the payload", async () => {
    project = tempProject();
    const file = path.join(project.root, "evil.prisma");
    fs.writeFileSync(file, withMap(tutorialSchema(), PAYLOAD));
    await expect(importAny(file)).rejects.toThrow(/model User \(@@map\).*double quote/);

    const databaseFile = path.join(project.root, "evil.db");
    const database = new Database(databaseFile);
    // (A double quote in a table name already stops the engine's introspection with its own error.)
    database.exec(`CREATE TABLE "t; DELETE FROM x" (id INTEGER PRIMARY KEY)`);
    database.close();
    await expect(importAny(databaseFile)).rejects.toThrow(/names that would break its SQL[\s\S]*a semicolon/);
  });

  test("Migrate and npm run migrate on a hand-edited file: refused, nothing applied", async () => {
    project = tempProject();
    fs.writeFileSync(project.schemaPath, withMap(tutorialSchema(), PAYLOAD));
    await expect(planRevision(project)).rejects.toThrow(/model User \(@@map\)/);
    const cli = spawnSync(
      process.execPath,
      [path.resolve(import.meta.dirname, "../../scripts/launch.cjs"), "migrate", "--name", "evil"],
      { encoding: "utf8", env: { ...process.env, SCHEMAFLOW_PROJECT: project.root, NODE_EXTRA_CA_CERTS: "" } },
    );
    expect(cli.status).not.toBe(0);
    expect(cli.stderr).toMatch(/model User \(@@map\): .* contains a double quote/);
    expect(fs.existsSync(project.migrationsDir) && fs.readdirSync(project.migrationsDir).some((n) => /evil/.test(n))).toBe(false);
    expect(fs.existsSync(project.databasePath)).toBe(false);
  });
});
