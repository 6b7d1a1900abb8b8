import { expect, test } from "vitest";
import { parseSchema } from "@/lib/schema/parse";
import { addModel } from "@/lib/schema/operations";
import { connectModels } from "@/lib/schema/relations";
import { graphToFlow, handleId } from "./graph-to-flow";
import { tutorialSchema } from "@/lib/testing/tutorial-schema";

const tutorial = () => parseSchema(tutorialSchema());

test("one node per model and enum; the relation edge joins the foreign-key row to the referenced row", () => {
  const graph = tutorial();
  const user = graph.models[0];
  const address = graph.models[1];
  const { nodes, edges } = graphToFlow(graph, { [user.id]: { x: 0, y: 0 }, [address.id]: { x: 500, y: 0, color: "#fde68a" } });
  expect(nodes.map((n) => n.id)).toEqual([user.id, address.id]);
  expect(nodes[1].data).toMatchObject({ color: "#fde68a", foreignKeys: ["user_id"] });
  expect(edges).toHaveLength(1);
  const userId = address.fields.find((f) => f.name === "user_id")!;
  const id = user.fields.find((f) => f.name === "id")!;
  // Address is to the right of User: the edge leaves Address's left side for User's right side.
  expect(edges[0]).toMatchObject({
    source: address.id,
    target: user.id,
    sourceHandle: handleId(userId.id, "left"),
    targetHandle: handleId(id.id, "right"),
    markerStart: "crow-many",
    markerEnd: "crow-one",
    label: "on delete Cascade",
  });
});

test("a many-to-many relation is drawn once", () => {
  const { graph } = addModel(tutorial(), { name: "Tag" });
  const tag = graph.models.find((m) => m.name === "Tag")!;
  const { graph: related } = connectModels(graph, { fromModelId: tag.id, toModelId: graph.models[0].id, kind: "many-to-many" });
  const { edges } = graphToFlow(related, {});
  expect(edges.filter((e) => e.data?.kind === "many-to-many")).toHaveLength(1);
  expect(edges.find((e) => e.data?.kind === "many-to-many")).toMatchObject({ markerStart: "crow-many", markerEnd: "crow-many" });
});

test("in every display mode the relation's edge attaches to rows the tables show, or to the tables themselves", () => {
  const graph = tutorial();
  const [user, address] = graph.models;
  const layout = { [user.id]: { x: 0, y: 0 }, [address.id]: { x: 500, y: 0 } };
  const userId = address.fields.find((f) => f.name === "user_id")!;
  const id = user.fields.find((f) => f.name === "id")!;
  const keys = graphToFlow(graph, layout, { display: "keys" });
  expect(keys.edges[0]).toMatchObject({ sourceHandle: handleId(userId.id, "left"), targetHandle: handleId(id.id, "right") });
  expect(keys.nodes[1].data).toMatchObject({ display: "keys" });
  const names = graphToFlow(graph, layout, { display: "names" });
  expect(names.edges[0]).toMatchObject({ sourceHandle: handleId(address.id, "left"), targetHandle: handleId(user.id, "right") });
});

test("an unchanged model gives back the same node; a moved, troubled or re-displayed one a new node", () => {
  const graph = tutorial();
  const [user, address] = graph.models;
  const layout = { [user.id]: { x: 0, y: 0 }, [address.id]: { x: 500, y: 0 } };
  const first = graphToFlow(graph, layout).nodes;
  const added = addModel(graph, { name: "Tag" }).graph;
  const again = graphToFlow(added, { ...layout, [address.id]: { x: 600, y: 0 } }).nodes;
  expect(again[0]).toBe(first[0]);
  expect(again[1]).not.toBe(first[1]);
  expect(again[1].position).toEqual({ x: 600, y: 0 });
  const troubled = graphToFlow(added, layout, { problems: { [user.id]: ["refused"] } }).nodes;
  expect(troubled[0].data).toMatchObject({ problems: { [user.id]: ["refused"] } });
  expect(graphToFlow(added, layout, { display: "names" }).nodes[0].data).toMatchObject({ display: "names" });
});
