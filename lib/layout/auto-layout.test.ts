import ELK from "elkjs/lib/elk.bundled.js";
import { expect, test } from "vitest";
import { aField, aModel, aRelation, aSchema } from "../testing/schema-builders";
import { autoLayout, VIEWPORT, type ElkEngine } from "./auto-layout";
import { fitZoom, packColumns, relationOrder, type Position, type Size } from "./pack";
import { nodeSize } from "./sizes";
import type { SchemaGraph } from "../schema/graph";

const sizesOf = (graph: SchemaGraph) => {
  const sizes = new Map([...graph.models, ...graph.enums].map((node) => [node.id, nodeSize(node)]));
  return (id: string) => sizes.get(id)!;
};

function bounds(positions: Record<string, Position>, sizeOf: (id: string) => Size) {
  const ids = Object.keys(positions);
  const width = Math.max(...ids.map((id) => positions[id].x + sizeOf(id).width)) - Math.min(...ids.map((id) => positions[id].x));
  const height =
    Math.max(...ids.map((id) => positions[id].y + sizeOf(id).height)) - Math.min(...ids.map((id) => positions[id].y));
  return { width, height, aspect: width / height };
}

function overlaps(positions: Record<string, Position>, sizeOf: (id: string) => Size): string[] {
  const ids = Object.keys(positions);
  const found: string[] = [];
  for (const [i, a] of ids.entries()) {
    for (const b of ids.slice(i + 1)) {
      const [p, q, s, t] = [positions[a], positions[b], sizeOf(a), sizeOf(b)];
      if (p.x < q.x + t.width && q.x < p.x + s.width && p.y < q.y + t.height && q.y < p.y + s.height) found.push(`${a}/${b}`);
    }
  }
  return found;
}

/** A hub that `spokes` tables point at (civitai's User, in small). */
const star = (spokes: number) =>
  aSchema([
    aModel("User"),
    ...Array.from({ length: spokes }, (_, i) => aModel(`Post${i}`, [...aRelation("author", "User"), aField("title")])),
  ]);
/** Each table points at the one before. */
const chain = (length: number) =>
  aSchema(Array.from({ length }, (_, i) => aModel(`T${i}`, i ? aRelation("previous", `T${i - 1}`) : [])));

test("a few related tables are drawn layered: each relation points from the referenced table rightwards", async () => {
  const graph = aSchema([aModel("User", [aField("name")]), aModel("Address", aRelation("user", "User"))]);
  const positions = await autoLayout(new ELK(), graph);
  expect(positions["model:User"].x).toBeLessThan(positions["model:Address"].x);
});

test("tables that all point at one hub are packed to the viewport's shape, the hub first, none overlapping", async () => {
  const graph = star(120);
  const sizeOf = sizesOf(graph);
  const positions = await autoLayout(new ELK(), graph);
  expect(overlaps(positions, sizeOf)).toEqual([]);
  const { aspect } = bounds(positions, sizeOf);
  expect(aspect).toBeGreaterThan(1);
  expect(aspect).toBeLessThan(2.5);
  expect(positions["model:User"]).toEqual({ x: 0, y: 0 });
  // Close to what the tables' area allows: the zoom a perfect packing would fit at.
  const area = Object.keys(positions).reduce((sum, id) => sum + (sizeOf(id).width + 48) * (sizeOf(id).height + 48), 0);
  const ideal = Math.min(VIEWPORT.width / Math.sqrt(area * 1.6), VIEWPORT.height / Math.sqrt(area / 1.6));
  expect(fitZoom(positions, sizeOf, VIEWPORT)).toBeGreaterThan(0.7 * ideal);
});

test("a long chain wraps into rows instead of one line a thousand tables wide", async () => {
  const graph = chain(80);
  const sizeOf = sizesOf(graph);
  const positions = await autoLayout(new ELK(), graph);
  expect(overlaps(positions, sizeOf)).toEqual([]);
  expect(bounds(positions, sizeOf).aspect).toBeLessThan(4);
});

/** ELK, recording for each run whether it was asked to wrap. */
function countingElk(): ElkEngine & { wrapped: boolean[] } {
  const elk = new ELK();
  const wrapped: boolean[] = [];
  return {
    wrapped,
    layout: (graph) => {
      wrapped.push(graph.layoutOptions?.["elk.layered.wrapping.strategy"] !== undefined);
      return elk.layout(graph);
    },
  };
}

test("ELK runs at most once: unwrapped where the tables might be read whole, wrapped where their own area is too big, not at all above 300 nodes", async () => {
  const small = countingElk();
  await autoLayout(small, aSchema([aModel("User", [aField("name")]), aModel("Address", aRelation("user", "User"))]));
  expect(small.wrapped).toEqual([false]);
  const long = countingElk();
  await autoLayout(long, chain(200));
  expect(long.wrapped).toEqual([true]);
  const longer = countingElk();
  const graph = chain(400);
  const positions = await autoLayout(longer, graph);
  expect(longer.wrapped).toEqual([]);
  expect(overlaps(positions, sizesOf(graph))).toEqual([]);
});

test("the reading order starts at the most connected table and visits its neighbours next", () => {
  const adjacency = new Map([
    ["a", ["hub"]],
    ["hub", ["a", "b", "c"]],
    ["b", ["hub"]],
    ["c", ["hub", "d"]],
    ["d", ["c"]],
  ]);
  expect(relationOrder(["lonely", "a", "b", "c", "d", "hub"], adjacency)).toEqual(["hub", "c", "a", "b", "d", "lonely"]);
});

test("packed columns keep one height; a node taller than it gets a column of its own", () => {
  const sizes: Record<string, Size> = {
    a: { width: 100, height: 100 },
    b: { width: 100, height: 100 },
    tall: { width: 50, height: 2000 },
    c: { width: 100, height: 100 },
  };
  const positions = packColumns(["a", "b", "tall", "c"], (id) => sizes[id], 1);
  expect(positions.a).toEqual({ x: 0, y: 0 });
  expect(positions.b).toEqual({ x: 0, y: 148 });
  expect(positions.tall.y).toBe(0);
  expect(positions.c).toEqual({ x: positions.tall.x + 50 + 48, y: 0 });
});
