import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import fs from "node:fs/promises";
import { compileSchema, type SchemaProblem } from "../schema/compile";
import type { SchemaGraph } from "../schema/graph";
import { parseSchemaFile } from "../schema/parse-file";
import { chainRenames, type DatabaseRename } from "../schema/renames";
import { readRenames, writeRenames } from "./renames-store";
import { checkSchemaText } from "../schema/text-check";
import { serialized } from "../migrate/serial";
import { writeFileAtomic } from "./atomic-write";
import type { Project } from "./project";
import { readLayoutFile, printLayoutFile, type LayoutFile } from "../layout/layout-file";
import type { NodeView } from "../layout/positions";

/** Where each node sits and its color, by name (names are what a person reads in the file). */
export type Layout = Record<string, NodeView>;

export interface OpenedSchema {
  graph: SchemaGraph;
  text: string;
  /** Names this exact content of the file (a reload can tell whether a draft was based on it). */
  version: string;
}

export function schemaVersion(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

// The last file read and its graph: a reload of an unchanged 1,000-model schema skips the parse.
let lastOpened: { path: string; text: string; graph: SchemaGraph } | undefined;

function graphOf(project: Project, text: string): SchemaGraph {
  const cached = lastOpened?.path === project.schemaPath && lastOpened.text === text ? lastOpened.graph : undefined;
  const graph = cached ?? parseSchemaFile(text);
  lastOpened = { path: project.schemaPath, text, graph };
  return graph;
}

export async function openSchema(project: Project): Promise<OpenedSchema> {
  const text = await fs.readFile(project.schemaPath, "utf8");
  return { graph: graphOf(project, text), text, version: schemaVersion(text) };
}

/**
 * The schema's graph alone (no layout), or undefined when the file cannot be read or does not
 * parse: what the data grid adds to the database's own catalogue, which works without it.
 */
export async function schemaGraphIfValid(project: Project): Promise<SchemaGraph | undefined> {
  try {
    return graphOf(project, await fs.readFile(project.schemaPath, "utf8"));
  } catch {
    return undefined;
  }
}

const nodeNames = (graph: SchemaGraph) => [...graph.models, ...graph.enums, ...(graph.ignoredModels ?? [])].map((n) => n.name);

/**
 * The layout file over `graph` (lib/layout/layout-file): positions, areas and views by name,
 * with a note for each part that was repaired or left out. No file, or one that is not
 * JSON, is an empty layout: positions are recomputed.
 */
export async function readLayout(
  project: Project,
  graph: SchemaGraph,
  options: { reuseWritten?: boolean } = {},
): Promise<{ file: LayoutFile; notes: string[] }> {
  let json: unknown;
  try {
    // Synchronously, as an edit's writes are (atomic-write): no wait for the event loop mid-edit.
    const text = readFileSync(project.layoutPath, "utf8");
    const written = options.reuseWritten && lastWritten.get(project.layoutPath);
    if (written && written.text === text && written.names === nodeNames(graph).join("\n"))
      return { file: written.file, notes: [] };
    json = JSON.parse(text);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    const read = readLayoutFile(undefined, nodeNames(graph));
    if (!missing) read.notes.push("prisma/schema.layout.json is not valid JSON: it was ignored, and positions are recomputed.");
    return read;
  }
  return readLayoutFile(json, nodeNames(graph));
}

export type SaveResult = { ok: true; text: string; version: string; written: boolean } | { ok: false; problems: SchemaProblem[] };

/**
 * Writes the graph as prisma/schema.prisma when Prisma's validator accepts it. A refused
 * graph leaves the file byte for byte as it was.
 */
export function saveSchema(project: Project, graph: SchemaGraph, renames: DatabaseRename[] = []): Promise<SaveResult> {
  return serialized(project.schemaPath, async () => {
    const compiled = compileSchema(graph);
    if (!compiled.ok) return compiled;
    const current = await fs.readFile(project.schemaPath, "utf8").catch(() => null);
    const written = current !== compiled.text;
    if (written) await writeFileAtomic(project.schemaPath, compiled.text);
    if (written && renames.length) await writeRenames(project, chainRenames(await readRenames(project), renames));
    return { ok: true, text: compiled.text, version: schemaVersion(compiled.text), written };
  });
}

/** Positions by name written over the layout file's, its areas and views kept. */
export function saveLayout(project: Project, graph: SchemaGraph, positions: Layout): Promise<void> {
  return serialized(project.schemaPath, async () => {
    const { file } = await readLayout(project, graph);
    await writeLayout(project, { ...file, positions });
  });
}

/**
 * The layout file as this process last wrote it, with the node names of the schema it was
 * written for (what reading it repairs against). An edit that reads it back unchanged over
 * the same names (`reuseWritten`) takes it as it was given, positions not yet rounded, so a
 * drag on a 5,044-table layout does not parse and check every position again. Any other
 * text (an editor, git), and every other reader (the page), reads the file in full.
 */
const lastWritten = new Map<string, { text: string; file: LayoutFile; names: string }>();

/** Writes the layout file; `graph`, the schema it is for, lets the next read over it skip parsing. */
export async function writeLayout(project: Project, file: LayoutFile, graph?: SchemaGraph): Promise<void> {
  const text = printLayoutFile(file);
  lastWritten.delete(project.layoutPath);
  await writeFileAtomic(project.layoutPath, text);
  if (graph) lastWritten.set(project.layoutPath, { text, file, names: nodeNames(graph).join("\n") });
}

/**
 * Replaces the schema with another (an import): checked by Prisma's validator first, then
 * written atomically; the old layout goes, so the new schema is laid out afresh.
 */
export function replaceSchema(project: Project, text: string): Promise<void> {
  return serialized(project.schemaPath, async () => {
    const checked = checkSchemaText(text);
    if (!checked.ok) throw new Error(checked.diagnostics.map((d) => `line ${d.line}: ${d.message}`).join("\n"));
    await writeFileAtomic(project.schemaPath, text);
    await fs.rm(project.layoutPath, { force: true });
  });
}
