import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { formatEachSegment } from "./format-segments";
import { parseSchemaFile } from "./parse-file";
import { printSchema } from "./print";
import { formatSchema } from "./prisma-wasm";
import { generatedSchema } from "../testing/generated-schema";
import { tutorialSchema } from "../testing/tutorial-schema";

/**
 * A block formatted alone is laid out as in the whole file: the designer formats only the
 * blocks an edit changed, and the file must still be what `prisma format` writes. Checked on
 * every schema of the corpus (comments, doc comments, ignored blocks, enums, views).
 */
const CORPUS = path.resolve(import.meta.dirname, "../../../shared/corpus/prisma");
const corpus = fs.existsSync(CORPUS)
  ? fs
      .readdirSync(CORPUS)
      .filter((f) => f.endsWith(".prisma"))
      .map((f) => [f, fs.readFileSync(path.join(CORPUS, f), "utf8")] as const)
  : [];
const schemas = [["tutorial", tutorialSchema()] as const, ["generated", generatedSchema(30)] as const, ...corpus];

test(`blocks formatted one by one equal the whole file formatted: ${schemas.length} schemas`, () => {
  const differ: string[] = [];
  for (const [name, text] of schemas) {
    const graph = parseSchemaFile(text);
    if (graph.readOnly?.length) continue;
    const printed = printSchema(graph);
    expect(printed.segments.join("")).toBe(printed.text);
    const whole = `${formatSchema(printed.text).trimEnd()}\n`;
    if (formatEachSegment(printed.segments) !== whole) differ.push(name);
  }
  expect(differ).toEqual([]);
});
