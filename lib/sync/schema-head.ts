import fs from "node:fs";
import { serialized } from "../migrate/serial";
import { writeFileAtomic } from "../project/atomic-write";
import type { Project } from "../project/project";
import { readRenames, writeRenames } from "../project/renames-store";
import { readLayout, schemaVersion, writeLayout } from "../project/schema-store";
import { applyBoardChanges, boardById, boardByName, type BoardChanges } from "../layout/board";
import { layoutById } from "../layout/positions";
import { compileSchema, prepareCompile, type SchemaProblem } from "../schema/compile";
import type { SchemaGraph } from "../schema/graph";
import { parseSchemaFile } from "../schema/parse-file";
import { chainRenames, databaseRenames } from "../schema/renames";
import { checkSchemaText } from "../schema/text-check";
import { conflictsOf, keepIdentity, missingElements, type ChangeRecord, type Conflict } from "./merge";
import { applyChanges, diffGraphs, type ElementChange } from "./patch";

/**
 * The server's truth about a project's schema: the file's text and graph at a version (a
 * counter, and the text's hash). Every writer goes through here: a tab's change (a patch,
 * applied to the current graph if nothing newer touched its elements), the file changed on
 * disk (an IDE, git, `prisma format`; noticed by the watcher or by the next request), and
 * the server's own writes, which are known by their hash and never echoed as foreign.
 */

/** Where a node sits, by element id (the layout file keeps names; tabs keep ids). */
export type NodeLayout = { x: number; y: number; color?: string };
export type LayoutChanges = Record<string, NodeLayout | null>;

export interface SchemaVersion {
  version: number;
  hash: string;
}

export interface VersionRecord extends ChangeRecord {
  hash: string;
  layout?: LayoutChanges;
  board?: BoardChanges;
}

export interface Head extends SchemaVersion {
  text: string;
  graph: SchemaGraph;
  /** The last versions, oldest first: what a change made on an older one is rebased over. */
  log: VersionRecord[];
  /** The file on disk does not parse (mid-edit in an IDE): why. The graph is the last valid one. */
  fileProblems?: string[];
}

export type PatchResult =
  | { ok: true; version: number; hash: string; written: boolean; missed: VersionRecord[] }
  | { ok: false; kind: "conflict"; error: string; conflicts: Conflict[]; head: SchemaVersion; missed: VersionRecord[] }
  | { ok: false; kind: "invalid"; error: string; problems: SchemaProblem[] }
  | { ok: false; kind: "stale" | "refused"; error: string };

const LOG_LIMIT = 500;
/** Hears each new version, and (record null) the file turning invalid on disk. */
type Listener = (record: VersionRecord | null, head: Head) => void;
/**
 * One head per project in the process. Next bundles the page, its server actions and each
 * route handler separately, each with its own copy of this module: the state lives on
 * globalThis so that they all share it (as Prisma's client singleton does).
 */
const shared = ((globalThis as Record<symbol, unknown>)[Symbol.for("schemaflow.sync.heads")] ??= {
  heads: new Map<string, Head>(),
  listeners: new Map<string, Set<Listener>>(),
}) as { heads: Map<string, Head>; listeners: Map<string, Set<Listener>> };
const { heads, listeners } = shared;

/** Called with every new version of the project's schema (a tab's change, or the file's). */
export function subscribe(project: Project, listener: Listener): () => void {
  const set = listeners.get(project.schemaPath) ?? new Set();
  listeners.set(project.schemaPath, set.add(listener));
  return () => set.delete(listener);
}

function advance(project: Project, head: Head, record: Omit<VersionRecord, "version" | "hash">, next: Partial<Head>): Head {
  const version = head.version + 1;
  const hash = next.hash ?? head.hash;
  const full: VersionRecord = { ...record, version, hash };
  const updated: Head = { ...head, ...next, version, hash, log: [...head.log, full].slice(-LOG_LIMIT), fileProblems: undefined };
  heads.set(project.schemaPath, updated);
  for (const listener of listeners.get(project.schemaPath) ?? []) listener(full, updated);
  return updated;
}

/** The current head; a file changed on disk since the last look becomes a new version by "file". */
async function readHead(project: Project): Promise<Head> {
  // Synchronously, as the atomic write: no wait for the event loop inside an edit.
  const text = fs.readFileSync(project.schemaPath, "utf8");
  const hash = schemaVersion(text);
  const head = heads.get(project.schemaPath);
  if (head?.hash === hash) return head;
  if (!head) {
    const version = Date.now();
    const fresh: Head = {
      version,
      hash,
      text,
      graph: parseSchemaFile(text),
      log: [{ version, hash, by: "server", changes: [] }],
    };
    heads.set(project.schemaPath, fresh);
    prepareCompile(fresh.graph);
    return fresh;
  }
  const checked = checkSchemaText(text);
  if (!checked.ok) {
    const fileProblems = checked.diagnostics.map((d) => `line ${d.line}: ${d.message}`);
    if (JSON.stringify(fileProblems) === JSON.stringify(head.fileProblems)) return head;
    const invalid = { ...head, fileProblems };
    heads.set(project.schemaPath, invalid);
    for (const listener of listeners.get(project.schemaPath) ?? []) listener(null, invalid);
    return invalid;
  }
  const graph = keepIdentity(head.graph, checked.graph);
  prepareCompile(graph);
  return advance(project, head, { by: "file", changes: diffGraphs(head.graph, graph) }, { hash, text, graph });
}

/** The head as it is now (serialized with writes, so a read never sees half of one). */
export function currentHead(project: Project): Promise<Head> {
  return serialized(project.schemaPath, () => readHead(project));
}

/** The versions after `base` made by others than `by`: what a tab has not seen. */
function missedSince(head: Head, base: number, by: string): VersionRecord[] {
  return head.log.filter((record) => record.version > base && record.by !== by);
}

const namesById = (graph: SchemaGraph) =>
  new Map([...graph.models, ...graph.enums, ...(graph.ignoredModels ?? [])].map((n) => [n.id, n.name]));

/** Whether a node of `before` is gone from `after` or named otherwise: its place in the layout file must follow. */
function nodesRenamedOrRemoved(before: SchemaGraph, after: SchemaGraph): boolean {
  const now = namesById(after);
  return [...namesById(before)].some(([id, name]) => now.get(id) !== name);
}

/**
 * The layout file after a change: read by name over the graph before it, changed by id (the
 * tab's positions, areas and views), written by name over the graph after it, so a renamed
 * table keeps its place, areas and views, and a deleted one leaves them.
 */
async function writeLayoutChanges(
  project: Project,
  before: SchemaGraph,
  after: SchemaGraph,
  changes: { layout?: LayoutChanges; board?: BoardChanges },
): Promise<void> {
  const { file } = await readLayout(project, before, { reuseWritten: true });
  const positions = layoutById(before, file.positions);
  for (const [id, view] of Object.entries(changes.layout ?? {})) {
    if (view) positions[id] = view;
    else delete positions[id];
  }
  const board = applyBoardChanges(boardById(before, file.board), changes.board);
  const names = namesById(after);
  const byName = Object.fromEntries(
    Object.entries(positions).flatMap(([id, view]) => (names.has(id) ? [[names.get(id)!, view]] : [])),
  );
  await writeLayout(project, { positions: byName, board: boardByName(after, board) }, after);
}

/** When an edit's turn came (after the edits before it) and when its schema was on disk: for Server-Timing. */
export interface PatchMarks {
  started?: number;
  written?: number;
}

/**
 * A tab's change, made on version `base`: refused if `base` is unknown, if the file on disk
 * is mid-edit, if it names what does not exist or touches what changed since `base`, or if
 * Prisma refuses the result; otherwise written (atomically), with the database renames it
 * makes recorded once, here, from the graph's ids.
 */
export function applyPatch(
  project: Project,
  patch: { base: SchemaVersion; changes: ElementChange[]; layout?: LayoutChanges; board?: BoardChanges; by: string },
  marks: PatchMarks = {},
): Promise<PatchResult> {
  return serialized(project.schemaPath, async () => {
    marks.started = performance.now();
    const head = await readHead(project);
    if (head.fileProblems) {
      return {
        ok: false,
        kind: "refused",
        error: `prisma/schema.prisma is being edited and is not valid: ${head.fileProblems.join("; ")}`,
      };
    }
    // Versions are counted from the server's start time: a tab of an earlier process is never mistaken for current.
    if (!head.log.some((record) => record.version === patch.base.version && record.hash === patch.base.hash)) {
      return {
        ok: false,
        kind: "stale",
        error: `This tab's version of the schema is not one the server knows (it restarted, or the tab slept): reload to get version ${head.version}.`,
      };
    }
    const missing = missingElements(patch.changes, head.graph);
    if (missing.length)
      return { ok: false, kind: "refused", error: `The change names what does not exist: ${missing.join("; ")}.` };
    const conflicts = conflictsOf(patch.changes, patch.base.version, head.log, head.graph);
    if (conflicts.length) {
      const first = conflicts[0];
      return {
        ok: false,
        kind: "conflict",
        error: `${first.element} was changed by ${first.by === "file" ? "the file on disk" : "another tab"} since this edit was made; the edit is kept as a draft.`,
        conflicts,
        head: { version: head.version, hash: head.hash },
        missed: missedSince(head, patch.base.version, patch.by),
      };
    }
    const graph = applyChanges(head.graph, patch.changes);
    // Positions only (a drag): the schema is as it was, nothing to validate.
    const compiled = patch.changes.length ? compileSchema(graph, head.graph) : { ok: true as const, text: head.text };
    if (!compiled.ok) {
      return {
        ok: false,
        kind: "invalid",
        error: "The schema was refused; prisma/schema.prisma was not changed.",
        problems: compiled.problems,
      };
    }
    const written = compiled.text !== head.text;
    if (written) await writeFileAtomic(project.schemaPath, compiled.text);
    marks.written = performance.now();
    const renames = databaseRenames(head.graph, graph);
    if (renames.length) await writeRenames(project, chainRenames(await readRenames(project), renames));
    const layout = patch.layout && Object.keys(patch.layout).length ? patch.layout : undefined;
    if (layout || patch.board || (written && nodesRenamedOrRemoved(head.graph, graph)))
      await writeLayoutChanges(project, head.graph, graph, { layout, board: patch.board });
    if (!written && !layout && !patch.board)
      return {
        ok: true,
        version: head.version,
        hash: head.hash,
        written,
        missed: missedSince(head, patch.base.version, patch.by),
      };
    const next = advance(
      project,
      head,
      { by: patch.by, changes: patch.changes, layout, board: patch.board },
      { hash: schemaVersion(compiled.text), text: compiled.text, graph },
    );
    return { ok: true, version: next.version, hash: next.hash, written, missed: missedSince(next, patch.base.version, patch.by) };
  });
}
