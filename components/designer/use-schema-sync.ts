"use client";

import { useCallback, useEffect, useRef, useState, type Dispatch, type RefObject, type SetStateAction } from "react";
import { readSchemaHeadAction } from "@/app/actions";
import { record as recordEdit, replacePresent, type History } from "@/lib/schema/history";
import { randomId } from "@/lib/schema/random-id";
import { diffGraphs } from "@/lib/sync/patch";
import { layoutById } from "@/lib/layout/positions";
import {
  confirmAfter,
  patchFor,
  rebaseHistory,
  sendPatch,
  withRecord,
  type Confirmed,
  type Design,
  type RemoteRecord,
} from "./sync-client";

/**
 * The tab's end of the sync (lib/sync): edits go up as patches on the version the tab last
 * saw, one request at a time, shortly after the edit; every other tab's edits and the file's
 * changes come down as server-sent events and are laid onto the design and its undo
 * history. An edit the server refuses because someone changed the same element is kept as
 * a draft the user can re-apply or drop.
 */

export type SyncStatus = { tone: "info" | "error" | "success"; text: string } | null;

/** An edit refused because another writer changed its element: kept until re-applied or dropped. */
export interface Draft {
  message: string;
  /** The design the edit was made on, and the design with it. */
  base: Design;
  design: Design;
}

/** Where a design Prisma refused waits over a reload (with the version it was made on). */
export const DRAFT_KEY = "schemaflow:draft";

export function useSchemaSync(options: {
  initial: Confirmed;
  historyRef: RefObject<History<Design>>;
  setHistory(history: History<Design>): void;
  onStatus: Dispatch<SetStateAction<SyncStatus>>;
  onProblems(problems: Record<string, string[]>): void;
}) {
  const { historyRef, setHistory, onStatus, onProblems } = options;
  const confirmed = useRef<Confirmed>(options.initial);
  const clientId = useRef("");
  const inFlight = useRef(false);
  /** Versions heard of while a save is on its way: laid on once its answer is in. */
  const heard = useRef<RemoteRecord[]>([]);
  const persist = useRef(() => {});
  const [saving, setSaving] = useState(false);
  const [lastSaved, setLastSaved] = useState<Date | null>(null);
  const [version, setVersion] = useState(options.initial.version);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [fileProblems, setFileProblems] = useState<string[]>([]);
  /** The tab's event stream, for what else listens to it (presence). */
  const [stream, setStream] = useState<{ events: EventSource; clientId: string } | null>(null);

  const show = useCallback(
    (history: History<Design>) => {
      historyRef.current = history;
      setHistory(history);
    },
    [historyRef, setHistory],
  );

  /**
   * Starts again from what the server holds. After a refusal (`message`) the tab's unsaved
   * edit becomes the draft; after a gap in the events it is laid onto the server's design.
   */
  const resync = useCallback(
    async (message: string | null) => {
      const head = await readSchemaHeadAction();
      if (!head.ok) return onStatus({ tone: "error", text: head.error });
      const present = historyRef.current.present;
      const unsaved = diffGraphs(confirmed.current.graph, present.graph);
      if (message && unsaved.length) setDraft({ message, base: confirmed.current, design: present });
      const design: Design = { graph: head.graph, layout: layoutById(head.graph, head.layout), board: head.board };
      confirmed.current = { ...design, version: { version: head.version, hash: head.hash } };
      setVersion(confirmed.current.version);
      setFileProblems(head.fileProblems ?? []);
      const kept = message ? [] : unsaved;
      show(replacePresent(historyRef.current, withRecord(design, { version: 0, hash: "", by: "", changes: kept })));
      // The draft banner says it when an edit was kept; otherwise the status line does.
      if (message && !unsaved.length) onStatus({ tone: "error", text: message });
      if (kept.length) persist.current();
    },
    [historyRef, onStatus, show],
  );

  /** A version made elsewhere: onto the confirmed design, and onto the tab's (unless it clashes with an unsaved edit). */
  const receive = useCallback(
    (record: RemoteRecord) => {
      if (record.version <= confirmed.current.version.version) return;
      if (record.version !== confirmed.current.version.version + 1) return void resync(null);
      const pending = new Set(diffGraphs(confirmed.current.graph, historyRef.current.present.graph).map((c) => c.key));
      const clash = record.changes.find((c) => pending.has(c.key));
      if (clash) {
        setDraft({
          message: `${record.by === "file" ? "The file on disk" : "Another tab"} changed what you were editing; your edit is kept as a draft.`,
          base: confirmed.current,
          design: historyRef.current.present,
        });
      }
      confirmed.current = { ...withRecord(confirmed.current, record), version: { version: record.version, hash: record.hash } };
      setVersion(confirmed.current.version);
      setFileProblems([]);
      show(rebaseHistory(historyRef.current, record));
      // An edit that waited (the file was invalid, the server unreachable) goes now.
      if (pending.size) persist.current();
    },
    [historyRef, resync, show],
  );

  const flush = useCallback(async () => {
    if (inFlight.current) return;
    const patch = patchFor(confirmed.current, historyRef.current.present);
    if (!patch) {
      // Back to what the server holds (a refused edit undone): nothing is wrong any more.
      onProblems({});
      onStatus((current) => (current?.tone === "error" ? null : current));
      localStorage.removeItem(DRAFT_KEY);
      return;
    }
    inFlight.current = true;
    setSaving(true);
    let again = false;
    try {
      const result = await sendPatch({ ...patch, by: clientId.current });
      if (result.ok) {
        confirmed.current = confirmAfter(confirmed.current, result.missed, {
          ...patch,
          version: { version: result.version, hash: result.hash },
        });
        setVersion(confirmed.current.version);
        let history = historyRef.current;
        for (const record of result.missed) history = rebaseHistory(history, record);
        if (result.missed.length) show(history);
        onProblems({});
        onStatus((current) => (current?.tone === "error" ? null : current));
        localStorage.removeItem(DRAFT_KEY);
        if (result.written) setLastSaved(new Date());
        again = true;
      } else if (result.kind === "conflict" || result.kind === "stale") {
        await resync(result.error);
      } else {
        const located: Record<string, string[]> = {};
        const general: string[] = [];
        for (const problem of result.kind === "invalid" ? result.problems : []) {
          if (problem.elementId) (located[problem.elementId] ??= []).push(problem.message);
          else general.push(problem.message);
        }
        onProblems(located);
        onStatus({ tone: "error", text: [result.error, ...general].join(" ") });
        // A reload must not lose the work: keep the draft beside the version it was made on.
        localStorage.setItem(DRAFT_KEY, JSON.stringify({ base: patch.base.hash, design: historyRef.current.present }));
      }
    } catch {
      onStatus({ tone: "error", text: "The server could not be reached; the last change is not saved." });
    } finally {
      inFlight.current = false;
      setSaving(false);
    }
    for (const record of heard.current.splice(0)) receive(record);
    if (again && patchFor(confirmed.current, historyRef.current.present)) void flush();
  }, [historyRef, onProblems, onStatus, receive, resync, show]);

  /**
   * The design changed: save it now, before anything else runs. A microtask would come too
   * late: the setState of the gesture (the canvas's own, React Flow's) has already queued
   * React's render as a microtask, and at 5,044 models that render held the request back
   * 25-45 ms. Edits made while a save is in flight go together in the next one.
   */
  persist.current = () => void flush();

  // Every version made elsewhere, live.
  useEffect(() => {
    clientId.current = `tab-${randomId()}`;
    const events = new EventSource(`/api/events?tab=${encodeURIComponent(clientId.current)}`);
    setStream({ events, clientId: clientId.current });
    events.addEventListener("version", (event) => {
      const record = JSON.parse((event as MessageEvent).data) as RemoteRecord;
      if (record.by === clientId.current) return;
      if (inFlight.current) heard.current.push(record);
      else receive(record);
    });
    events.addEventListener("file-problems", (event) => {
      setFileProblems((JSON.parse((event as MessageEvent).data) as { problems: string[] }).problems);
    });
    // After a reconnect (a restart, a sleep), catch up from the server.
    events.addEventListener("hello", (event) => {
      const hello = JSON.parse((event as MessageEvent).data) as { version: number; fileProblems: string[] };
      setFileProblems(hello.fileProblems);
      if (hello.version !== confirmed.current.version.version && !inFlight.current) void resync(null);
    });
    return () => events.close();
  }, [receive, resync]);

  /** The draft's edit, made again on what the server holds now: the user chose it over the other. */
  const reapplyDraft = useCallback(() => {
    if (!draft) return;
    const changes = diffGraphs(draft.base.graph, draft.design.graph);
    const next = withRecord(historyRef.current.present, { version: 0, hash: "", by: "", changes });
    show(recordEdit(historyRef.current, next, "Re-apply your edit"));
    setDraft(null);
    persist.current();
  }, [draft, historyRef, show]);

  const save = useCallback(() => persist.current(), []);
  return {
    saving,
    lastSaved,
    version,
    draft,
    fileProblems,
    stream,
    persist: save,
    reapplyDraft,
    dropDraft: () => setDraft(null),
  };
}
