import fs from "node:fs";
import path from "node:path";
import ELK from "elkjs/lib/elk.bundled.js";
import { describe, expect, test } from "vitest";
import { parseSchemaFile } from "../schema/parse-file";
import type { SchemaGraph } from "../schema/graph";
import { autoLayout } from "./auto-layout";
import { extent, type Position, type Size } from "./pack";
import { nodeSize } from "./sizes";

// Auto-layout on real schemas by other people (../shared/corpus/prisma).
const CORPUS = path.resolve(import.meta.dirname, "../../../shared/corpus/prisma");
const schemas = fs.existsSync(CORPUS)
  ? fs
      .readdirSync(CORPUS)
      .filter((file) => file.endsWith(".prisma"))
      .flatMap((file) => {
        try {
          return [{ file, graph: parseSchemaFile(fs.readFileSync(path.join(CORPUS, file), "utf8")) }];
        } catch {
          return []; // the corpus's deliberately invalid schemas
        }
      })
  : [];

const nodesOf = (graph: SchemaGraph) => [...graph.models, ...graph.enums, ...(graph.ignoredModels ?? [])];
const sizesOf = (graph: SchemaGraph) => {
  const sizes = new Map(nodesOf(graph).map((node) => [node.id, nodeSize(node)]));
  return (id: string) => sizes.get(id)!;
};

function overlaps(positions: Record<string, Position>, sizeOf: (id: string) => Size): string[] {
  const ids = Object.keys(positions).sort((a, b) => positions[a].x - positions[b].x);
  const found: string[] = [];
  for (const [i, a] of ids.entries()) {
    const [p, s] = [positions[a], sizeOf(a)];
    for (const b of ids.slice(i + 1)) {
      const [q, t] = [positions[b], sizeOf(b)];
      if (q.x >= p.x + s.width) break; // sorted by x: none further can overlap a
      if (p.y < q.y + t.height && q.y < p.y + s.height) found.push(`${a}/${b}`);
    }
  }
  return found;
}

describe.skipIf(!schemas.length)("auto-layout of the corpus", () => {
  test("no two tables overlap; over 50 tables, the drawing is between 1:3 and 3:1", { timeout: 120_000 }, async () => {
    for (const { file, graph } of schemas) {
      const sizeOf = sizesOf(graph);
      const positions = await autoLayout(new ELK(), graph);
      expect(Object.keys(positions).length, file).toBe(nodesOf(graph).length);
      expect(overlaps(positions, sizeOf), file).toEqual([]);
      if (nodesOf(graph).length <= 50) continue;
      const { width, height } = extent(positions, sizeOf);
      expect(width / height, file).toBeGreaterThan(1 / 3);
      expect(width / height, file).toBeLessThan(3);
    }
  });
});
