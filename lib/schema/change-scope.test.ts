import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { changeScope } from "./change-scope";
import { compileSchema } from "./compile";
import { tableName, type Field, type Model, type SchemaGraph } from "./graph";
import * as operations from "./operations";
import { parseSchemaFile } from "./parse-file";
import { connectModels, RelationRefused } from "./relations";
import { aField, aModel, anEnum, aRelation, aSchema } from "../testing/schema-builders";

/**
 * An edit is validated on the part of the schema it can make invalid (change-scope). The
 * scope must hold whatever Prisma would refuse: the unit tests name each way a rule reaches
 * across blocks, and the property holds the verdict (and its problems) to the whole
 * schema's, for edits of every kind, forged ones included, on real schemas.
 */

const names = (scope: SchemaGraph | null) => scope?.models.map((m) => m.name).sort();
const replaceModel = (graph: SchemaGraph, model: Model): SchemaGraph => ({
  ...graph,
  models: graph.models.map((m) => (m.id === model.id ? model : m)),
});
const withField = (model: Model, name: string, change: Partial<Field>): Model => ({
  ...model,
  fields: model.fields.map((f) => (f.name === name ? { ...f, ...change } : f)),
});

const shop = aSchema(
  [
    aModel("User", [aField("email", { isUnique: true }), aField("posts", { type: "Post", kind: "object", list: true })]),
    aModel("Post", [...aRelation("author", "User"), aField("status", { type: "Status", kind: "enum", default: "draft" })]),
    aModel("Tag", [aField("label")], { dbName: "tags" }),
    aModel("Audit", [aField("note")]),
  ],
  [anEnum("Status", ["draft", "live"]), anEnum("Unused", ["a"])],
);
const model = (graph: SchemaGraph, name: string) => graph.models.find((m) => m.name === name)!;

describe("the scope of an edit", () => {
  test("a field of an unrelated model is its model alone", () => {
    const after = operations.renameField(shop, "field:Tag.label", "name");
    expect(names(changeScope(shop, after))).toEqual(["Tag"]);
  });

  test("a model comes with the models related to it, which keep only the relations inside the scope", () => {
    const after = operations.renameField(shop, "field:User.email", "mail");
    const scope = changeScope(shop, after)!;
    expect(names(scope)).toEqual(["Post", "User"]);
    // Post's enum comes too, since Post is in the scope.
    expect(scope.enums.map((e) => e.name)).toEqual(["Status"]);
  });

  test("an enum comes with the models that use it; a removed model with those that named it", () => {
    const noDraft = operations.updateEnum(shop, "enum:Status", { values: [{ name: "live" }] });
    expect(names(changeScope(shop, { ...noDraft, models: shop.models }))).toEqual(["Post"]);
    const noUser = { ...shop, models: shop.models.filter((m) => m.name !== "User") };
    expect(names(changeScope(shop, noUser))).toEqual(["Post"]);
  });

  test("a renamed model is still looked for under its old name", () => {
    const renamed = replaceModel(shop, { ...model(shop, "User"), name: "Person" });
    expect(names(changeScope(shop, renamed))).toEqual(["Person", "Post"]);
  });

  test("blocks whose names could equal the changed ones' come along: model, table and constraint names", () => {
    // A table named as another model's table (@@map "tags").
    const mapped = replaceModel(shop, { ...model(shop, "Audit"), dbName: "Tags" });
    expect(names(changeScope(shop, mapped))).toEqual(["Audit", "Tag"]);
    // A model named as an enum.
    const asEnum = replaceModel(shop, { ...model(shop, "Audit"), name: "Unused" });
    expect(changeScope(shop, asEnum)!.enums.map((e) => e.name)).toContain("Unused");
    // A constraint named as Prisma names another table's key (tags_label_key).
    const named = replaceModel(shop, withField(model(shop, "Audit"), "note", { isUnique: true, uniqueDbName: "tags_label_key" }));
    expect(names(changeScope(shop, named))).toEqual(["Audit", "Tag"]);
  });

  test("Prisma's default names of two tables can meet: a_b (c) and a (b_c) both make a_b_c_key", () => {
    const graph = aSchema([aModel("a_b", [aField("c")]), aModel("a", [aField("b_c")]), aModel("z", [aField("y")])]);
    const after = operations.updateField(graph, "field:a_b.c", { isUnique: true });
    expect(names(changeScope(graph, after))).toEqual(["a", "a_b"]);
  });

  test("a changed datasource, generator or kept @@ignore model has no scope: the whole schema is validated", () => {
    expect(changeScope(shop, { ...shop, datasource: { ...shop.datasource, provider: "postgresql" } })).toBeNull();
    const ignored = {
      ...shop,
      ignoredModels: [{ id: "i", name: "Old", text: "model Old {\n  id Int @id\n  @@ignore\n}", fields: [] }],
    };
    expect(changeScope(ignored, operations.renameField(ignored, "field:Tag.label", "x"))).toBeNull();
  });

  test("a refused scope is validated whole: the problems are the whole schema's", () => {
    // Two models mapped to one table: Prisma refuses it, on the model that was changed.
    const mapped = replaceModel(shop, { ...model(shop, "Audit"), dbName: "tags" });
    const scoped = compileSchema(mapped, shop);
    expect(scoped).toEqual(compileSchema(mapped));
    expect(scoped.ok).toBe(false);
  });
});

/** Edits as a tab could send them, well formed or forged, and the names they may collide with. */
function edits(graph: SchemaGraph): fc.Arbitrary<(g: SchemaGraph) => SchemaGraph> {
  const models = graph.models.filter((m) => !m.isView);
  const fields = models.flatMap((m) => m.fields.map((f) => ({ model: m, field: f })));
  const blockNames = [...graph.models.map((m) => m.name), ...graph.enums.map((e) => e.name), "Fresh"];
  const tables = [...graph.models.map(tableName), ...graph.enums.map((e) => e.dbName ?? e.name), "fresh"];
  const defaults = fields.flatMap(({ model: m, field }) => [
    `${tableName(m)}_${field.dbName ?? field.name}_key`,
    `${tableName(m)}_${field.dbName ?? field.name}_idx`,
    `${tableName(m)}_${field.dbName ?? field.name}_fkey`,
    `${tableName(m)}_pkey`,
  ]);
  const chosen = models.flatMap((m) => [...m.uniques, ...m.indexes].flatMap((i) => (i.dbName ? [i.dbName] : [])));
  const constraintName = fc.constantFrom(...defaults.slice(0, 400), ...chosen, "fresh_name");
  const aModelOf = fc.constantFrom(...models);
  const aFieldOf = fc.constantFrom(...fields);
  const update = (g: SchemaGraph, id: string, change: (m: Model) => Model) => ({
    ...g,
    models: g.models.map((m) => (m.id === id ? change(m) : m)),
  });
  const onField = (g: SchemaGraph, at: { model: Model; field: Field }, change: Partial<Field>) =>
    update(g, at.model.id, (m) => ({ ...m, fields: m.fields.map((f) => (f.id === at.field.id ? { ...f, ...change } : f)) }));
  return fc.oneof(
    fc.tuple(aModelOf, fc.constantFrom(...blockNames)).map(
      ([m, name]) =>
        (g: SchemaGraph) =>
          update(g, m.id, (x) => ({ ...x, name })),
    ),
    fc.tuple(aModelOf, fc.constantFrom(...tables)).map(
      ([m, dbName]) =>
        (g: SchemaGraph) =>
          update(g, m.id, (x) => ({ ...x, dbName })),
    ),
    fc.tuple(aModelOf, fc.constantFrom(...blockNames)).map(
      ([m, name]) =>
        (g: SchemaGraph) =>
          operations.renameModel(g, m.id, name),
    ),
    aModelOf.map((m) => (g: SchemaGraph) => ({ ...g, models: g.models.filter((x) => x.id !== m.id) })),
    aModelOf.map((m) => (g: SchemaGraph) => operations.deleteModel(g, m.id)),
    aFieldOf.map(
      (at) => (g: SchemaGraph) => update(g, at.model.id, (m) => ({ ...m, fields: m.fields.filter((f) => f !== at.field) })),
    ),
    fc.tuple(aFieldOf, fc.constantFrom("id", "email", "name", "userId", "x")).map(
      ([at, name]) =>
        (g: SchemaGraph) =>
          onField(g, at, { name }),
    ),
    fc.tuple(aFieldOf, fc.constantFrom(...blockNames)).map(
      ([at, type]) =>
        (g: SchemaGraph) =>
          onField(g, at, { type }),
    ),
    fc.tuple(aFieldOf, constraintName).map(
      ([at, uniqueDbName]) =>
        (g: SchemaGraph) =>
          onField(g, at, { isUnique: true, uniqueDbName }),
    ),
    fc.tuple(aFieldOf, constraintName).map(
      ([at, dbName]) =>
        (g: SchemaGraph) =>
          at.field.relation ? onField(g, at, { relation: { ...at.field.relation, dbName } }) : g,
    ),
    fc.tuple(aFieldOf, constraintName).map(
      ([at, dbName]) =>
        (g: SchemaGraph) =>
          update(g, at.model.id, (m) => ({ ...m, indexes: [...m.indexes, { fields: [at.field.name], dbName }] })),
    ),
    fc.constantFrom(...blockNames).map((name) => (g: SchemaGraph) => operations.addModel(g, { name }).graph),
    fc.tuple(aModelOf, aModelOf).map(
      ([a, b]) =>
        (g: SchemaGraph) =>
          connectModels(g, { fromModelId: a.id, toModelId: b.id }).graph,
    ),
    ...(graph.enums.length
      ? [
          fc.constantFrom(...graph.enums).map((e) => (g: SchemaGraph) => ({
            ...g,
            enums: g.enums.map((x) => (x.id === e.id ? { ...x, values: x.values.slice(1) } : x)),
          })),
          fc.tuple(fc.constantFrom(...graph.enums), fc.constantFrom(...blockNames)).map(([e, name]) => (g: SchemaGraph) => ({
            ...g,
            enums: g.enums.map((x) => (x.id === e.id ? { ...x, name } : x)),
          })),
          fc.constantFrom(...graph.enums).map((e) => (g: SchemaGraph) => operations.deleteEnum(g, e.id)),
        ]
      : []),
  );
}

const corpus = (folder: string, file: string) =>
  fs.readFileSync(path.resolve(import.meta.dirname, "../../../shared/corpus", folder, file), "utf8");

describe.each([
  ["a small schema", shop],
  ["documenso (SQLite)", parseSchemaFile(corpus("prisma", "documenso-documenso__documenso.prisma"))],
  ["documenso (PostgreSQL)", parseSchemaFile(corpus("postgresql", "documenso-documenso__documenso.prisma"))],
])("on %s", (_label, base) => {
  test("an edit validated in its scope gets the whole schema's verdict and problems", () => {
    expect(compileSchema(base).ok).toBe(true);
    fc.assert(
      fc.property(fc.array(edits(base), { minLength: 1, maxLength: 3 }), (steps) => {
        let after = base;
        try {
          for (const step of steps) after = step(after);
        } catch (error) {
          // A relation that cannot be drawn, or an element an earlier step removed: no edit.
          if (error instanceof RelationRefused || /^No \w+ with id/.test((error as Error).message)) return;
          throw error;
        }
        expect(compileSchema(after, base)).toEqual(compileSchema(after));
      }),
      { numRuns: 300 },
    );
  });
});
