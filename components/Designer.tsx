"use client";

import { ReactFlowProvider } from "@xyflow/react";
import { useCallback, useMemo, useRef, useState } from "react";
import dynamic from "next/dynamic";
import type { SchemaGraph } from "@/lib/schema/graph";
import type { SchemaVersion } from "@/lib/sync/schema-head";
import { SchemaEditorContext, type Focus } from "./canvas/editor-context";
import { layoutById, type NodeView, type Position } from "@/lib/layout/positions";
import { SchemaCanvas } from "./canvas/SchemaCanvas";
import { CanvasNodesProvider, type CanvasNodes } from "./canvas/canvas-nodes";
import { TableDataContext } from "./canvas/table-data";
import { DataPanel } from "./data-grid/DataPanel";
import { HelpDialog } from "./HelpDialog";
import { Inspector } from "./inspector/Inspector";
import { MigratePanel } from "./migrations/MigratePanel";
import { Toolbar } from "./Toolbar";
import { DisplaySwitch, useDisplayMode } from "./designer/DisplaySwitch";
import { FocusBar } from "./designer/FocusBar";
import { useNeighbours } from "./designer/use-neighbours";
import { ProviderSwitch } from "./designer/ProviderSwitch";
import { PanelButtons, type Panel } from "./designer/PanelButtons";
import { PresenceLine } from "./designer/PresenceLine";
import { StatusMessage } from "./designer/StatusMessage";
import { SyncBanner } from "./designer/SyncBanner";
import { useCanvasView } from "./designer/use-canvas-view";
import { useDesignEditor } from "./designer/use-design-editor";
import { useDesignHistory } from "./designer/use-design-history";
import { useFileTransfer } from "./designer/use-file-transfer";
import { usePresence } from "./designer/use-presence";
import { useSchemaSync, type SyncStatus } from "./designer/use-schema-sync";
import { useShortcuts } from "./designer/use-shortcuts";
import { readOnlyStatus, usePageNotices } from "./designer/use-page-notices";
import { useBoard } from "./designer/use-board";
import { ViewMenu } from "./designer/ViewMenu";
import { SelectionBar } from "./designer/SelectionBar";
import { AreaActionsContext } from "./canvas/area-context";
import type { Area, Board } from "@/lib/layout/board";
import { useTableCounts } from "./designer/use-table-counts";

// CodeMirror loads when the text panel opens, not with the page.
const SchemaTextPanel = dynamic(() => import("./editor/SchemaTextPanel"), { ssr: false });

interface DesignerProps {
  initialGraph: SchemaGraph;
  initialLayout: Record<string, NodeView>;
  initialBoard: Board;
  initialVersion: SchemaVersion;
  /** What the layout file had that did not fit the schema, repaired (lib/layout/layout-file). */
  layoutNotes: string[];
}

export function Designer(props: DesignerProps) {
  const canvasNodes = useRef<CanvasNodes | null>(null);
  return (
    <ReactFlowProvider>
      <CanvasNodesProvider value={canvasNodes}>
        <DesignerPage {...props} />
      </CanvasNodesProvider>
    </ReactFlowProvider>
  );
}

/**
 * The designer page: the design (schema and positions) and its undo history live in the tab;
 * every edit is saved at once as a patch on the version the tab last saw, and other tabs'
 * and the file's changes arrive live (useSchemaSync). A design Prisma refuses stays on
 * screen with its problems, and in localStorage, while the file keeps its last valid content.
 */
function DesignerPage(props: DesignerProps) {
  const canvasRef = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<SyncStatus>(() => readOnlyStatus(props.initialGraph));
  const { history, historyRef, setHistory, persistRef, commit, travel } = useDesignHistory(
    { graph: props.initialGraph, layout: layoutById(props.initialGraph, props.initialLayout), board: props.initialBoard },
    setStatus,
  );
  const { graph, layout, board: boardState } = history.present;
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  const [panel, setPanel] = useState<Panel>(null);
  const [display, setDisplay] = useDisplayMode();
  const { neighbours, setNeighbours, view: focusView } = useNeighbours(graph);
  const board = useBoard({ graph, board: boardState, historyRef, commit, onStatus: setStatus });
  const [focus, setFocus] = useState<Focus | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [dataVersion, setDataVersion] = useState(0);
  const [rowsChanged, setRowsChanged] = useState(0);
  const [openTable, setOpenTable] = useState<{ table: string; at: number } | undefined>(undefined);
  const [busy, setBusy] = useState<string | null>(null);
  const selectedRef = useRef<string[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const clipboardRef = useRef<string[]>([]);
  const searchRef = useRef<HTMLInputElement>(null);

  const sync = useSchemaSync({
    initial: { ...history.present, version: props.initialVersion },
    historyRef,
    setHistory,
    onStatus: setStatus,
    onProblems: setProblems,
  });
  // Edits are saved through the sync, which needs the history first (sync.persist is stable).
  persistRef.current = sync.persist;
  const presence = usePresence(sync.stream);
  const { select } = presence;
  const onSelectionChange = useCallback(
    (ids: string[]) => {
      selectedRef.current = ids;
      setSelected(ids);
      select(ids);
    },
    [select],
  );

  usePageNotices({ commit, setStatus, status, versionHash: props.initialVersion.hash, layoutNotes: props.layoutNotes });

  const focusedNodeId =
    focus?.kind === "model" || focus?.kind === "enum" ? focus.id : focus?.kind === "field" ? focus.modelId : undefined;
  const view = useCanvasView({ canvasRef, historyRef, commit, focusedNodeId, setFocus, onStatus: setStatus, onBusy: setBusy });
  const { editor, addNode, duplicate, onMoved, onConnectModels, onTextGraph } = useDesignEditor({
    commit,
    historyRef,
    flow: view.flow,
    centerOfView: view.centerOfView,
    setFocus,
  });
  const onDropNode = useCallback(
    (kind: string, position: Position) => addNode(kind === "enum" ? "enum" : "table", position),
    [addNode],
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
    arrange: view.arrange,
    fitView: view.fitView,
    help: useCallback(() => setHelpOpen(true), []),
  });
  const { exportFile, importFile, importDatabase } = useFileTransfer({ onStatus: setStatus, onBusy: setBusy });
  const { jumpTo } = view;
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
        onArrange={() => {
          setNeighbours(null); // Arrange lays out the whole schema
          void view.arrange();
        }}
        onExport={(format) => void view.exportAs(format)}
        onSearch={(query) => {
          // A search result opens in focus: the table and its neighbours.
          const id = view.jumpTo(query);
          if (id) setNeighbours({ id, depth: 1 });
        }}
        onHelp={() => setHelpOpen(true)}
        onExportFile={(kind) => void exportFile(kind)}
        onImport={(file) => void importFile(file)}
        onImportDatabase={(url) => void importDatabase(url)}
      >
        <PanelButtons
          panel={panel}
          onPanel={setPanel}
          saving={sync.saving}
          lastSaved={sync.lastSaved}
          hasProblems={hasProblems}
          onSeeded={(text, ok) => {
            setStatus({ tone: ok ? "success" : "error", text });
            setDataVersion((v) => v + 1);
          }}
        />
      </Toolbar>
      <main className="relative flex min-h-0 flex-1">
        <div ref={canvasRef} className="relative min-w-0 flex-1">
          <StatusMessage status={status} busy={busy} onDismiss={() => setStatus(null)} />
          <PresenceLine others={presence.others} graph={graph} />
          <div className="absolute left-1/2 top-3 z-10 flex -translate-x-1/2 gap-2">
            <ProviderSwitch
              graph={graph}
              onSwitch={(next, label) => editor.edit(label, () => next)}
              onRefused={(text) => setStatus({ tone: "error", text })}
            />
            <DisplaySwitch mode={display} onChange={setDisplay} />
            <ViewMenu
              board={board}
              focusTables={focusView && [...focusView.graph.models, ...focusView.graph.enums].map((n) => n.id)}
              onLeaveFocus={() => setNeighbours(null)}
            />
          </div>
          {selected.length > 1 && !neighbours && (
            <SelectionBar
              count={selected.length}
              onGroup={() => board.group(selected)}
              onHide={() => board.hideTables(selected)}
            />
          )}
          {neighbours && focusView && (
            <FocusBar
              graph={graph}
              focus={neighbours}
              shown={focusView.graph.models.length + focusView.graph.enums.length}
              onChange={setNeighbours}
            />
          )}
          <SyncBanner fileProblems={sync.fileProblems} draft={sync.draft} onReapply={sync.reapplyDraft} onDrop={sync.dropDraft} />
          <SchemaEditorContext.Provider value={editor}>
            <AreaActionsContext.Provider value={board.areaActions}>
              <TableDataContext.Provider value={tableData}>
                <SchemaCanvas
                  renderAll={view.renderAll}
                  graph={board.shownGraph}
                  areas={neighbours ? NO_AREAS : board.areas}
                  viewport={board.view.viewport}
                  layout={layout}
                  problems={problems}
                  focusedId={focusedId}
                  display={display}
                  focus={neighbours}
                  focusView={focusView}
                  onMoved={onMoved}
                  onDropNode={onDropNode}
                  onConnectModels={onConnectModels}
                  onSelectionChange={onSelectionChange}
                />
              </TableDataContext.Provider>
            </AreaActionsContext.Provider>
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
            onShowOnCanvas={view.jumpTo}
            tables={tables.list}
            database={tables.database}
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
            onShowNeighbours={(id) => setNeighbours({ id, depth: 1 })}
            onHide={(id) => board.hideTables([id])}
          />
        )}
      </main>
      <HelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}

const NO_AREAS: Area[] = [];
