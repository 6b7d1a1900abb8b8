import fs from "node:fs";
import fc from "fast-check";
import type { Project } from "../project/project";
import type { SchemaGraph } from "../schema/graph";
import { diffGraphs } from "../sync/patch";
import { applyPatch, currentHead, type PatchResult, type SchemaVersion } from "../sync/schema-head";
import { addField, addModel, deleteField, renameField, updateField } from "../schema/operations";

/**
 * The steps of the sync's model-based tests: three tabs' edits, a tab catching up, the file
 * written by hand, as fast-check arbitraries, and an edit performed on a tab's graph.
 */

export type Edit =
  | { kind: "add-model"; name: string }
  | { kind: "add-field"; model: number; name: string }
  | { kind: "rename-field"; model: number; field: number; name: string }
  | { kind: "toggle-optional"; model: number; field: number }
  | { kind: "delete-field"; model: number; field: number };
export type Step = { kind: "edit"; tab: number; edit: Edit } | { kind: "refresh"; tab: number } | { kind: "file"; name: string };

export const name = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
const index = fc.nat(20);
export const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("add-model" as const), name: name.map((n) => `M${n}`) }),
  fc.record({ kind: fc.constant("add-field" as const), model: index, name }),
  fc.record({ kind: fc.constant("rename-field" as const), model: index, field: index, name }),
  fc.record({ kind: fc.constant("toggle-optional" as const), model: index, field: index }),
  fc.record({ kind: fc.constant("delete-field" as const), model: index, field: index }),
);
export const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("edit" as const), tab: fc.nat(2), edit }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("refresh" as const), tab: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("file" as const), name: name.map((n) => `F${n}`) }) },
);

/** The edit on a graph; a scalar field is picked (relation fields are the relation's business). */
export function perform(graph: SchemaGraph, e: Edit): SchemaGraph {
  if (e.kind === "add-model") return addModel(graph, { name: e.name }).graph;
  const model = graph.models[e.model % graph.models.length];
  if (e.kind === "add-field") return addField(graph, model.id, { name: e.name, type: "String" }).graph;
  const scalars = model.fields.filter(
    (f) => f.kind === "scalar" && !f.isId && !model.fields.some((o) => o.relation?.fields?.includes(f.name)),
  );
  if (!scalars.length) return graph;
  const target = scalars[e.field % scalars.length];
  if (e.kind === "rename-field") return renameField(graph, target.id, e.name);
  if (e.kind === "toggle-optional") return updateField(graph, target.id, { optional: !target.optional });
  return deleteField(graph, target.id);
}

/** What a tab holds: the graph it shows and the version it was confirmed at. */
export interface Tab {
  graph: SchemaGraph;
  base: SchemaVersion;
}

/** Three tabs opened on the project as it is. */
export async function openTabs(project: Project): Promise<Tab[]> {
  const head = await currentHead(project);
  return [0, 1, 2].map(() => ({ graph: head.graph, base: { version: head.version, hash: head.hash } }));
}

/**
 * One step against the real server code: a model appended to the file by hand, a tab
 * catching up with the server, or a tab's edit sent as a patch on the version it last saw
 * (the patch's result; undefined when no patch was sent).
 */
export async function runStep(project: Project, tabs: Tab[], step: Step): Promise<PatchResult | undefined> {
  if (step.kind === "file") {
    const text = fs.readFileSync(project.schemaPath, "utf8");
    if (!new RegExp(`model ${step.name} \\{`).test(text))
      fs.writeFileSync(project.schemaPath, `${text}\nmodel ${step.name} {\n  id Int @id\n}\n`);
    return undefined;
  }
  const tab = tabs[step.tab];
  if (step.kind === "refresh") {
    const head = await currentHead(project);
    Object.assign(tab, { graph: head.graph, base: { version: head.version, hash: head.hash } });
    return undefined;
  }
  let next: SchemaGraph;
  try {
    next = perform(tab.graph, step.edit);
  } catch {
    return undefined; // the operation itself refused (a duplicate name): nothing is sent
  }
  return applyPatch(project, { base: tab.base, changes: diffGraphs(tab.graph, next), by: `tab-${step.tab}` });
}
