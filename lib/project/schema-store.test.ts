import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { SchemaGraph } from "../schema/graph";
import { addField, addModel, renameField, renameModel } from "../schema/operations";
import { removeProject, tempProject } from "../testing/temp-project";
import type { Project } from "./project";
import { openSchema, readLayout, saveLayout, saveSchema, schemaVersion } from "./schema-store";

let project: Project;
let original: string;
let graph: SchemaGraph;

beforeEach(async () => {
  project = tempProject();
  original = fs.readFileSync(project.schemaPath, "utf8");
  graph = (await openSchema(project)).graph;
});
afterEach(() => removeProject(project));

const user = () => graph.models.find((m) => m.name === "User")!;

async function expectRefused(next: SchemaGraph, elementId: string | undefined, message: RegExp) {
  const result = await saveSchema(project, next);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.problems).toContainEqual(expect.objectContaining({ elementId, message: expect.stringMatching(message) }));
  expect(fs.readFileSync(project.schemaPath, "utf8")).toBe(original);
}

describe("saving the schema", () => {
  test("the shipped schema reads and prints back byte for byte", async () => {
    const result = await saveSchema(project, graph);
    expect(result).toEqual({ ok: true, text: original, version: schemaVersion(original), written: false });
  });

  test("an added table is written formatted, as prisma format would", async () => {
    const { graph: next, model } = addModel(graph, { name: "Post" });
    const result = await saveSchema(project, addField(next, model.id, { name: "title" }).graph);
    expect(result.ok).toBe(true);
    expect(fs.readFileSync(project.schemaPath, "utf8")).toContain(
      "model Post {\n  id    Int    @id @default(autoincrement())\n  title String\n}\n",
    );
  });

  test.each([
    ["1bad", /must not start with a number/],
    ["delete", /reserved name/],
    ["", /not (start with any known Prisma schema keyword|a valid)/],
  ])("a table named %j is refused with Prisma's message, on that table", async (name, message) => {
    const { graph: next, model } = addModel(graph, { name: "Draft" });
    await expectRefused(renameModel(next, model.id, name), model.id, message);
  });

  test("a second table with an existing name is refused", async () => {
    const { graph: next, model } = addModel(graph, { name: "User" });
    await expectRefused(next, model.id, /model "User" cannot be defined because a model with that name already exists/);
  });

  test("a field name with a space is refused on that field", async () => {
    const fullname = user().fields.find((f) => f.name === "fullname")!;
    await expectRefused(renameField(graph, fullname.id, "full name"), fullname.id, /not a valid field/);
  });

  test("a name that would print as two fields is refused, not written", async () => {
    const fullname = user().fields.find((f) => f.name === "fullname")!;
    const injected = renameField(graph, fullname.id, "nick String\n  evil");
    const result = await saveSchema(project, injected);
    expect(result.ok).toBe(false);
    expect(fs.readFileSync(project.schemaPath, "utf8")).toBe(original);
  });

  test("renaming a referenced field renames the relation's references too", async () => {
    const id = user().fields.find((f) => f.name === "id")!;
    const result = await saveSchema(project, renameField(graph, id.id, "user_id"));
    expect(result.ok).toBe(true);
    expect(fs.readFileSync(project.schemaPath, "utf8")).toContain(
      "@relation(fields: [user_id], references: [user_id], onDelete: Cascade)",
    );
  });

  test("node positions are saved beside the schema and read back", async () => {
    await saveLayout(project, graph, { User: { x: 10.4, y: 20.6 }, Address: { x: 400, y: 20 } });
    expect((await readLayout(project, graph)).file.positions).toEqual({ Address: { x: 400, y: 20 }, User: { x: 10, y: 21 } });
    fs.writeFileSync(project.layoutPath, "{ not json");
    const broken = await readLayout(project, graph);
    expect(broken.file.positions).toEqual({});
    expect(broken.notes).toEqual([expect.stringMatching(/not valid JSON/)]);
  });

  test("saving positions keeps the file's areas and views", async () => {
    const area = { id: "a1", name: "People", color: "#dbeafe", tables: ["User", "Address"] };
    fs.writeFileSync(project.layoutPath, JSON.stringify({ version: 1, positions: {}, areas: [area] }));
    await saveLayout(project, graph, { User: { x: 1, y: 2 } });
    const { file, notes } = await readLayout(project, graph);
    expect(file.board.areas).toEqual({ a1: area });
    expect(file.positions).toEqual({ User: { x: 1, y: 2 } });
    expect(notes).toEqual([]);
  });
});
