import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Project } from "../project/project";
import { readRenames } from "../project/renames-store";
import type { SchemaGraph } from "../schema/graph";
import { addField, addModel, deleteModel, renameField, renameModel, updateField } from "../schema/operations";
import { readLayout } from "../project/schema-store";
import { subscribe } from "./schema-head";
import { removeProject, tempProject } from "../testing/temp-project";
import { diffGraphs } from "./patch";
import { applyPatch, currentHead, type SchemaVersion } from "./schema-head";

let project: Project;
beforeEach(() => {
  project = tempProject();
});
afterEach(() => removeProject(project));

const schemaText = () => fs.readFileSync(project.schemaPath, "utf8");
const model = (graph: SchemaGraph, name: string) => graph.models.find((m) => m.name === name)!;
const field = (graph: SchemaGraph, modelName: string, name: string) =>
  model(graph, modelName).fields.find((f) => f.name === name)!;

/** A tab: the graph and version it last saw, and what it sends for an edit made on them. */
async function tab(by: string) {
  const head = await currentHead(project);
  const seen = { graph: head.graph, base: { version: head.version, hash: head.hash } as SchemaVersion };
  return {
    seen,
    edit: (change: (graph: SchemaGraph) => SchemaGraph) => {
      const next = change(seen.graph);
      return applyPatch(project, { base: seen.base, changes: diffGraphs(seen.graph, next), by });
    },
  };
}

describe("the server's versioned schema", () => {
  test("two tabs on the same version editing different tables: both kept (the lost update of the issue)", async () => {
    const a = await tab("tab-a");
    const b = await tab("tab-b");
    expect(await a.edit((g) => addModel(g, { name: "Alpha" }).graph)).toMatchObject({ ok: true, written: true });
    const result = await b.edit((g) => addField(g, model(g, "User").id, { name: "nickname", type: "String" }).graph);
    expect(result).toMatchObject({ ok: true, written: true, missed: [{ by: "tab-a" }] });
    expect(schemaText()).toMatch(/model Alpha \{/);
    expect(schemaText()).toMatch(/nickname\s+String/);
  });

  test("two tabs editing the same field: the second is refused, naming the field, who changed it and what it is now", async () => {
    const a = await tab("tab-a");
    const b = await tab("tab-b");
    expect(await a.edit((g) => renameField(g, field(g, "User", "fullname").id, "full_name"))).toMatchObject({ ok: true });
    const before = schemaText();
    const refused = await b.edit((g) => updateField(g, field(g, "User", "fullname").id, { optional: false }));
    expect(refused).toMatchObject({
      ok: false,
      kind: "conflict",
      error: expect.stringContaining("User.full_name was changed by another tab"),
      conflicts: [{ element: "User.full_name", by: "tab-a", now: { name: "full_name" } }],
    });
    expect(schemaText()).toBe(before);
  });

  test("a model added to the file by hand is kept through the next canvas edit, with the canvas's ids", async () => {
    const a = await tab("tab-a");
    fs.writeFileSync(project.schemaPath, `${schemaText()}\nmodel Comment {\n  id Int @id\n}\n`);
    const result = await a.edit((g) => updateField(g, field(g, "Address", "email_address").id, { isUnique: true }));
    expect(result).toMatchObject({ ok: true, missed: [{ by: "file" }] });
    expect(schemaText()).toMatch(/model Comment \{/);
    expect(schemaText()).toMatch(/email_address String\s+@unique/);
    const head = await currentHead(project);
    expect(model(head.graph, "User").id).toBe(model(a.seen.graph, "User").id);
  });

  test("a file changed by hand: the models it left alone stay the same objects, and its version names only what it changed", async () => {
    const before = await currentHead(project);
    fs.writeFileSync(project.schemaPath, schemaText().replace(/fullname(\s+)String\?/, "fullname$1String"));
    const after = await currentHead(project);
    expect(after.log.at(-1)).toMatchObject({ by: "file", changes: [{ key: expect.stringContaining("fullname") }] });
    expect(model(after.graph, "Address")).toBe(model(before.graph, "Address"));
    expect(model(after.graph, "User")).not.toBe(model(before.graph, "User"));
    expect(field(after.graph, "User", "fullname")).toMatchObject({
      id: field(before.graph, "User", "fullname").id,
      optional: false,
    });
  });

  test("a file mid-edit and invalid: edits are refused with Prisma's problem, the file is left alone", async () => {
    const a = await tab("tab-a");
    const broken = `${schemaText()}\nmodel Broken {\n  id Int @id\n  half\n}\n`;
    fs.writeFileSync(project.schemaPath, broken);
    const refused = await a.edit((g) => addModel(g, { name: "Alpha" }).graph);
    expect(refused).toMatchObject({
      ok: false,
      kind: "refused",
      error: expect.stringMatching(/is being edited and is not valid: line \d+/),
    });
    expect(schemaText()).toBe(broken);
  });

  test("a forged version and a change naming a model that does not exist are refused; nothing is written", async () => {
    const a = await tab("tab-a");
    const before = schemaText();
    expect(
      await applyPatch(project, { base: { version: a.seen.base.version + 7, hash: "forged" }, changes: [], by: "x" }),
    ).toMatchObject({ ok: false, kind: "stale" });
    const ghost = { ...field(a.seen.graph, "User", "name"), id: "field:ghost" };
    expect(
      await applyPatch(project, { base: a.seen.base, changes: [{ key: "field:model:Nope/field:ghost", value: ghost }], by: "x" }),
    ).toMatchObject({ ok: false, kind: "refused", error: expect.stringContaining("does not exist") });
    expect(schemaText()).toBe(before);
  });

  test("renames are recorded once, on the server, chained across saves", async () => {
    const a = await tab("tab-a");
    expect(await a.edit((g) => renameField(g, field(g, "User", "fullname").id, "full_name"))).toMatchObject({ ok: true });
    const next = await tab("tab-a");
    expect(await next.edit((g) => renameField(g, field(g, "User", "full_name").id, "display_name"))).toMatchObject({ ok: true });
    expect(await readRenames(project)).toEqual([{ kind: "column", table: "user_account", from: "fullname", to: "display_name" }]);
  });

  test("areas and views go through the sync by id, into the layout file by name; renames and deletes follow", async () => {
    const a = await tab("tab-a");
    const ids = { user: model(a.seen.graph, "User").id, address: model(a.seen.graph, "Address").id };
    const area = { id: "area-1", name: "People", color: "#dbeafe", tables: [ids.user, ids.address] };
    const view = { id: "view-1", name: "Users", tables: [ids.user], hidden: [], viewport: { x: 0, y: 0, zoom: 1 } };
    const heard: unknown[] = [];
    const stop = subscribe(project, (record) => heard.push(record?.board));
    const result = await applyPatch(project, {
      base: a.seen.base,
      changes: [],
      layout: { [ids.user]: { x: 10, y: 20 } },
      board: { areas: { [area.id]: area }, views: { [view.id]: view } },
      by: "tab-a",
    });
    stop();
    expect(result).toMatchObject({ ok: true, written: false });
    expect(heard).toEqual([{ areas: { [area.id]: area }, views: { [view.id]: view } }]);
    const written = JSON.parse(fs.readFileSync(project.layoutPath, "utf8"));
    expect(written.areas).toEqual([{ ...area, tables: ["User", "Address"] }]);
    expect(written.views).toEqual([{ ...view, tables: ["User"] }]);

    const b = await tab("tab-b");
    expect(await b.edit((g) => renameModel(g, ids.user, "Person"))).toMatchObject({ ok: true, written: true });
    const renamed = (await readLayout(project, (await currentHead(project)).graph)).file;
    expect(renamed.positions.Person).toEqual({ x: 10, y: 20 });
    expect(renamed.board.areas[area.id].tables).toEqual(["Person", "Address"]);
    expect(renamed.board.views[view.id].tables).toEqual(["Person"]);

    const c = await tab("tab-c");
    expect(await c.edit((g) => deleteModel(g, ids.address))).toMatchObject({ ok: true, written: true });
    const { file, notes } = await readLayout(project, (await currentHead(project)).graph);
    expect(file.board.areas[area.id].tables).toEqual(["Person"]);
    expect(notes).toEqual([]);
    expect(schemaText()).not.toMatch(/People|view-1/);
  });

  test("the layout file changed by hand between two drags is read again: the hand's position is kept", async () => {
    const a = await tab("tab-a");
    const ids = { user: model(a.seen.graph, "User").id, address: model(a.seen.graph, "Address").id };
    const drag = (id: string, x: number) =>
      applyPatch(project, { base: a.seen.base, changes: [], layout: { [id]: { x, y: 0 } }, by: "tab-a" });
    await drag(ids.user, 10);
    // An editor moves Address (same tables): the file this process wrote is not what is on disk now.
    const file = JSON.parse(fs.readFileSync(project.layoutPath, "utf8"));
    fs.writeFileSync(
      project.layoutPath,
      JSON.stringify({ ...file, positions: { ...file.positions, Address: { x: 777, y: 5 } } }),
    );
    await drag(ids.user, 30);
    const { positions } = (await readLayout(project, (await currentHead(project)).graph)).file;
    expect(positions).toEqual({ User: { x: 30, y: 0 }, Address: { x: 777, y: 5 } });
  });
});
