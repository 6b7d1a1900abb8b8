import { getSchema } from "@mrleebo/prisma-ast/dist/prisma-ast.esm.js";
import { describe, expect, test } from "vitest";
import { graphToFlow } from "@/components/canvas/graph-to-flow";
import { layoutById, layoutByName } from "../layout/positions";
import { compileSchema } from "./compile";
import { modelMembers, schemaGraphSchema, type SchemaGraph } from "./graph";
import * as operations from "./operations";
import { parseSchemaFile } from "./parse-file";
import { formatSchema, readDatamodel } from "./prisma-wasm";
import { deleteRelation } from "./relations";

/**
 * Fields Prisma's datamodel leaves out (@ignore, Unsupported("...")) and @@ignore models
 * are kept as prisma-ast reads them: their text, their place among the other fields and
 * blocks, their comments. They print back where they were; editing the rest keeps them.
 */
const source = `// Header comment
generator client {
  provider = "prisma-client"
  output   = "./generated"
}

datasource db {
  provider = "sqlite"
}

/// A user
model User {
  id       Int                     @id @default(autoincrement())
  // leading comment of an ignored field
  /// documentation of an ignored field
  legacy   String                  @ignore // trailing of an ignored field
  email    String                  @unique
  /// its position
  location Unsupported("point")?
  posts    Post[]                  @ignore
  material Unsupported("material")

  name String? // name
  // end of User

  @@unique([id, material])
}

// above Post
/// Post is ignored
model Post {
  id       Int  @id
  authorId Int
  // the author
  author   User @relation(fields: [authorId], references: [id]) // trailing

  @@ignore
}

model Box {
  shape Unsupported("polygon")
  id    Int                    @id
}

enum Color {
  RED
}
`;

type AstNode = { type: string; name?: string; properties?: AstNode[] };
/** The members of a model as prisma-ast reads them, in order: `name` for fields, `@@name` for block attributes. */
function members(text: string, model: string): string[] {
  const block = (getSchema(text).list as AstNode[]).find((b) => b.name === model);
  return (block?.properties ?? []).flatMap((p) =>
    p.type === "field" ? [p.name!] : p.type === "attribute" ? [`@@${p.name}`] : [],
  );
}

function compiled(graph: SchemaGraph): string {
  const result = compileSchema(graph);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("\n"));
  return result.text;
}

const modelId = (graph: SchemaGraph, name: string) => graph.models.find((m) => m.name === name)!.id;
const fieldId = (graph: SchemaGraph, model: string, name: string) =>
  graph.models.find((m) => m.name === model)!.fields.find((f) => f.name === name)!.id;

describe("@ignore fields, Unsupported fields and @@ignore models", () => {
  test("are read into the graph, which the browser's validation keeps as it is", () => {
    const graph = parseSchemaFile(source);
    expect(graph.readOnly).toBeUndefined();
    const user = graph.models.find((m) => m.name === "User")!;
    expect(user.fields.map((f) => f.name)).toEqual(["id", "email", "name"]);
    expect(user.verbatimFields).toEqual([
      {
        id: "field:User.legacy",
        name: "legacy",
        text: "legacy String @ignore",
        type: "String",
        reason: "ignored",
        after: "field:User.id",
        comments: {
          leading: ["// leading comment of an ignored field", "/// documentation of an ignored field"],
          trailing: "// trailing of an ignored field",
        },
      },
      {
        id: "field:User.location",
        name: "location",
        text: 'location Unsupported("point")?',
        type: 'Unsupported("point")?',
        reason: "unsupported",
        after: "field:User.email",
        comments: { leading: ["/// its position"] },
      },
      {
        id: "field:User.posts",
        name: "posts",
        text: "posts Post[] @ignore",
        type: "Post[]",
        reason: "ignored",
        after: "field:User.email",
      },
      {
        id: "field:User.material",
        name: "material",
        text: 'material Unsupported("material")',
        type: 'Unsupported("material")',
        reason: "unsupported",
        after: "field:User.email",
      },
    ]);
    const box = graph.models.find((m) => m.name === "Box")!;
    expect(box.verbatimFields?.map((f) => [f.name, f.after])).toEqual([["shape", undefined]]);
    expect(modelMembers(box).map((m) => m.name)).toEqual(["shape", "id"]);
    expect(modelMembers(user).map((m) => m.name)).toEqual(["id", "legacy", "email", "location", "posts", "material", "name"]);

    expect(graph.models.map((m) => m.name)).toEqual(["User", "Box"]);
    expect(graph.ignoredModels).toEqual([
      {
        id: "model:Post",
        name: "Post",
        text: expect.stringContaining("model Post {"),
        fields: [
          { name: "id", type: "Int" },
          { name: "authorId", type: "Int" },
          { name: "author", type: "User" },
        ],
      },
    ]);
    expect(graph.ignoredModels![0].text.split("\n").slice(0, 3)).toEqual([
      "// above Post",
      "/// Post is ignored",
      "model Post {",
    ]);
    expect(graph.order).toEqual(["model:User", "model:Post", "model:Box", "enum:Color"]);
    expect(schemaGraphSchema.parse(graph)).toEqual(graph);
  });

  test("print back exactly as prisma format prints the file", () => {
    const text = compiled(parseSchemaFile(source));
    expect(text).toBe(formatSchema(source));
    expect(readDatamodel(text)).toEqual(readDatamodel(source));
  });

  test("stay in place while the rest of the model is edited", () => {
    const graph = parseSchemaFile(source);
    const user = modelId(graph, "User");

    const renamed = compiled(operations.renameField(graph, fieldId(graph, "User", "email"), "mail"));
    expect(renamed).toBe(formatSchema(source.replace("email    String ", "mail     String ")));

    const added = compiled(operations.addField(graph, user, { name: "nickname" }).graph);
    expect(members(added, "User")).toEqual([
      "id",
      "legacy",
      "email",
      "location",
      "posts",
      "material",
      "name",
      "nickname",
      "@@unique",
    ]);
    expect(added).toContain("  legacy   String                  @ignore // trailing of an ignored field\n");

    // A field they followed is deleted or moved away: they follow the field before it.
    const deleted = operations.deleteField(graph, fieldId(graph, "User", "email"));
    expect(members(compiled(deleted), "User")).toEqual(["id", "legacy", "location", "posts", "material", "name", "@@unique"]);
    const moved = operations.moveField(graph, fieldId(graph, "User", "email"), 2);
    expect(members(compiled(moved), "User")).toEqual([
      "id",
      "legacy",
      "location",
      "posts",
      "material",
      "name",
      "email",
      "@@unique",
    ]);
    const first = operations.moveField(graph, fieldId(graph, "User", "name"), 0);
    expect(members(compiled(first), "User")).toEqual([
      "name",
      "id",
      "legacy",
      "email",
      "location",
      "posts",
      "material",
      "@@unique",
    ]);
    // A field added is not given the name of a kept one.
    const named = operations.addField(graph, modelId(graph, "Box"), {}).graph;
    expect(members(compiled(named), "Box")).toEqual(["shape", "id", "field1"]);

    // Renaming a model nothing kept points at keeps the kept fields too.
    const box = compiled(operations.renameModel(graph, modelId(graph, "Box"), "Crate"));
    expect(members(box, "Crate")).toEqual(["shape", "id"]);
    expect(box).toContain('  shape Unsupported("polygon")\n');
    expect(box).toContain("// above Post\n/// Post is ignored\nmodel Post {\n");
  });

  test("a copy of a model leaves them out; a relation deleted beside them keeps them", () => {
    const graph = parseSchemaFile(source);
    const { copies } = operations.duplicateModels(graph, [modelId(graph, "User")]);
    expect(copies[0].verbatimFields).toBeUndefined();
    expect(copies[0].uniques).toEqual([]);

    const related = parseSchemaFile(`datasource db {
  provider = "sqlite"
}

model A {
  id   Int  @id
  bId  Int
  b    B    @relation(fields: [bId], references: [id])
  blob Unsupported("blob")
}

model B {
  id Int @id
  as A[]
}
`);
    const a = related.models[0];
    const without = deleteRelation(related, a.id, a.fields.find((f) => f.name === "b")!.id);
    expect(members(compiled(without), "A")).toEqual(["id", "blob"]);
  });

  test("a model an ignored relation points at may be renamed: Prisma's refusal says why", () => {
    const graph = parseSchemaFile(source);
    const result = compileSchema(operations.renameModel(graph, modelId(graph, "User"), "Person"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.message).join(" ")).toMatch(/User/);
  });

  test("the canvas draws them as read-only rows and the @@ignore model as a node marked ignored", () => {
    const graph = parseSchemaFile(source);
    const { nodes } = graphToFlow(graph, {});
    expect(nodes.map((n) => n.id)).toEqual(["model:User", "model:Box", "enum:Color", "model:Post"]);
    const post = nodes.find((n) => n.id === "model:Post")!;
    expect(post).toMatchObject({ type: "model", deletable: false, data: { ignored: true } });
    expect(post.type === "model" && post.data.model.verbatimFields?.map((f) => [f.name, f.type, f.reason])).toEqual([
      ["id", "Int", "ignored"],
      ["authorId", "Int", "ignored"],
      ["author", "User", "ignored"],
    ]);
    // Without a saved place it goes below the other nodes, and is saved where it is shown.
    const lowest = Math.max(...nodes.filter((n) => n !== post).map((n) => n.position.y + (n.initialHeight ?? 0)));
    expect(post.position.y).toBeGreaterThan(lowest);
    expect(layoutByName(graph, layoutById(graph, {}))).toMatchObject({ Post: post.position });
    const moved = graphToFlow(graph, layoutById(graph, { Post: { x: 7, y: 9 } })).nodes.find((n) => n.id === "model:Post");
    expect(moved?.position).toEqual({ x: 7, y: 9 });
  });
});
