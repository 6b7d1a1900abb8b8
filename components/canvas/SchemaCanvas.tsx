"use client";

import {
  Background,
  ReactFlow,
  ViewportPortal,
  applyNodeChanges,
  useReactFlow,
  useStore,
  type Viewport,
  type Connection,
  type Edge,
  type FinalConnectionState,
  type Node,
  type NodeChange,
} from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from "react";
import type { SchemaGraph } from "@/lib/schema/graph";
import { CrowFootMarkers } from "./CrowFootMarkers";
import { useSchemaEditor } from "./editor-context";
import { EnumNode } from "./EnumNode";
import { fieldIdOfHandle, graphToFlow, type RelationEdgeData, type SchemaFlowNode } from "./graph-to-flow";
import { type NodeView, type Position } from "@/lib/layout/positions";
import type { DisplayMode } from "@/lib/layout/display";
import type { FocusView, Neighbours } from "@/lib/layout/focus";
import { BLOCK_ZOOM, firstViewport, MIN_ZOOM } from "@/lib/layout/zoom";
import { BlockLabelScale } from "./BlockLabelScale";
import { ModelNode } from "./ModelNode";
import { AreaNode } from "./AreaNode";
import { collapseAreas, isAreaNode, openAreaNodes, withAreaDrag, type AreaFlowNode } from "./areas-to-flow";
import { sameEdge, sameNode } from "./same-element";
import type { Area } from "@/lib/layout/board";
import { useCanvasNodes, usePublishCanvasNodes } from "./canvas-nodes";
import { Overview } from "./Overview";
import { CanvasControls } from "./CanvasControls";
import { useFlowWindow } from "./use-flow-window";

const nodeTypes = { model: ModelNode, enum: EnumNode, area: AreaNode };
type CanvasNode = SchemaFlowNode | AreaFlowNode;

// Every prop of <ReactFlow> is stable (constants here, callbacks memoized): React Flow copies a
// changed prop into its store, which runs every node's selector, and a changed minimap color
// function redraws every node of the minimap. At 5,044 tables each costs a frame.
const FIT_VIEW = { maxZoom: 1, minZoom: MIN_ZOOM, padding: 0.2 };
const MULTI_SELECTION_KEYS = ["Meta", "Control"];
const PRO_OPTIONS = { hideAttribution: true };
const minimapColor = (node: Node) =>
  node.type === "enum" ? "#c4b5fd" : node.type === "area" ? (node as AreaFlowNode).data.area.color : "#94a3b8";

export const PALETTE_MIME = "application/x-schemaflow-node";

/**
 * The diagram. Nodes are derived from the graph; React Flow's own changes (drag,
 * selection, measured size) are applied to them locally, and positions are handed up
 * only when a drag ends. Relations are drawn by dragging from a row (or a table) to
 * another table.
 */
export function SchemaCanvas(props: {
  graph: SchemaGraph;
  layout: Record<string, NodeView>;
  problems: Record<string, string[]>;
  focusedId?: string;
  display: DisplayMode;
  /** Where a saved view looks (its first view when the page opens on it). */
  viewport?: Viewport;
  /** Areas drawn behind their tables, or collapsed in their place (lib/layout/areas). */
  areas: Area[];
  /** Only a node and its neighbours, laid out around it (lib/layout/focus); their moves are not saved. */
  focus: Neighbours | null;
  /** What focus shows, and where (lib/layout/focus: focusView). */
  focusView: FocusView | null;
  onMoved(positions: Record<string, Position>): void;
  onDropNode(kind: string, position: Position): void;
  onConnectModels(connection: { fromModelId: string; fromFieldId?: string; toModelId: string }): void;
  onSelectionChange(nodeIds: string[]): void;
  /** Every node drawn, not only those in view: while the diagram is exported. */
  renderAll?: boolean;
}) {
  const { problems, focusedId, display, focus, onMoved, onDropNode, onConnectModels, onSelectionChange } = props;
  const inFocus = props.focusView;
  const graph = inFocus?.graph ?? props.graph;
  const layout = useMemo(
    () =>
      inFocus
        ? Object.fromEntries(Object.entries(inFocus.positions).map(([id, at]) => [id, { ...at, color: props.layout[id]?.color }]))
        : props.layout,
    [inFocus, props.layout],
  );
  const [nodes, setNodes] = useState<CanvasNode[]>([]);
  const [edges, setEdges] = useState<Edge[]>([]);
  const flow = useReactFlow();
  const editor = useSchemaEditor();
  const canvas = useCanvasNodes();

  const summary = useStore((state) => state.transform[2] < BLOCK_ZOOM);

  // Open already at its first view (from saved positions and estimated sizes), so a large
  // schema is not first drawn in detail at zoom 1 and then redrawn: the whole when it can be
  // read, else its top-left corner (lib/layout/zoom).
  const [initialViewport] = useState<Viewport | undefined>(() => {
    if (typeof window === "undefined" || !graph.models.length) return undefined;
    if (props.viewport) return props.viewport;
    const { nodes: initial } = graphToFlow(graph, layout);
    const x = Math.min(...initial.map((n) => n.position.x));
    const y = Math.min(...initial.map((n) => n.position.y));
    const width = Math.max(...initial.map((n) => n.position.x + (n.initialWidth ?? 288))) - x;
    const height = Math.max(...initial.map((n) => n.position.y + (n.initialHeight ?? 200))) - y;
    return firstViewport({ x, y, width, height }, { width: window.innerWidth, height: window.innerHeight - 50 });
  });

  // Entering or changing focus: what is shown, fitted. Leaving it: the whole schema, close up
  // on the table that was in focus (where it sits in the whole layout).
  const focusKey = focus && `${focus.id}:${focus.depth}`;
  const firstFocus = useRef(true);
  const lastFocus = useRef<string | null>(null);
  const wholeLayout = useRef(props.layout);
  wholeLayout.current = props.layout;
  // Read when focus changes, not dependencies: React Flow's helpers change identity once it has
  // mounted, and a run for that would fit the view as if focus had changed.
  const helpers = useRef({ flow, canvas });
  helpers.current = { flow, canvas };
  useEffect(() => {
    const left = focus ? null : lastFocus.current;
    lastFocus.current = focus?.id ?? null;
    if (firstFocus.current) {
      firstFocus.current = false;
      return;
    }
    const frame = requestAnimationFrame(() => {
      const at = left ? wholeLayout.current[left] : undefined;
      const { flow, canvas } = helpers.current;
      if (at) void flow.setCenter(at.x + 144, at.y + 150, { zoom: Math.max(flow.getZoom(), 0.9), duration: 200 });
      else canvas.fit({ padding: 0.2, maxZoom: 1, duration: 200 });
    });
    return () => cancelAnimationFrame(frame);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- focus is read through focusKey
  }, [focusKey]);

  const { areas } = props;
  useEffect(() => {
    const displayOf = Object.fromEntries(areas.flatMap((a) => (a.display ? a.tables.map((id) => [id, a.display!]) : [])));
    const derived = collapseAreas(graphToFlow(graph, layout, { problems, focusedId, summary, display, displayOf }), areas);
    setNodes((current) => {
      const previous = new Map(current.map((n) => [n.id, n]));
      return derived.nodes.map((node) => {
        const old = previous.get(node.id);
        if (!old) return node;
        // An unchanged table keeps its node object, so its memoized component does not render again:
        // an edit of one table at 1,000 tables re-renders one node, not a thousand.
        if (sameNode(old, node)) return old;
        return { ...node, measured: old.measured, selected: old.selected } as CanvasNode;
      });
    });
    // Likewise for edges: React Flow then redraws only the relations that changed.
    setEdges((current) => {
      const previous = new Map(current.map((e) => [e.id, e]));
      return derived.edges.map((edge) => {
        const old = previous.get(edge.id);
        return old && sameEdge(old, edge) ? old : edge;
      });
    });
  }, [graph, layout, problems, focusedId, summary, display, areas]);

  // Open areas follow their tables as they are drawn, dragged included. An area whose rectangle
  // did not move keeps its node object: React Flow then neither redraws nor measures it again.
  const previousAreas = useRef(new Map<string, AreaFlowNode>());
  const openAreas = useMemo(() => {
    const derived = openAreaNodes(
      nodes.filter((n): n is SchemaFlowNode => n.type !== "area"),
      areas,
    );
    const kept = derived.map((node) => {
      const old = previousAreas.current.get(node.id);
      return old && old.width === node.width && old.height === node.height && sameNode(old, node) ? old : node;
    });
    previousAreas.current = new Map(kept.map((n) => [n.id, n]));
    return kept;
  }, [nodes, areas]);
  const shown = useMemo(() => (openAreas.length ? [...openAreas, ...nodes] : nodes), [openAreas, nodes]);
  const select = useCallback((ids: string[]) => {
    const wanted = new Set(ids);
    setNodes((current) =>
      current.map((n) => (!!n.selected === wanted.has(n.id) ? n : ({ ...n, selected: wanted.has(n.id) } as CanvasNode))),
    );
  }, []);
  usePublishCanvasNodes(shown, select);
  // React Flow holds only a window around the view (lib/layout/window), but all of an export.
  const held = useFlowWindow({ nodes: shown, edges, enabled: !props.renderAll, initialViewport });
  const latest = useRef({ nodes, openAreas, layout });
  latest.current = { nodes, openAreas, layout };

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const dragged = withAreaDrag(changes, latest.current);
      // An open area is not in the state (it is derived from its tables): its own changes go.
      const open = new Set(latest.current.openAreas.map((n) => n.id));
      const own = dragged.changes.filter((change) => !("id" in change) || !open.has(change.id));
      if (own.length) setNodes((current) => applyNodeChanges(own, current));
      if (Object.keys(dragged.moved).length && !focus) onMoved(dragged.moved);
    },
    [onMoved, focus],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      if (!connection.source || !connection.target) return;
      onConnectModels({
        fromModelId: connection.source,
        fromFieldId: fieldIdOfHandle(connection.sourceHandle),
        toModelId: connection.target,
      });
    },
    [onConnectModels],
  );

  // Read when a relation is dropped, not a dependency: the handler stays the same across edits.
  const graphRef = useRef(graph);
  graphRef.current = graph;
  // A relation dropped on a table's body rather than on one of its rows still joins the tables.
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromNode) return;
      const point = "changedTouches" in event ? event.changedTouches[0] : event;
      const element = document.elementFromPoint(point.clientX, point.clientY)?.closest(".react-flow__node");
      const toModelId = element?.getAttribute("data-id");
      if (!toModelId || !graphRef.current.models.some((m) => m.id === toModelId)) return;
      onConnectModels({ fromModelId: state.fromNode.id, fromFieldId: fieldIdOfHandle(state.fromHandle?.id), toModelId });
    },
    [onConnectModels],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
      event.preventDefault();
      onDropNode(event.dataTransfer.getData(PALETTE_MIME), flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [flow, onDropNode],
  );

  const onEdgeClick = useCallback(
    (_: unknown, edge: Edge) => {
      const data = edge.data as RelationEdgeData | undefined;
      if (data) editor.focus({ kind: "relation", modelId: data.modelId, fieldId: data.fieldId });
    },
    [editor],
  );
  const onPaneClick = useCallback(() => editor.focus(null), [editor]);
  const onSelected = useCallback(
    ({ nodes: selected }: { nodes: CanvasNode[] }) =>
      onSelectionChange(selected.flatMap((n) => (isAreaNode(n.id) ? [] : [n.id]))),
    [onSelectionChange],
  );

  return (
    <ReactFlow
      nodes={held.nodes}
      edges={held.edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onConnect={onConnect}
      onConnectEnd={onConnectEnd}
      onEdgeClick={onEdgeClick}
      onPaneClick={onPaneClick}
      onSelectionChange={onSelected}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onlyRenderVisibleElements={!props.renderAll}
      defaultViewport={initialViewport}
      fitView={!initialViewport}
      fitViewOptions={FIT_VIEW}
      minZoom={MIN_ZOOM}
      deleteKeyCode={null}
      selectionKeyCode="Shift"
      multiSelectionKeyCode={MULTI_SELECTION_KEYS}
      proOptions={PRO_OPTIONS}
      aria-label="Schema diagram"
    >
      <ViewportPortal>
        <CrowFootMarkers />
      </ViewportPortal>
      <BlockLabelScale />
      <Background gap={24} />
      <CanvasControls />
      <Overview nodes={shown} color={minimapColor} ariaLabel="Overview of the diagram" />
    </ReactFlow>
  );
}
