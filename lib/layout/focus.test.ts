import { expect, test } from "vitest";
import { aModel, aRelation, aSchema, anEnum, aField } from "../testing/schema-builders";
import { focusView, neighbourhood } from "./focus";
import { nodeSize } from "./sizes";

/** T0 ← T1 ← T2 ← ... ← T6 (each points at the one before), and a Status enum T3 uses. */
const chain = () =>
  aSchema(
    Array.from({ length: 7 }, (_, i) =>
      aModel(`T${i}`, [
        ...(i ? aRelation("previous", `T${i - 1}`) : []),
        ...(i === 3 ? [aField("status", { type: "Status", kind: "enum" })] : []),
      ]),
    ),
    [anEnum("Status", ["a", "b"])],
  );

test("the neighbourhood is the node and the rings around it, by relations either way, enums included", () => {
  const graph = chain();
  const [centre, ring] = neighbourhood(graph, "model:T3", 1);
  expect(centre).toEqual(["model:T3"]);
  expect([...ring].sort()).toEqual(["enum:Status", "model:T2", "model:T4"]);
  expect(neighbourhood(graph, "model:T3", 2).flat()).toHaveLength(6);
  expect(neighbourhood(graph, "model:T0", 3).flat()).toEqual(["model:T0", "model:T1", "model:T2", "model:T3"]);
});

test("in focus only the neighbourhood is drawn, centred on the node, its rings around it without overlap", () => {
  const graph = chain();
  const view = focusView(graph, { id: "model:T3", depth: 2 })!;
  expect(view.graph.models.map((m) => m.name).sort()).toEqual(["T1", "T2", "T3", "T4", "T5"]);
  expect(view.graph.models.find((m) => m.name === "T3")).toBe(graph.models[3]); // same objects: nodes stay equal
  const size = (id: string) => nodeSize([...graph.models, ...graph.enums].find((n) => n.id === id));
  const centre = view.positions["model:T3"];
  expect(centre.x + size("model:T3").width / 2).toBeCloseTo(0);
  const ids = Object.keys(view.positions);
  for (const [i, a] of ids.entries()) {
    for (const b of ids.slice(i + 1)) {
      const [p, q] = [view.positions[a], view.positions[b]];
      const apart =
        p.x + size(a).width <= q.x || q.x + size(b).width <= p.x || p.y + size(a).height <= q.y || q.y + size(b).height <= p.y;
      expect(apart, `${a} and ${b} overlap`).toBe(true);
    }
  }
  expect(focusView(graph, { id: "model:Gone", depth: 1 })).toBeNull();
});
