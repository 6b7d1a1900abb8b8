import fc from "fast-check";
import { expect, test } from "vitest";
import { compileSchema } from "./compile";
import { retype } from "./defaults";
import { modelMembers, SCALAR_TYPES, schemaGraphSchema, type SchemaGraph } from "./graph";
import * as operations from "./operations";
import { parseSchema } from "./parse";
import { parseSchemaFile } from "./parse-file";
import {
  connectModels,
  deleteRelation,
  RELATION_KINDS,
  RelationRefused,
  setReferentialActions,
  setRelationKind,
} from "./relations";
import { readSourceNotes } from "./source-notes";
import { tutorialSchema } from "../testing/tutorial-schema";

/**
 * Any sequence of graph operations, with any names (valid, reserved, empty, duplicate,
 * with spaces or line breaks), ends in a graph that is still well formed and that Prisma
 * either accepts as written or refuses with located, readable problems. Nothing throws
 * but a RelationRefused, whose message says what to do. What the designer keeps as written
 * (@ignore and Unsupported(...) fields, @@ignore models) is still there, in its place.
 */

const base = parseSchema(tutorialSchema());
const names = fc.constantFrom(
  "Post",
  "Tag",
  "User",
  "delete",
  "1bad",
  "",
  "with space",
  "x String\n  evil",
  "Café",
  "Comment",
  "a_b",
);
const fieldNames = fc.constantFrom("title", "id", "user_id", "", "two words", "created_at", "body", "name");
const pick = fc.nat();

type Step = (graph: SchemaGraph) => SchemaGraph;
const nth = <T>(items: T[], n: number): T | undefined => (items.length ? items[n % items.length] : undefined);
const allFields = (g: SchemaGraph) => g.models.flatMap((m) => m.fields.map((f) => ({ model: m, field: f })));
const relationFields = (g: SchemaGraph) => allFields(g).filter(({ field }) => field.kind === "object");

const step: fc.Arbitrary<Step> = fc.oneof(
  names.map((name) => (g: SchemaGraph) => operations.addModel(g, { name }).graph),
  fc.tuple(pick, names).map(([n, name]) => (g: SchemaGraph) => {
    const model = nth(g.models, n);
    return model ? operations.renameModel(g, model.id, name) : g;
  }),
  pick.map((n) => (g: SchemaGraph) => {
    const model = nth(g.models, n);
    return model ? operations.deleteModel(g, model.id) : g;
  }),
  fc.tuple(pick, fieldNames, fc.constantFrom(...SCALAR_TYPES)).map(([n, name, type]) => (g: SchemaGraph) => {
    const model = nth(g.models, n);
    return model ? operations.addField(g, model.id, { name, type }).graph : g;
  }),
  fc.tuple(pick, fieldNames).map(([n, name]) => (g: SchemaGraph) => {
    const entry = nth(allFields(g), n);
    return entry ? operations.renameField(g, entry.field.id, name) : g;
  }),
  pick.map((n) => (g: SchemaGraph) => {
    const entry = nth(
      allFields(g).filter(({ field }) => field.kind !== "object"),
      n,
    );
    return entry ? operations.deleteField(g, entry.field.id) : g;
  }),
  fc
    .tuple(pick, fc.constantFrom(...SCALAR_TYPES), fc.boolean(), fc.boolean())
    .map(([n, type, optional, isUnique]) => (g: SchemaGraph) => {
      const entry = nth(
        allFields(g).filter(({ field }) => field.kind === "scalar"),
        n,
      );
      return entry
        ? operations.updateField(g, entry.field.id, { ...retype(entry.field, type, "scalar"), optional, isUnique })
        : g;
    }),
  fc.tuple(pick, pick, fc.constantFrom(...RELATION_KINDS)).map(([a, b, kind]) => (g: SchemaGraph) => {
    const from = nth(g.models, a);
    const to = nth(g.models, b);
    return from && to ? connectModels(g, { fromModelId: from.id, toModelId: to.id, kind }).graph : g;
  }),
  fc.tuple(pick, fc.constantFrom(...RELATION_KINDS)).map(([n, kind]) => (g: SchemaGraph) => {
    const entry = nth(relationFields(g), n);
    return entry ? setRelationKind(g, entry.model.id, entry.field.id, kind) : g;
  }),
  fc
    .tuple(pick, fc.constantFrom("Cascade", "Restrict", "SetNull", "NoAction", undefined))
    .map(([n, onDelete]) => (g: SchemaGraph) => {
      const entry = nth(relationFields(g), n);
      return entry ? setReferentialActions(g, entry.model.id, entry.field.id, { onDelete }) : g;
    }),
  pick.map((n) => (g: SchemaGraph) => {
    const entry = nth(relationFields(g), n);
    return entry ? deleteRelation(g, entry.model.id, entry.field.id) : g;
  }),
  names.map((name) => (g: SchemaGraph) => operations.addEnum(g, { name }).graph),
  pick.map((n) => (g: SchemaGraph) => {
    const enumeration = nth(g.enums, n);
    return enumeration ? operations.deleteEnum(g, enumeration.id) : g;
  }),
  pick.map((n) => (g: SchemaGraph) => {
    const model = nth(g.models, n);
    return model ? operations.duplicateModels(g, [model.id]).graph : g;
  }),
  fc.tuple(pick, pick).map(([n, to]) => (g: SchemaGraph) => {
    const entry = nth(allFields(g), n);
    return entry ? operations.moveField(g, entry.field.id, to % 8) : g;
  }),
);

/** Runs random operation sequences from `start`; `kept` checks what a written schema must still hold. */
function property(start: SchemaGraph, numRuns: number, kept?: (graph: SchemaGraph, text: string) => void) {
  fc.assert(
    fc.property(fc.array(step, { minLength: 1, maxLength: 10 }), (steps) => {
      let graph = start;
      for (const apply of steps) {
        try {
          graph = apply(graph);
        } catch (error) {
          // The one refusal an operation may give: a relation that cannot be drawn, with the reason.
          expect(error).toBeInstanceOf(RelationRefused);
          expect((error as Error).message.length).toBeGreaterThan(10);
        }
      }
      // Well formed: the browser's own validation accepts it as it is, and ids are unique.
      expect(schemaGraphSchema.parse(graph)).toEqual(graph);
      const ids = [
        ...graph.models.flatMap((m) => [m.id, ...m.fields.map((f) => f.id), ...(m.verbatimFields ?? []).map((f) => f.id)]),
        ...graph.enums.map((e) => e.id),
        ...(graph.ignoredModels ?? []).map((m) => m.id),
      ];
      expect(new Set(ids).size).toBe(ids.length);

      const compiled = compileSchema(graph);
      if (compiled.ok) {
        // What is written reads back as the same models and fields.
        const reread = parseSchema(compiled.text);
        expect(reread.models.map((m) => [m.name, m.fields.map((f) => f.name)])).toEqual(
          graph.models.map((m) => [m.name, m.fields.map((f) => f.name)]),
        );
        kept?.(graph, compiled.text);
      } else {
        expect(compiled.problems.length).toBeGreaterThan(0);
        for (const problem of compiled.problems) expect(problem.message.trim().length).toBeGreaterThan(5);
      }
    }),
    { numRuns },
  );
}

test("any sequence of operations gives a well-formed graph that Prisma accepts or refuses clearly", () => {
  property(base, 1000);
});

const withVerbatim = `datasource db {
  provider = "sqlite"
}

model User {
  id       Int                     @id @default(autoincrement())
  // kept as written
  legacy   String                  @ignore
  name     String
  location Unsupported("point")?
  posts    Post[]                  @ignore
  material Unsupported("material")

  @@unique([id, material])
}

/// ignored
model Post {
  id       Int  @id
  authorId Int
  author   User @relation(fields: [authorId], references: [id])

  @@ignore
}

model Tag {
  blob Unsupported("blob")
  id   Int                 @id
  tag  String
}
`;

test("operations on a schema with @ignore, Unsupported(...) and @@ignore keep them, in their order", () => {
  property(parseSchemaFile(withVerbatim), 300, (graph, text) => {
    const notes = readSourceNotes(text);
    for (const model of graph.models) {
      const written = notes.blocks.get(model.name)?.verbatim.map((v) => v.text) ?? [];
      expect(written).toEqual((model.verbatimFields ?? []).map((v) => v.text));
      // Printed among the fields as modelMembers orders them.
      const order = [...(notes.blocks.get(model.name)?.members.keys() ?? [])];
      expect(order).toEqual(modelMembers(model).map((m) => m.name));
    }
    expect(notes.ignoredBlocks.map((b) => b.name)).toEqual((graph.ignoredModels ?? []).map((m) => m.name));
  });
});
