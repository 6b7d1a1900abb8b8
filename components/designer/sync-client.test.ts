import { expect, test } from "vitest";
import { emptyBoard } from "@/lib/layout/board";
import { record, startHistory, undo } from "@/lib/schema/history";
import { addModel, renameField } from "@/lib/schema/operations";
import { parseSchema } from "@/lib/schema/parse";
import { diffGraphs } from "@/lib/sync/patch";
import { tutorialSchema } from "@/lib/testing/tutorial-schema";
import { confirmAfter, layoutChanges, patchFor, rebaseHistory, withRecord, type Confirmed, type Design } from "./sync-client";

const base = (): Confirmed => {
  const graph = parseSchema(tutorialSchema());
  return {
    graph,
    layout: { "model:User": { x: 0, y: 0 }, "model:Address": { x: 400, y: 0 } },
    board: emptyBoard(),
    version: { version: 7, hash: "h7" },
  };
};
const fullname = (design: Design) => design.graph.models[0].fields.find((f) => f.name.startsWith("full"))!;

test("an edit is sent as the elements it changed, on the version the tab last saw; nothing to send is null", () => {
  const confirmed = base();
  expect(patchFor(confirmed, confirmed)).toBeNull();
  const renamed = { ...confirmed, graph: renameField(confirmed.graph, fullname(confirmed).id, "full_name") };
  const patch = patchFor(confirmed, renamed)!;
  expect(patch.base).toEqual({ version: 7, hash: "h7" });
  expect(patch.changes.map((c) => c.key)).toEqual(["field:model:User/field:User.fullname"]);
  expect(JSON.stringify(patch).length).toBeLessThan(1000);
  const moved = { ...confirmed, layout: { ...confirmed.layout, "model:User": { x: 10, y: 20 } } };
  expect(patchFor(confirmed, moved)).toEqual({
    base: confirmed.version,
    changes: [],
    layout: { "model:User": { x: 10, y: 20 } },
  });
});

test("layout changes name moved, recolored and removed nodes only", () => {
  expect(
    layoutChanges(
      { a: { x: 0, y: 0 }, b: { x: 1, y: 1 }, c: { x: 2, y: 2 } },
      { a: { x: 0, y: 0 }, b: { x: 1, y: 1, color: "#ffffff" } },
    ),
  ).toEqual({ b: { x: 1, y: 1, color: "#ffffff" }, c: null });
});

test("another tab's version is laid onto the design and onto every state of the undo history", () => {
  const confirmed = base();
  const other = addModel(confirmed.graph, { name: "Alpha" });
  const remote = {
    version: 8,
    hash: "h8",
    by: "tab-2",
    changes: diffGraphs(confirmed.graph, other.graph),
    layout: { [other.model.id]: { x: 5, y: 5 } },
  };
  // This tab renamed a field (one undo step) before hearing of Alpha.
  const mine = { ...confirmed, graph: renameField(confirmed.graph, fullname(confirmed).id, "full_name") } as Design;
  const history = record(startHistory<Design>(confirmed), mine, "Rename field");
  const rebased = rebaseHistory(history, remote);
  expect(rebased.present.graph.models.map((m) => m.name)).toEqual(["User", "Address", "Alpha"]);
  expect(fullname(rebased.present).name).toBe("full_name");
  expect(rebased.present.layout[other.model.id]).toEqual({ x: 5, y: 5 });
  // Undoing the tab's own edit keeps the other tab's table.
  const undone = undo(rebased).present;
  expect(undone.graph.models.map((m) => m.name)).toEqual(["User", "Address", "Alpha"]);
  expect(fullname(undone).name).toBe("fullname");
});

test("after an answer, the confirmed design is what the server holds: what the tab missed, then its own patch", () => {
  const confirmed = base();
  const other = addModel(confirmed.graph, { name: "Alpha" }).graph;
  const missed = [{ version: 8, hash: "h8", by: "tab-2", changes: diffGraphs(confirmed.graph, other) }];
  const mine = { ...confirmed, graph: renameField(confirmed.graph, fullname(confirmed).id, "full_name") };
  const patch = patchFor(confirmed, mine)!;
  const next = confirmAfter(confirmed, missed, { ...patch, version: { version: 9, hash: "h9" } });
  expect(next.version).toEqual({ version: 9, hash: "h9" });
  expect(next.graph.models.map((m) => m.name)).toEqual(["User", "Address", "Alpha"]);
  expect(fullname(next).name).toBe("full_name");
  expect(withRecord(confirmed, { ...missed[0] }).graph.models).toHaveLength(3);
});
