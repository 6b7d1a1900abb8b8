import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { aField, aModel, aSchema } from "../testing/schema-builders";
import { compileSchema } from "./compile";
import { defaultExpression, describeDefault, JSON_DEFAULT_ON_SQLITE, retype } from "./defaults";
import type { Field } from "./graph";
import { parseSchema } from "./parse";
import { dialectOf } from "./provider";

const field = (type: string, kind: Field["kind"] = "scalar") => ({ type, kind, list: false });

test.each([
  ["Int", "42", "42"],
  ["BigInt", "-7", "-7"],
  ["Float", "1.5", "1.5"],
  ["Boolean", "true", "true"],
  ["String", 'say "hi"', '"say \\"hi\\""'],
  ["DateTime", "2024-01-31", '"2024-01-31T00:00:00.000Z"'],
  ["Json", '{"a":1}', '"{\\"a\\":1}"'],
])("a %s literal %j becomes %s", (type, text, expression) => {
  expect(defaultExpression(field(type), { kind: "literal", text })).toEqual({ ok: true, expression });
});

test.each([
  ["Int", "4.5", /not a whole number/],
  ["Boolean", "yes", /true or false/],
  ["DateTime", "tomorrow", /not a date/],
  ["Json", "{", /not valid JSON/],
])("a %s literal %j is refused", (type, text, message) => {
  const result = defaultExpression(field(type), { kind: "literal", text });
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.message).toMatch(message);
});

test("functions must fit the type; enum defaults must be values", () => {
  expect(defaultExpression(field("String"), { kind: "function", fn: "autoincrement()" })).toMatchObject({ ok: false });
  expect(defaultExpression(field("Int"), { kind: "function", fn: "autoincrement()" })).toEqual({
    ok: true,
    expression: "autoincrement()",
  });
  expect(defaultExpression(field("Role", "enum"), { kind: "literal", text: "ADMIN" }, ["USER", "ADMIN"])).toEqual({
    ok: true,
    expression: "ADMIN",
  });
  expect(defaultExpression(field("Role", "enum"), { kind: "literal", text: "ROOT" }, ["USER"])).toMatchObject({ ok: false });
});

test("retyping drops what no longer fits and keeps what does", () => {
  const base: Field = aField("n", { id: "f", type: "Int" });
  expect(retype({ ...base, default: "autoincrement()" }, "String", "scalar")).toMatchObject({ default: undefined });
  expect(retype({ ...base, default: "5" }, "Float", "scalar")).toMatchObject({ default: "5" });
  expect(retype({ ...base, type: "String", maxLength: 30 }, "Int", "scalar")).toMatchObject({ maxLength: undefined });
  // A native type belongs to its scalar type: it goes with a change of type, and stays otherwise.
  expect(retype({ ...base, type: "String", nativeType: "VarChar(30)" }, "Int", "scalar")).toHaveProperty("nativeType", undefined);
  expect(retype({ ...base, type: "String", nativeType: "VarChar(30)" }, "String", "scalar")).not.toHaveProperty("nativeType");
  expect(describeDefault({ ...base, type: "String", default: '"x"' })).toEqual({ kind: "literal", text: "x" });
});

test("a Json default is refused on SQLite, whose migration Prisma writes unquoted, and kept on PostgreSQL", () => {
  const json = { kind: "literal" as const, text: "{}" };
  expect(defaultExpression(field("Json"), json, [], "sqlite")).toEqual({ ok: false, message: JSON_DEFAULT_ON_SQLITE });
  expect(defaultExpression(field("Json"), json, [], "postgresql")).toEqual({ ok: true, expression: '"{}"' });
  // A String default that would become a Json one goes on SQLite, and stays on PostgreSQL.
  const text = aField("data", { type: "String", default: '"{}"' });
  expect(retype(text, "Json", "scalar", "sqlite").default).toBeUndefined();
  expect(retype(text, "Json", "scalar", "postgresql").default).toBe('"{}"');
});

test("the server refuses a Json default on SQLite too (a forged patch, the text panel), on the field", () => {
  const data = aField("data", { type: "Json", default: '"{}"' });
  const compiled = compileSchema(aSchema([aModel("Doc", [data])]));
  expect(compiled).toEqual({
    ok: false,
    problems: [{ elementId: data.id.replace("field:", "field:Doc."), message: JSON_DEFAULT_ON_SQLITE }],
  });
  expect(compileSchema(aSchema([aModel("Doc", [data])], [], { datasource: { name: "db", provider: "postgresql" } })).ok).toBe(
    true,
  );
});

test.each([
  ["String", 'dbgenerated("gen_random_uuid()")'],
  ["String", "uuid(7)"],
  ["String", "nanoid(16)"],
  ["Int", "sequence()"],
  ["DateTime", 'dbgenerated("now()")'],
])("a %s default typed as Prisma's expression %s is kept as typed, not made a string", (type, text) => {
  expect(defaultExpression(field(type), { kind: "literal", text })).toEqual({ ok: true, expression: text });
});

test("a list's default is written in brackets, kept as typed; anything else is refused", () => {
  const list = (type: string) => ({ type, kind: "scalar" as const, list: true });
  expect(defaultExpression(list("String"), { kind: "literal", text: "[]" })).toEqual({ ok: true, expression: "[]" });
  expect(defaultExpression(list("Int"), { kind: "literal", text: "[1, 2]" })).toEqual({ ok: true, expression: "[1, 2]" });
  const refused = defaultExpression(list("Int"), { kind: "literal", text: "5" });
  expect(refused.ok).toBe(false);
  if (!refused.ok) expect(refused.message).toMatch(/in brackets/);
});

test.each(["prisma", "postgresql"])(
  "every default of the %s corpus reads back into the inspector and out unchanged",
  (corpus) => {
    const folder = path.resolve(import.meta.dirname, "../../../shared/corpus", corpus);
    const files = fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => f.endsWith(".prisma")) : [];
    const changed: string[] = [];
    let defaults = 0;
    for (const file of files) {
      let graph;
      try {
        graph = parseSchema(fs.readFileSync(path.join(folder, file), "utf8"));
      } catch {
        continue; // the schemas Prisma refuses: the corpus test says which
      }
      const dialect = dialectOf(graph.datasource.provider);
      for (const model of graph.models)
        for (const f of model.fields.filter((f) => f.default !== undefined && f.kind !== "object")) {
          defaults++;
          const values = graph.enums.find((e) => e.name === f.type)?.values.map((v) => v.name) ?? [];
          const check = defaultExpression(f, describeDefault(f), values, dialect);
          const same =
            check.ok && (check.expression === f.default || (f.type === "DateTime" && sameInstant(check.expression, f.default)));
          // SQLite's Json defaults are refused where they are set (JSON_DEFAULT_ON_SQLITE): not a change.
          if (!same && !(f.type === "Json" && dialect === "sqlite")) changed.push(`${file} ${model.name}.${f.name} ${f.default}`);
        }
    }
    expect(files.length === 0 || defaults > 0).toBe(true);
    expect(changed).toEqual([]);
  },
);

function sameInstant(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && Date.parse(JSON.parse(a)) === Date.parse(JSON.parse(b));
}
