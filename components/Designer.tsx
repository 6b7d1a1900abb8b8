"use client";

import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import dynamic from "next/dynamic";
import type { SchemaGraph } from "@/lib/schema/graph";
import { record, redo, startHistory, undo, type History } from "@/lib/schema/history";
import * as operations from "@/lib/schema/operations";
import { connectModels } from "@/lib/schema/relations";
import { SchemaEditorContext, type Focus, type SchemaEditor } from "./canvas/editor-context";
import { download, exportDiagram } from "./canvas/export-image";
import { layoutByName, layoutById, viewOf, type NodeView, type Position } from "./canvas/graph-to-flow";
import { SchemaCanvas } from "./canvas/SchemaCanvas";
import { DataPanel } from "./data-grid/DataPanel";
import { TableDataContext } from "./canvas/table-data";
import { SeedButton } from "./data-grid/SeedButton";
import { HelpDialog } from "./HelpDialog";
import { Inspector } from "./inspector/Inspector";
import { MigratePanel } from "./migrations/MigratePanel";
import { Toolbar } from "./Toolbar";
import { PresenceLine } from "./designer/PresenceLine";
import { StatusMessage } from "./designer/StatusMessage";
import { usePresence } from "./designer/use-presence";
import { useFileTransfer } from "./designer/use-file-transfer";
import { freeSpotNear } from "./designer/free-spot";
import { useShortcuts } from "./designer/use-shortcuts";
import { useTableCounts } from "./designer/use-table-counts";
import { SyncBanner } from "./designer/SyncBanner";
import type { Design } from "./designer/sync-client";
import { DRAFT_KEY, useSchemaSync, type SyncStatus } from "./designer/use-schema-sync";
import type { SchemaVersion } from "@/lib/sync/schema-head";

type Status = SyncStatus;
// CodeMirror loads when the text panel opens, not with the page.
const SchemaTextPanel = dynamic(() => import("./editor/SchemaTextPanel"), { ssr: false });

export function Designer(props: {
  initialGraph: SchemaGraph;
  initialLayout: Record<string, NodeView>;
  initialVersion: SchemaVersion;
}) {
  return (
    <ReactFlowProvider>
      <DesignerPage {...props} />
    </ReactFlowProvider>
  );
}

/**
 * The designer page. The design lives here, in the browser: every edit is an operation
 * recorded for undo, applied at once, then saved through a server action (the newest
 * state only, one save at a time). A design Prisma refuses stays on screen with its
 * problems, and in localStorage, while the file keeps its last valid content.
 */
function DesignerPage(props: {
  initialGraph: SchemaGraph;
  initialLayout: Record<string, NodeView>;
  initialVersion: SchemaVersion;
}) {
  const flow = useReactFlow();
  const canvasRef = useRef<HTMLDivElement>(null);
  const [history, setHistory] = useState<History<Design>>(() =>
    startHistory({ graph: props.initialGraph, layout: layoutById(props.initialGraph, props.initialLayout) }),
  );
  const historyRef = useRef(history);
  const { graph, layout } = history.present;
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  const [status, setStatus] = useState<Status>(() =>
    props.initialGraph.readOnly?.length
      ? {
          tone: "error",
          text: `Shown read-only: this schema uses what the designer cannot edit yet (${props.initialGraph.readOnly.join("; ")}). Edit prisma/schema.prisma as text for now.`,
        }
      : null,
  );
  const [panel, setPanel] = useState<"migrate" | "data" | "text" | null>(null);
  const [focus, setFocus] = useState<Focus | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [dataVersion, setDataVersion] = useState(0);
  const [rowsChanged, setRowsChanged] = useState(0);
  const [openTable, setOpenTable] = useState<{ table: string; at: number } | undefined>(undefined);
  const [busy, setBusy] = useState<string | null>(null);
  const selectedRef = useRef<string[]>([]);
  const clipboardRef = useRef<string[]>([]);
  const searchRef = useRef<HTMLInputElement>(null);

  const sync = useSchemaSync({
    initial: { graph: props.initialGraph, layout: history.present.layout, version: props.initialVersion },
    historyRef,
    setHistory,
    onStatus: setStatus,
    onProblems: setProblems,
  });
  const persist = sync.persist;
  const presence = usePresence(sync.stream);
  const { select } = presence;
  const onSelectionChange = useCallback(
    (ids: string[]) => {
      selectedRef.current = ids;
      select(ids);
    },
    [select],
  );

  const commit = useCallback(
    (label: string, change: (design: Design) => Design) => {
      const current = historyRef.current;
      let next: Design;
      try {
        next = change(current.present);
      } catch (error) {
        setStatus({ tone: "error", text: error instanceof Error ? error.message : String(error) });
        return;
      }
      if (next === current.present) return;
      const updated = record(current, next, label);
      historyRef.current = updated;
      persist();
      setHistory(updated);
    },
    [persist],
  );

  const travel = useCallback(
    (direction: "undo" | "redo") => {
      const current = historyRef.current;
      const label = direction === "undo" ? current.presentLabel : current.future[0]?.label;
      const updated = direction === "undo" ? undo(current) : redo(current);
      if (updated === current) return;
      historyRef.current = updated;
      persist();
      setHistory(updated);
      setStatus({ tone: "info", text: `${direction === "undo" ? "Undid" : "Redid"}: ${label}` });
    },
    [persist],
  );

  // A message left by the page before it reloaded (after a rollback).
  useEffect(() => {
    const notice = sessionStorage.getItem("schemaflow:notice");
    if (!notice) return;
    sessionStorage.removeItem("schemaflow:notice");
    setStatus({ tone: "success", text: notice });
  }, []);

  // Restore a draft that Prisma had refused, if it was based on the file as it is now.
  useEffect(() => {
    const raw = localStorage.getItem(DRAFT_KEY);
    if (!raw) return;
    try {
      const draft = JSON.parse(raw) as { base: string; design: Design };
      if (draft.base !== props.initialVersion.hash) return localStorage.removeItem(DRAFT_KEY);
      commit("Restore unsaved changes", () => draft.design);
      setStatus({ tone: "info", text: "Restored the changes that were not saved yet." });
    } catch {
      localStorage.removeItem(DRAFT_KEY);
    }
  }, [commit, props.initialVersion.hash]);

  const centerOfView = useCallback((): Position => {
    const rect = canvasRef.current?.getBoundingClientRect();
    return rect
      ? flow.screenToFlowPosition({ x: rect.left + rect.width / 2 - 144, y: rect.top + rect.height / 2 - 60 })
      : { x: 40, y: 40 };
  }, [flow]);

  const addNode = useCallback(
    (kind: "table" | "enum", position?: Position) => {
      commit(kind === "table" ? "Add table" : "Add enum", (design) => {
        const result = kind === "table" ? operations.addModel(design.graph) : operations.addEnum(design.graph);
        const created = "model" in result ? result.model.id : result.enumId;
        const at = position ?? freeSpotNear(centerOfView(), Object.values(design.layout));
        return { graph: result.graph, layout: { ...design.layout, [created]: at } };
      });
    },
    [commit, centerOfView],
  );

  const duplicate = useCallback(
    (modelIds: string[]) => {
      if (!modelIds.length) return;
      let firstCopy: Position | undefined;
      commit(modelIds.length > 1 ? "Duplicate tables" : "Duplicate table", (design) => {
        const { graph: next, copies } = operations.duplicateModels(design.graph, modelIds);
        const layoutNext = { ...design.layout };
        copies.forEach((copy, i) => {
          const source = design.graph.models.findIndex((m) => m.id === modelIds[i]);
          const from = viewOf(design.layout, modelIds[i], source, design.graph.models.length);
          const spot = freeSpotNear({ x: from.x + 48, y: from.y + 48 }, Object.values(layoutNext));
          layoutNext[copy.id] = { ...from, ...spot };
          firstCopy ??= spot;
        });
        return { graph: next, layout: layoutNext };
      });
      // Show the copy where it landed, at the current zoom.
      const at = firstCopy as Position | undefined;
      if (at) requestAnimationFrame(() => void flow.setCenter(at.x + 144, at.y + 100, { zoom: flow.getZoom(), duration: 200 }));
    },
    [commit, flow],
  );

  const editor = useMemo<SchemaEditor>(
    () => ({
      edit: (label, change) => commit(label, (design) => ({ ...design, graph: change(design.graph) })),
      setColor: (id, color) =>
        commit("Change color", (design) => {
          const index = [...design.graph.models, ...design.graph.enums].findIndex((n) => n.id === id);
          const view = viewOf(design.layout, id, index, design.graph.models.length + design.graph.enums.length);
          const { color: _old, ...rest } = view;
          return { ...design, layout: { ...design.layout, [id]: color ? { ...rest, color } : rest } };
        }),
      deleteNodes: (ids) => {
        const current = historyRef.current.present.graph;
        const names = [...current.models, ...current.enums].filter((n) => ids.includes(n.id)).map((n) => n.name);
        if (
          !names.length ||
          !window.confirm(
            `Delete ${names.join(", ")}${names.length > 1 ? "" : ""} and the relations to ${names.length > 1 ? "them" : "it"}?`,
          )
        )
          return;
        commit(names.length > 1 ? "Delete tables" : "Delete table", (design) => {
          let next = design.graph;
          for (const id of ids) {
            if (next.models.some((m) => m.id === id)) next = operations.deleteModel(next, id);
            else if (next.enums.some((e) => e.id === id)) next = operations.deleteEnum(next, id);
          }
          const layoutNext = { ...design.layout };
          for (const id of ids) delete layoutNext[id];
          return { graph: next, layout: layoutNext };
        });
        setFocus(null);
      },
      focus: setFocus,
    }),
    [commit],
  );

  const onMoved = useCallback(
    (moved: Record<string, Position>) =>
      commit(Object.keys(moved).length > 1 ? "Move tables" : "Move table", (design) => {
        const layoutNext = { ...design.layout };
        for (const [id, position] of Object.entries(moved)) layoutNext[id] = { ...layoutNext[id], x: position.x, y: position.y };
        return { ...design, layout: layoutNext };
      }),
    [commit],
  );

  const onConnectModels = useCallback(
    (connection: { fromModelId: string; fromFieldId?: string; toModelId: string }) => {
      let relationFieldId = "";
      commit("Add relation", (design) => {
        const result = connectModels(design.graph, connection);
        relationFieldId = result.relationFieldId;
        return { ...design, graph: result.graph };
      });
      if (relationFieldId) setFocus({ kind: "relation", modelId: connection.fromModelId, fieldId: relationFieldId });
    },
    [commit],
  );

  const arrange = useCallback(async () => {
    setBusy("Arranging the diagram…");
    try {
      const [{ default: ELK }, { autoLayout }] = await Promise.all([
        import("elkjs/lib/elk.bundled.js"),
        import("@/lib/schema/auto-layout"),
      ]);
      const measured = Object.fromEntries(
        flow
          .getNodes()
          .flatMap((n) =>
            n.measured?.width && n.measured.height ? [[n.id, { width: n.measured.width, height: n.measured.height }]] : [],
          ),
      );
      const positions = await autoLayout(new ELK(), historyRef.current.present.graph, measured);
      commit("Arrange automatically", (design) => ({
        ...design,
        layout: Object.fromEntries(Object.entries(positions).map(([id, p]) => [id, { ...design.layout[id], ...p }])),
      }));
      requestAnimationFrame(() => void flow.fitView({ padding: 0.1, duration: 300 }));
    } finally {
      setBusy(null);
    }
  }, [commit, flow]);

  const exportAs = useCallback(
    async (format: "png" | "svg") => {
      setBusy(`Exporting ${format.toUpperCase()}…`);
      try {
        download(await exportDiagram(flow.getNodes(), format), `schema.${format}`);
      } catch (error) {
        setStatus({ tone: "error", text: `The export failed: ${error instanceof Error ? error.message : String(error)}` });
      } finally {
        setBusy(null);
      }
    },
    [flow],
  );

  const jumpTo = useCallback(
    (query: string) => {
      const wanted = query.trim().toLowerCase();
      if (!wanted) return;
      const design = historyRef.current.present;
      const nodes = [...design.graph.models, ...design.graph.enums];
      const match =
        nodes.find((n) => n.name.toLowerCase() === wanted) ??
        nodes.find((n) => n.name.toLowerCase().startsWith(wanted)) ??
        nodes.find((n) => n.name.toLowerCase().includes(wanted));
      if (!match) return setStatus({ tone: "error", text: `No table or enum matches "${query}".` });
      const node = flow.getNode(match.id);
      const index = nodes.indexOf(match);
      const at = node?.position ?? viewOf(design.layout, match.id, index, nodes.length);
      const width = node?.measured?.width ?? 288;
      const height = node?.measured?.height ?? 200;
      // A tall table is shown from its header down.
      void flow.setCenter(at.x + width / 2, at.y + Math.min(height / 2, 150), {
        zoom: Math.max(flow.getZoom(), 0.9),
        duration: 300,
      });
      flow.setNodes((all) => all.map((n) => ({ ...n, selected: n.id === match.id })));
      setFocus(
        design.graph.models.some((m) => m.id === match.id) ? { kind: "model", id: match.id } : { kind: "enum", id: match.id },
      );
    },
    [flow],
  );

  useShortcuts({
    historyRef,
    selectedRef,
    clipboardRef,
    searchRef,
    editor,
    travel,
    duplicate,
    addNode,
    arrange,
    fitView: useCallback(() => void flow.fitView({ padding: 0.1, duration: 300 }), [flow]),
    help: useCallback(() => setHelpOpen(true), []),
  });

  useEffect(() => {
    if (status?.tone !== "success" && status?.tone !== "info") return;
    const timer = setTimeout(() => setStatus(null), 6000);
    return () => clearTimeout(timer);
  }, [status]);

  const onTextGraph = useCallback(
    (next: SchemaGraph) =>
      commit("Edit schema text", (design) => {
        // Positions follow names; a table the text adds appears in view, on a free spot.
        const layout = layoutById(next, layoutByName(design.graph, design.layout));
        const known = new Set([...design.graph.models, ...design.graph.enums].map((n) => n.name));
        for (const node of [...next.models, ...next.enums]) {
          if (!known.has(node.name)) layout[node.id] = freeSpotNear(centerOfView(), Object.values(layout));
        }
        return { graph: next, layout };
      }),
    [commit, centerOfView],
  );

  const { exportFile, importFile } = useFileTransfer({ onStatus: setStatus, onBusy: setBusy });

  // The inspector takes room from the canvas: keep what it shows in view.
  const focusedNodeId =
    focus?.kind === "model" || focus?.kind === "enum" ? focus.id : focus?.kind === "field" ? focus.modelId : undefined;
  useEffect(() => {
    if (!focusedNodeId) return;
    const frame = requestAnimationFrame(() => {
      const node = flow.getNode(focusedNodeId);
      const rect = canvasRef.current?.getBoundingClientRect();
      if (!node || !rect) return;
      const { x, y, zoom } = flow.getViewport();
      const right = rect.left + x + (node.position.x + (node.measured?.width ?? 288)) * zoom;
      const left = rect.left + x + node.position.x * zoom;
      const overflow = right + 24 - rect.right;
      if (overflow > 0) void flow.setViewport({ x: x - Math.min(overflow, left - rect.left - 24), y, zoom }, { duration: 200 });
    });
    return () => cancelAnimationFrame(frame);
  }, [focusedNodeId, flow]);

  const { tables, tableData } = useTableCounts({
    dataVersion,
    rowsChanged,
    open: useCallback(
      (table: string, model: string) => {
        setOpenTable({ table, at: Date.now() });
        setPanel("data");
        // The panel takes room from the canvas: bring the node back into view once it has.
        requestAnimationFrame(() => jumpTo(model));
      },
      [jumpTo],
    ),
  });

  const hasProblems = Object.keys(problems).length > 0 || status?.tone === "error";
  const colors = useMemo(() => Object.fromEntries(Object.entries(layout).map(([id, view]) => [id, view.color])), [layout]);
  const focusedId = focus?.kind === "field" ? focus.id : focus?.kind === "relation" ? focus.fieldId : undefined;

  return (
    <div className="flex h-screen flex-col bg-slate-100 text-slate-900">
      <Toolbar
        graph={graph}
        searchRef={searchRef}
        canUndo={history.past.length > 0}
        canRedo={history.future.length > 0}
        undoLabel={history.presentLabel}
        redoLabel={history.future[0]?.label}
        onUndo={() => travel("undo")}
        onRedo={() => travel("redo")}
        onAdd={(kind) => addNode(kind)}
        onArrange={() => void arrange()}
        onExport={(format) => void exportAs(format)}
        onSearch={jumpTo}
        onHelp={() => setHelpOpen(true)}
        onExportFile={(kind) => void exportFile(kind)}
        onImport={(file) => void importFile(file)}
      >
        <span role="status" aria-label="Save state" title="prisma/schema.prisma" className="text-xs text-slate-500">
          {sync.saving
            ? "Saving…"
            : sync.lastSaved
              ? `Saved ${sync.lastSaved.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" })}`
              : ""}
        </span>
        <button
          type="button"
          onClick={() => setPanel(panel === "migrate" ? null : "migrate")}
          aria-pressed={panel === "migrate"}
          disabled={hasProblems && panel !== "migrate"}
          title={hasProblems ? "Fix the schema's problems before migrating" : "Review and apply the next revision"}
          className="rounded bg-sky-600 px-3 py-1 text-sm font-medium text-white hover:bg-sky-700 disabled:opacity-50"
        >
          Migrate
        </button>
        <SeedButton
          onSeeded={(text, ok) => {
            setStatus({ tone: ok ? "success" : "error", text });
            setDataVersion((v) => v + 1);
          }}
        />
        <button
          type="button"
          onClick={() => setPanel(panel === "text" ? null : "text")}
          aria-pressed={panel === "text"}
          title="Edit prisma/schema.prisma as text beside the canvas"
          className="rounded border border-slate-300 px-3 py-1 text-sm font-medium hover:bg-slate-50"
        >
          Text
        </button>
        <button
          type="button"
          onClick={() => setPanel(panel === "data" ? null : "data")}
          aria-pressed={panel === "data"}
          className="rounded border border-slate-300 px-3 py-1 text-sm font-medium hover:bg-slate-50"
        >
          Data
        </button>
      </Toolbar>
      <main className="relative flex min-h-0 flex-1">
        <div ref={canvasRef} className="relative min-w-0 flex-1">
          <StatusMessage status={status} busy={busy} onDismiss={() => setStatus(null)} />
          <PresenceLine others={presence.others} graph={graph} />
          <SyncBanner fileProblems={sync.fileProblems} draft={sync.draft} onReapply={sync.reapplyDraft} onDrop={sync.dropDraft} />
          <SchemaEditorContext.Provider value={editor}>
            <TableDataContext.Provider value={tableData}>
              <SchemaCanvas
                graph={graph}
                layout={layout}
                problems={problems}
                focusedId={focusedId}
                onMoved={onMoved}
                onDropNode={(kind, position) => addNode(kind === "enum" ? "enum" : "table", position)}
                onConnectModels={onConnectModels}
                onSelectionChange={onSelectionChange}
              />
            </TableDataContext.Provider>
          </SchemaEditorContext.Provider>
        </div>
        {panel === "migrate" && (
          <MigratePanel
            onClose={() => setPanel(null)}
            onApplied={(text) => {
              setStatus({ tone: "success", text });
              setDataVersion((v) => v + 1);
            }}
          />
        )}
        {panel === "data" && (
          <DataPanel
            version={dataVersion}
            open={openTable}
            onClose={() => setPanel(null)}
            onShowOnCanvas={jumpTo}
            tables={tables.list}
            error={tables.error}
            onRowsChanged={() => setRowsChanged((n) => n + 1)}
          />
        )}
        {panel === "text" && (
          <SchemaTextPanel savedVersion={sync.version.hash} onValidGraph={onTextGraph} onClose={() => setPanel(null)} />
        )}
        {!panel && focus && (
          <Inspector
            graph={graph}
            focus={focus}
            colors={colors}
            problems={problems}
            editor={editor}
            onDuplicate={(id) => duplicate([id])}
          />
        )}
      </main>
      <HelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
