import { describe, expect, test } from "vitest";
import { aModel, aRelation, aSchema, anEnum } from "../testing/schema-builders";
import { emptyBoard, WHOLE_SCHEMA } from "./board";
import { nodeSize } from "./sizes";
import { deleteView, hide, matching, saveView, unhide, viewBounds, viewGraph, viewOrWhole } from "./views";

const graph = aSchema(
  [aModel("User"), aModel("Post", aRelation("author", "User")), aModel("PostTag", aRelation("post", "Post"))],
  [anEnum("Status", ["draft"])],
);
const shown = (g: typeof graph) => [...g.models, ...g.enums].map((n) => n.name);

describe("saved views and hidden tables", () => {
  test("the whole schema shows every table but the hidden, which stay in the schema", () => {
    const board = hide(emptyBoard(), WHOLE_SCHEMA, ["model:Post", "enum:Status"]);
    expect(shown(viewGraph(graph, viewOrWhole(board, WHOLE_SCHEMA)))).toEqual(["User", "PostTag"]);
    expect(graph.models).toHaveLength(3);
    expect(shown(viewGraph(graph, viewOrWhole(unhide(board, WHOLE_SCHEMA, ["model:Post"]), WHOLE_SCHEMA)))).toEqual([
      "User",
      "Post",
      "PostTag",
    ]);
    expect(viewOrWhole(unhide(board, WHOLE_SCHEMA), WHOLE_SCHEMA).hidden).toEqual([]);
  });

  test("a saved view keeps its tables, hidden tables and viewport; switching back shows the whole schema", () => {
    const { board, id } = saveView(emptyBoard(), {
      name: " Posts ",
      tables: ["model:Post", "model:PostTag", "model:User"],
      hidden: ["model:User"],
      viewport: { x: 10, y: 20, zoom: 0.8 },
    });
    const view = viewOrWhole(board, id);
    expect(view).toMatchObject({ name: "Posts", viewport: { x: 10, y: 20, zoom: 0.8 } });
    expect(shown(viewGraph(graph, view))).toEqual(["Post", "PostTag"]);
    expect(shown(viewGraph(graph, viewOrWhole(board, WHOLE_SCHEMA)))).toHaveLength(4);
    expect(viewOrWhole(deleteView(board, id), id).id).toBe(WHOLE_SCHEMA);
    expect(deleteView(board, WHOLE_SCHEMA).views[WHOLE_SCHEMA]).toBeDefined();
  });

  test("a view's bounds: around the tables it shows, at their places and estimated sizes; none placed, none", () => {
    const layout = { "model:User": { x: 0, y: 0 }, "model:Post": { x: 400, y: -100 }, "model:PostTag": { x: 5000, y: 5000 } };
    const board = hide(emptyBoard(), WHOLE_SCHEMA, ["model:PostTag"]);
    const post = nodeSize(graph.models[1]);
    expect(viewBounds(graph, viewOrWhole(board, WHOLE_SCHEMA), layout)).toEqual({
      x: 0,
      y: -100,
      width: 400 + post.width,
      height: Math.max(100 + nodeSize(graph.models[0]).height, post.height),
    });
    expect(viewBounds(graph, viewOrWhole(board, WHOLE_SCHEMA), {})).toBeUndefined();
  });

  test("an unknown view id (a stale link) is the whole schema", () => {
    expect(viewOrWhole(emptyBoard(), "view-gone").id).toBe(WHOLE_SCHEMA);
  });

  test("every table matching a search, in any case", () => {
    expect(matching(graph, "post")).toEqual(["model:Post", "model:PostTag"]);
    expect(matching(graph, "  ")).toEqual([]);
  });
});
