import type { SchemaGraph } from "@/lib/schema/graph";
import type { History } from "@/lib/schema/history";
import { applyChanges, diffGraphs, type ElementChange } from "@/lib/sync/patch";
import type { PatchAnswer } from "@/lib/sync/patch-schema";
import type { LayoutChanges, SchemaVersion } from "@/lib/sync/schema-head";
import type { NodeView } from "@/lib/layout/positions";
import { applyBoardChanges, applyKeyed, boardChanges, type Board, type BoardChanges } from "@/lib/layout/board";

/**
 * The tab's side of the sync, as plain functions: what to send (the difference between what
 * the server confirmed and what the tab shows), and how a change made elsewhere (another
 * tab, the file on disk) is laid onto the tab's design and its undo history.
 */

/** What the canvas shows and undo walks through: the schema, where its nodes sit, its areas and views. */
export interface Design {
  graph: SchemaGraph;
  layout: Record<string, NodeView>;
  board: Board;
}

/** What the server has confirmed: the design as of a version. */
export interface Confirmed extends Design {
  version: SchemaVersion;
}

/** A change made elsewhere, as the server tells it. */
export interface RemoteRecord {
  version: number;
  hash: string;
  by: string;
  changes: ElementChange[];
  layout?: LayoutChanges;
  board?: BoardChanges;
}

export interface Patch {
  base: SchemaVersion;
  changes: ElementChange[];
  layout: LayoutChanges;
  board?: BoardChanges;
}

/** Positions and colors that differ (by node id); a node gone from the design is removed. */
export function layoutChanges(before: Record<string, NodeView>, after: Record<string, NodeView>): LayoutChanges {
  const changes: LayoutChanges = {};
  for (const [id, view] of Object.entries(after)) {
    const was = before[id];
    if (!was || was.x !== view.x || was.y !== view.y || was.color !== view.color) changes[id] = view;
  }
  for (const id of Object.keys(before)) if (!(id in after)) changes[id] = null;
  return changes;
}

/** The patch that brings the server from `confirmed` to `present`, or null when nothing differs. */
export function patchFor(confirmed: Confirmed, present: Design): Patch | null {
  const changes = diffGraphs(confirmed.graph, present.graph);
  const layout = layoutChanges(confirmed.layout, present.layout);
  const board = boardChanges(confirmed.board, present.board);
  if (!changes.length && !Object.keys(layout).length && !board) return null;
  return { base: confirmed.version, changes, layout, ...(board ? { board } : {}) };
}

/** A design with a change made elsewhere laid onto it. */
export function withRecord(design: Design, record: RemoteRecord): Design {
  return {
    graph: applyChanges(design.graph, record.changes),
    layout: applyKeyed(design.layout, record.layout),
    board: applyBoardChanges(design.board, record.board),
  };
}

/** The confirmed design after records the server applied (in order), and its new version. */
export function confirmAfter(confirmed: Confirmed, records: RemoteRecord[], own?: Patch & { version: SchemaVersion }): Confirmed {
  let design: Design = confirmed;
  for (const record of records) design = withRecord(design, record);
  if (own) design = withRecord(design, { ...own.version, by: "", changes: own.changes, layout: own.layout, board: own.board });
  const last =
    own?.version ?? (records.length ? { version: records.at(-1)!.version, hash: records.at(-1)!.hash } : confirmed.version);
  return { ...design, version: last };
}

/**
 * The undo history with a change made elsewhere laid onto every state: undoing the tab's
 * own edit then never takes back someone else's.
 */
export function rebaseHistory(history: History<Design>, record: RemoteRecord): History<Design> {
  const onto = (design: Design) => withRecord(design, record);
  return {
    past: history.past.map((entry) => ({ ...entry, state: onto(entry.state) })),
    present: onto(history.present),
    presentLabel: history.presentLabel,
    future: history.future.map((entry) => ({ ...entry, state: onto(entry.state) })),
  };
}

/** A patch to the server (app/api/schema). A refusal by the request guard, which answers in text, is an answer too. */
export async function sendPatch(patch: object): Promise<PatchAnswer> {
  const response = await fetch("/api/schema", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(patch),
  });
  if (response.headers.get("content-type")?.includes("application/json")) return (await response.json()) as PatchAnswer;
  return { ok: false, kind: "refused", error: (await response.text()) || `The server answered ${response.status}.` };
}
