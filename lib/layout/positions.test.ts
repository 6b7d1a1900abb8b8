import { expect, test } from "vitest";
import { aField, aModel, anEnum, aSchema } from "../testing/schema-builders";
import { defaultPosition, layoutById, layoutByName } from "./positions";
import { nodeSize } from "./sizes";

const shop = () =>
  aSchema(
    [aModel("User", [aField("name")]), aModel("Order", [aField("total", { type: "Float" })])],
    [anEnum("Status", ["open", "paid"])],
    {
      ignoredModels: [
        {
          id: "ignored:Legacy",
          name: "Legacy",
          text: "model Legacy {\n  id Int\n  @@ignore\n}",
          fields: [{ name: "id", type: "Int" }],
        },
      ],
    },
  );

test("the layout file keys nodes by name and the canvas by id: a round trip keeps every position and color", () => {
  const graph = shop();
  const byName = {
    User: { x: 10, y: 20, color: "#fde68a" },
    Order: { x: 400, y: 20 },
    Status: { x: 10, y: 300 },
    Legacy: { x: 0, y: 900 },
  };
  const byId = layoutById(graph, byName);
  expect(byId["model:User"]).toEqual({ x: 10, y: 20, color: "#fde68a" });
  expect(layoutByName(graph, byId)).toEqual(byName);
});

test("a node without a saved place goes on a square-ish grid; an @@ignore model below every other node", () => {
  const graph = shop();
  const placed = layoutByName(graph, {});
  expect(placed.User).toEqual(defaultPosition(0, 3));
  expect(placed.Order).toEqual(defaultPosition(1, 3));
  const bottom = Math.max(...(["User", "Order", "Status"] as const).map((n) => placed[n].y));
  expect(placed.Legacy.y).toBeGreaterThan(bottom);
  // 100 nodes: 10 columns, so the grid is as wide as it is tall.
  expect(defaultPosition(99, 100)).toEqual({ x: 40 + 9 * 400, y: 40 + 9 * 420 });
});

test("a node's size follows its rows: a header, one row per field, the add button", () => {
  expect(nodeSize(aModel("User", [aField("name")]))).toEqual({ width: 288, height: 38 + 2 * 28 + 26 });
  expect(nodeSize(anEnum("Status", ["a", "b", "c"]))).toEqual({ width: 224, height: 38 + 3 * 26 + 26 });
});
