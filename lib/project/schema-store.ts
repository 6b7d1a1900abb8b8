import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import { z } from "zod";
import { compileSchema, type SchemaProblem } from "../schema/compile";
import type { SchemaGraph } from "../schema/graph";
import { parseSchemaFile } from "../schema/parse-file";
import { chainRenames, type DatabaseRename } from "../schema/renames";
import { readRenames, writeRenames } from "./renames-store";
import { checkSchemaText } from "../schema/text-check";
import { serialized } from "../migrate/serial";
import { writeFileAtomic } from "./atomic-write";
import type { Project } from "./project";

/**
 * Where each model and enum sits on the canvas and its color, by name (names are what a
 * person reads in the file; enum and model names share one namespace in Prisma).
 */
export const nodeLayoutSchema = z.object({
  x: z.number().finite(),
  y: z.number().finite(),
  color: z
    .string()
    .regex(/^#[0-9a-f]{6}$/i)
    .optional(),
});
export const layoutSchema = z.record(z.string(), nodeLayoutSchema);
export type Layout = z.infer<typeof layoutSchema>;

export interface OpenedSchema {
  graph: SchemaGraph;
  layout: Layout;
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
  return { graph: graphOf(project, text), layout: await readLayout(project), text, version: schemaVersion(text) };
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

export async function readLayout(project: Project): Promise<Layout> {
  try {
    const parsed = layoutSchema.safeParse(JSON.parse(await fs.readFile(project.layoutPath, "utf8")).positions);
    return parsed.success ? parsed.data : {};
  } catch {
    // No layout yet, or one written by hand that does not parse: positions are recomputed.
    return {};
  }
}

export type SaveResult = { ok: true; text: string; version: string; written: boolean } | { ok: false; problems: SchemaProblem[] };

/**
 * Writes the graph as prisma/schema.prisma when Prisma's validator accepts it. A refused
 * graph leaves the file byte for byte as it was.
 */
export function saveSchema(
  project: Project,
  graph: SchemaGraph,
  layout?: Layout,
  renames: DatabaseRename[] = [],
): Promise<SaveResult> {
  return serialized(project.schemaPath, async () => {
    const compiled = compileSchema(graph);
    if (!compiled.ok) return compiled;
    const current = await fs.readFile(project.schemaPath, "utf8").catch(() => null);
    const written = current !== compiled.text;
    if (written) await writeFileAtomic(project.schemaPath, compiled.text);
    if (written && renames.length) await writeRenames(project, chainRenames(await readRenames(project), renames));
    if (layout) await writeLayout(project, layout);
    return { ok: true, text: compiled.text, version: schemaVersion(compiled.text), written };
  });
}

export function saveLayout(project: Project, layout: Layout): Promise<void> {
  return serialized(project.schemaPath, () => writeLayout(project, layout));
}

export async function writeLayout(project: Project, layout: Layout): Promise<void> {
  const rounded = Object.fromEntries(
    Object.entries(layout)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, p]) => [name, { x: Math.round(p.x), y: Math.round(p.y), ...(p.color ? { color: p.color } : {}) }]),
  );
  await writeFileAtomic(project.layoutPath, `${JSON.stringify({ version: 1, positions: rounded }, null, 2)}\n`);
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
