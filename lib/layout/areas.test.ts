import { describe, expect, test } from "vitest";
import { aModel, aRelation, aSchema } from "../testing/schema-builders";
import { emptyBoard } from "./board";
import { AREA_HEADER, AREA_PADDING, areaRect, groupIntoArea, ungroup, updateArea, type Rect } from "./areas";
import { areasFromSchema } from "./areas-from-schema";
import { layoutByAreas } from "./area-layout";
import { nodeSize } from "./sizes";

const names = (ids: string[]) => ids.map((id) => id.replace(/^model:/, "")).sort();

describe("areas", () => {
  test("grouping takes tables out of the area they were in; an area left empty goes", () => {
    const first = groupIntoArea(emptyBoard(), ["model:A", "model:B"]);
    expect(first.board.areas[first.id]).toMatchObject({ name: "Area 1", tables: ["model:A", "model:B"] });
    const second = groupIntoArea(first.board, ["model:B"], "Billing");
    expect(second.board.areas[first.id].tables).toEqual(["model:A"]);
    expect(second.board.areas[second.id]).toMatchObject({ name: "Billing", tables: ["model:B"] });
    expect(second.board.areas[second.id].color).not.toBe(first.board.areas[first.id].color);
    const third = groupIntoArea(second.board, ["model:A", "model:B"]);
    expect(Object.keys(third.board.areas)).toEqual([third.id]);
    expect(updateArea(third.board, third.id, { collapsed: true }).areas[third.id].collapsed).toBe(true);
    expect(ungroup(third.board, third.id).areas).toEqual({});
  });

  test("an area is drawn around its tables, with room for its name", () => {
    const rects: Record<string, { x: number; y: number; width: number; height: number }> = {
      "model:A": { x: 0, y: 0, width: 100, height: 50 },
      "model:B": { x: 200, y: 100, width: 100, height: 50 },
    };
    const area = { id: "a", name: "A", color: "#dbeafe", tables: ["model:A", "model:B", "model:Hidden"] };
    expect(areaRect(area, (id) => rects[id])).toEqual({
      x: -AREA_PADDING,
      y: -AREA_PADDING - AREA_HEADER,
      width: 300 + 2 * AREA_PADDING,
      height: 150 + 2 * AREA_PADDING + AREA_HEADER,
    });
    expect(areaRect({ ...area, tables: ["model:Hidden"] }, (id) => rects[id])).toBeUndefined();
  });

  test("from the schema: one area per connected part, named after its most connected table", () => {
    const graph = aSchema([
      aModel("User"),
      aModel("Post", aRelation("author", "User")),
      aModel("Session", aRelation("user", "User")),
      aModel("Invoice"),
      aModel("Line", aRelation("invoice", "Invoice")),
      aModel("Lonely"),
    ]);
    const { areas, how } = areasFromSchema(graph);
    expect(how).toBe("components");
    expect(areas.map((a) => [a.name, names(a.tables)])).toEqual([
      ["User", ["Post", "Session", "User"]],
      ["Invoice", ["Invoice", "Line"]],
    ]);
  });

  test("from the schema: one part holding most tables is split into its clusters, the same each time", () => {
    const star = (hub: string, leaves: string[]) => [aModel(hub), ...leaves.map((l) => aModel(l, aRelation("hub", hub)))];
    const graph = aSchema([
      ...star("Shop", ["Order", "Cart", "Product", "Stock"]),
      ...star("Blog", ["Entry", "Comment", "Tag", "Feed"]),
      aModel("Link", [...aRelation("shop", "Shop"), ...aRelation("blog", "Blog")]),
    ]);
    const first = areasFromSchema(graph);
    expect(first.how).toBe("clusters");
    expect(first.areas.map((a) => a.name).sort()).toEqual(["Blog", "Shop"]);
    expect(first.areas.find((a) => a.name === "Shop")!.tables).toEqual(
      expect.arrayContaining(["model:Order", "model:Cart", "model:Product", "model:Stock"]),
    );
    expect(areasFromSchema(graph).areas.map((a) => a.tables)).toEqual(first.areas.map((a) => a.tables));
  });

  test("from the schema: prisma-markdown's `/// @namespace` tags, where the schema has them", () => {
    const graph = aSchema([
      aModel("User", [], { documentation: "A person.\n@namespace Accounts" }),
      aModel("Session", aRelation("user", "User"), { documentation: "@namespace Accounts" }),
      aModel("Article", aRelation("author", "User"), { documentation: "@namespace Articles @author Samchon" }),
      aModel("Untagged"),
    ]);
    const { areas, how } = areasFromSchema(graph);
    expect(how).toBe("namespaces");
    expect(areas.map((a) => [a.name, names(a.tables)])).toEqual([
      ["Accounts", ["Session", "User"]],
      ["Articles", ["Article"]],
    ]);
  });
});

describe("laid out by area", () => {
  test("each area's tables together, no two areas overlapping, every table placed once", () => {
    const star = (hub: string, n: number) => [
      aModel(hub),
      ...Array.from({ length: n }, (_, i) => aModel(`${hub}${i}`, aRelation("hub", hub))),
    ];
    const graph = aSchema([...star("Shop", 9), ...star("Blog", 14), ...star("Chat", 5), aModel("Alone")]);
    const { areas } = areasFromSchema(graph);
    const positions = layoutByAreas(graph, areas, (id) => nodeSize(graph.models.find((m) => m.id === id)));
    expect(Object.keys(positions).sort()).toEqual(graph.models.map((m) => m.id).sort());
    const rectOf = (id: string) => ({ ...positions[id], ...nodeSize(graph.models.find((m) => m.id === id)) });
    const frames = areas.map((area) => areaRect(area, rectOf)!);
    const overlap = (a: Rect, b: Rect) =>
      a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    frames.forEach((a, i) => frames.slice(i + 1).forEach((b) => expect(overlap(a, b)).toBe(false)));
    // The table in no area is outside every area's frame.
    frames.forEach((frame) => expect(overlap(frame, rectOf("model:Alone"))).toBe(false));
  });
});
