import { expect, test } from "vitest";
import { emptyBoard } from "@/lib/layout/board";
import { parseSchema } from "@/lib/schema/parse";
import { tutorialSchema } from "@/lib/testing/tutorial-schema";
import * as edits from "./design-edits";
import type { Design } from "./sync-client";

const aDesign = (): Design => ({
  graph: parseSchema(tutorialSchema()),
  layout: { "model:User": { x: 0, y: 0, color: "amber" }, "model:Address": { x: 400, y: 0 } },
  board: emptyBoard(),
});
const names = (design: Design) => design.graph.models.map((m) => m.name);

test("a new table lands where it was dropped, or on a free spot near the middle of the view", () => {
  const dropped = edits.addNode(aDesign(), "table", { at: { x: 900, y: 900 }, center: { x: 0, y: 0 } });
  const added = dropped.graph.models.at(-1)!;
  expect(dropped.layout[added.id]).toEqual({ x: 900, y: 900 });
  const centered = edits.addNode(aDesign(), "enum", { center: { x: 0, y: 0 } });
  const spot = centered.layout[centered.graph.enums.at(-1)!.id];
  expect(spot).not.toEqual({ x: 0, y: 0 }); // User is there
});

test("a copy keeps its original's color and lands beside it; the first copy's spot is given for the view", () => {
  const { design, firstCopy } = edits.duplicateModels(aDesign(), ["model:User"]);
  const copy = design.graph.models.at(-1)!;
  expect(names(design)).toHaveLength(3);
  expect(design.layout[copy.id]).toMatchObject({ color: "amber", ...firstCopy });
  expect(firstCopy!.x).toBeGreaterThan(0);
});

test("delete removes the table, the relation fields to it and its position; moves and colors keep the rest", () => {
  const deleted = edits.deleteNodes(aDesign(), ["model:Address"]);
  expect(names(deleted)).toEqual(["User"]);
  expect(deleted.graph.models[0].fields.some((f) => f.type === "Address")).toBe(false);
  expect(deleted.layout["model:Address"]).toBeUndefined();
  const moved = edits.moveNodes(aDesign(), { "model:User": { x: 5, y: 6 } });
  expect(moved.layout["model:User"]).toEqual({ x: 5, y: 6, color: "amber" });
  const cleared = edits.setColor(moved, "model:User", undefined);
  expect(cleared.layout["model:User"]).toEqual({ x: 5, y: 6 });
});

test("connecting two tables adds the relation field it names; arranging keeps colors", () => {
  const { design, relationFieldId } = edits.connect(aDesign(), { fromModelId: "model:Address", toModelId: "model:User" });
  expect(design.graph.models.find((m) => m.id === "model:Address")!.fields.some((f) => f.id === relationFieldId)).toBe(true);
  const arranged = edits.arrange(design, { "model:User": { x: 1, y: 2 } });
  expect(arranged.layout["model:User"]).toEqual({ x: 1, y: 2, color: "amber" });
});

test("the text panel's schema keeps positions by name and puts a table the text added near the middle", () => {
  const text = `${tutorialSchema()}\nmodel Extra {\n  id Int @id\n}\n`;
  const next = edits.replaceGraph(aDesign(), parseSchema(text), { x: 2000, y: 2000 });
  const user = next.graph.models.find((m) => m.name === "User")!;
  const extra = next.graph.models.find((m) => m.name === "Extra")!;
  expect(next.layout[user.id]).toMatchObject({ x: 0, y: 0 });
  expect(Math.abs(next.layout[extra.id].x - 2000)).toBeLessThan(1000);
});
