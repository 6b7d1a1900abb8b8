"use client";

import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { saveLayoutAction, saveSchemaAction } from "@/app/actions";
import type { Field, SchemaGraph } from "@/lib/schema/graph";
import * as operations from "@/lib/schema/operations";
import { defaultPosition, type Position } from "./canvas/graph-to-flow";
import { SchemaEditorContext, type SchemaEditor } from "./canvas/editor-context";
import { PALETTE_MIME, SchemaCanvas } from "./canvas/SchemaCanvas";
import { DataPanel } from "./data-grid/DataPanel";
import { MigratePanel } from "./migrations/MigratePanel";
import { SeedButton } from "./data-grid/SeedButton";

/** The first spot, stepping right then down from `wanted`, that no table's top-left corner is close to. */
function freeSpotNear(wanted: Position, taken: Position[]): Position {
  const spot = { ...wanted };
  for (let step = 0; step < 50 && taken.some((p) => Math.abs(p.x - spot.x) < 320 && Math.abs(p.y - spot.y) < 200); step++) {
    spot.x += 340;
    if (step % 4 === 3) {
      spot.x = wanted.x;
      spot.y += 240;
    }
  }
  return spot;
}

type Status = { tone: "info" | "error" | "success"; text: string } | null;

function layoutByName(graph: SchemaGraph, positions: Record<string, Position>) {
  return Object.fromEntries(graph.models.map((model, index) => [model.name, positions[model.id] ?? defaultPosition(index)]));
}

/**
 * The designer page: the graph lives here, in the browser. Every edit applies an
 * operation to it at once and then saves it through a server action, one save at a time
 * and in order; a graph Prisma refuses stays on screen with its problems and the file
 * keeps its last valid content.
 */
export function Designer(props: { initialGraph: SchemaGraph; initialLayout: Record<string, Position> }) {
  return (
    <ReactFlowProvider>
      <DesignerPage {...props} />
    </ReactFlowProvider>
  );
}

function DesignerPage(props: { initialGraph: SchemaGraph; initialLayout: Record<string, Position> }) {
  const flow = useReactFlow();
  const canvasRef = useRef<HTMLDivElement>(null);
  const [graph, setGraph] = useState(props.initialGraph);
  const [positions, setPositions] = useState<Record<string, Position>>(() =>
    Object.fromEntries(
      props.initialGraph.models.flatMap((m) => (props.initialLayout[m.name] ? [[m.id, props.initialLayout[m.name]]] : [])),
    ),
  );
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  const [status, setStatus] = useState<Status>(null);
  const [saving, setSaving] = useState(0);
  const [lastSaved, setLastSaved] = useState<Date | null>(null);
  const [panel, setPanel] = useState<"migrate" | "data" | null>(null);
  const [dataVersion, setDataVersion] = useState(0);

  const graphRef = useRef(graph);
  const positionsRef = useRef(positions);
  const saveQueue = useRef<Promise<unknown>>(Promise.resolve());

  const persist = useCallback((next: SchemaGraph, nextPositions: Record<string, Position>) => {
    setSaving((n) => n + 1);
    saveQueue.current = saveQueue.current.then(async () => {
      try {
        const result = await saveSchemaAction({ graph: next, layout: layoutByName(next, nextPositions) });
        if (graphRef.current !== next) return; // a newer edit's save decides what is shown
        if (result.ok) {
          setProblems({});
          setStatus((current) => (current?.tone === "error" ? null : current));
          if (result.written) setLastSaved(new Date());
        } else {
          const located: Record<string, string[]> = {};
          const general: string[] = [];
          for (const problem of result.problems ?? []) {
            if (problem.elementId) (located[problem.elementId] ??= []).push(problem.message);
            else general.push(problem.message);
          }
          setProblems(located);
          setStatus({ tone: "error", text: [result.error, ...general].join(" ") });
        }
      } catch {
        setStatus({ tone: "error", text: "The server could not be reached; the last change is not saved." });
      } finally {
        setSaving((n) => n - 1);
      }
    });
  }, []);

  const edit = useCallback(
    (change: (graph: SchemaGraph) => SchemaGraph, nextPositions = positionsRef.current) => {
      const next = change(graphRef.current);
      graphRef.current = next;
      positionsRef.current = nextPositions;
      setGraph(next);
      setPositions(nextPositions);
      persist(next, nextPositions);
    },
    [persist],
  );

  const addTableAt = useCallback(
    (position?: Position) => {
      const { graph: next, model } = operations.addModel(graphRef.current);
      // A click puts the table in the middle of what the user is looking at.
      const rect = canvasRef.current?.getBoundingClientRect();
      const at =
        position ??
        freeSpotNear(
          rect
            ? flow.screenToFlowPosition({ x: rect.left + rect.width / 2 - 144, y: rect.top + rect.height / 2 - 60 })
            : defaultPosition(next.models.length - 1),
          Object.values(positionsRef.current),
        );
      edit(() => next, { ...positionsRef.current, [model.id]: at });
    },
    [edit, flow],
  );

  const editor = useMemo<SchemaEditor>(
    () => ({
      renameModel: (id, name) => edit((g) => operations.renameModel(g, id, name)),
      deleteModel: (id) => {
        const model = graphRef.current.models.find((m) => m.id === id);
        if (model && window.confirm(`Delete table ${model.name} and its relations?`)) {
          edit((g) => operations.deleteModel(g, id));
        }
      },
      addField: (id) => edit((g) => operations.addField(g, id).graph),
      renameField: (id, name) => edit((g) => operations.renameField(g, id, name)),
      updateField: (id, changes: Partial<Omit<Field, "id" | "name">>) => edit((g) => operations.updateField(g, id, changes)),
      deleteField: (id) => edit((g) => operations.deleteField(g, id)),
    }),
    [edit],
  );

  const onMoved = useCallback((moved: Record<string, Position>) => {
    const next = { ...positionsRef.current, ...moved };
    positionsRef.current = next;
    setPositions(next);
    void saveLayoutAction(layoutByName(graphRef.current, next)).then((result) => {
      if (!result.ok) setStatus({ tone: "error", text: result.error });
    });
  }, []);

  // Good news fades; a problem stays until it is fixed or dismissed.
  useEffect(() => {
    if (status?.tone !== "success") return;
    const timer = setTimeout(() => setStatus(null), 6000);
    return () => clearTimeout(timer);
  }, [status]);

  const hasProblems = Object.keys(problems).length > 0 || status?.tone === "error";

  return (
    <div className="flex h-screen flex-col bg-slate-100 text-slate-900">
      <header className="flex items-center gap-3 border-b border-slate-300 bg-white px-4 py-2">
        <h1 className="text-lg font-bold tracking-tight">
          Schema<span className="text-sky-600">flow</span>
        </h1>
        <span className="text-xs text-slate-500">prisma/schema.prisma · SQLite</span>
        <div className="ml-4 flex items-center gap-2">
          <button
            type="button"
            draggable
            onDragStart={(event) => {
              event.dataTransfer.setData(PALETTE_MIME, "table");
              event.dataTransfer.effectAllowed = "copy";
            }}
            onClick={() => addTableAt()}
            title="Click to add a table, or drag it onto the canvas"
            className="cursor-grab rounded border border-dashed border-sky-500 bg-sky-50 px-3 py-1 text-sm font-medium text-sky-800 hover:bg-sky-100"
          >
            + Add table
          </button>
        </div>
        <div className="ml-auto flex items-center gap-2">
          <span role="status" aria-label="Save state" className="text-xs text-slate-500">
            {saving > 0
              ? "Saving…"
              : lastSaved
                ? `Saved prisma/schema.prisma at ${lastSaved.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" })}`
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
            onClick={() => setPanel(panel === "data" ? null : "data")}
            aria-pressed={panel === "data"}
            className="rounded border border-slate-300 px-3 py-1 text-sm font-medium hover:bg-slate-50"
          >
            Data
          </button>
        </div>
      </header>
      <main className="relative flex min-h-0 flex-1">
        <div ref={canvasRef} className="relative min-w-0 flex-1">
          {status && (
            <div
              role={status.tone === "error" ? "alert" : "status"}
              className={`pointer-events-auto absolute left-1/2 top-3 z-20 flex max-w-2xl -translate-x-1/2 items-start gap-2 rounded-md border px-4 py-2 text-sm shadow-md ${
                status.tone === "error"
                  ? "border-red-200 bg-red-50 text-red-800"
                  : status.tone === "success"
                    ? "border-emerald-200 bg-emerald-50 text-emerald-800"
                    : "border-sky-200 bg-sky-50 text-sky-800"
              }`}
            >
              <p className="flex-1 whitespace-pre-wrap">{status.text}</p>
              <button
                type="button"
                aria-label="Dismiss message"
                onClick={() => setStatus(null)}
                className="text-current opacity-60 hover:opacity-100"
              >
                ×
              </button>
            </div>
          )}
          <SchemaEditorContext.Provider value={editor}>
            <SchemaCanvas graph={graph} positions={positions} problems={problems} onMoved={onMoved} onDropTable={addTableAt} />
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
        {panel === "data" && <DataPanel version={dataVersion} onClose={() => setPanel(null)} />}
      </main>
    </div>
  );
}
