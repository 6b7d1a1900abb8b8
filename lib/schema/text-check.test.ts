import { expect, test } from "vitest";
import { checkSchemaText } from "./text-check";
import { tutorialSchema } from "../testing/tutorial-schema";

const shipped = tutorialSchema();

test("valid text gives its graph; malformed text gives Prisma's message at its line and column", () => {
  const valid = checkSchemaText(shipped);
  expect(valid.ok && valid.graph.models.map((m) => m.name)).toEqual(["User", "Address"]);

  const broken = shipped.replace("fullname  String?", "full name String?");
  const result = checkSchemaText(broken);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  const line = broken.split("\n").findIndex((l) => l.includes("full name")) + 1;
  expect(result.diagnostics[0]).toMatchObject({ line, column: 3, message: expect.stringContaining("not a valid field") });
  expect(broken.slice(result.diagnostics[0].from, result.diagnostics[0].to)).toContain("full name");
});

test("offsets stay right after non-ASCII text", () => {
  const text = shipped
    .replace("model User {", "/// Usuário — café\nmodel User {")
    .replace("fullname  String?", "fullname String? @@@");
  const result = checkSchemaText(text);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(text.slice(result.diagnostics[0].from, result.diagnostics[0].to)).toContain("fullname");
});

test("a provider other than SQLite and PostgreSQL is refused with a clear message", () => {
  const result = checkSchemaText(shipped.replace('provider = "sqlite"', 'provider = "mysql"'));
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.diagnostics[0].message).toMatch(/works on SQLite and PostgreSQL; .* uses "mysql"/);
});

test("PostgreSQL (or its alias postgres) is read, native types, lists and index options included", () => {
  for (const provider of ["postgresql", "postgres"]) {
    const text = shipped
      .replace('provider = "sqlite"', `provider = "${provider}"`)
      .replace(/(\n\s+fullname\s+)String\?/, "$1String[] @db.VarChar(30)");
    const result = checkSchemaText(text);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) continue;
    expect(result.graph.datasource.provider).toBe(provider);
    const fullname = result.graph.models.find((m) => m.name === "User")!.fields.find((f) => f.name === "fullname");
    expect(fullname).toMatchObject({ list: true, nativeType: "VarChar(30)" });
  }
});
