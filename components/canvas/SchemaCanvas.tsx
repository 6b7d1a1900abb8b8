"use client";

import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ViewportPortal,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type Edge,
  type FinalConnectionState,
  type NodeChange,
} from "@xyflow/react";
import { useCallback, useEffect, useState, type DragEvent } from "react";
import type { SchemaGraph } from "@/lib/schema/graph";
import { CrowFootMarkers } from "./CrowFootMarkers";
import { useSchemaEditor } from "./editor-context";
import { EnumNode } from "./EnumNode";
import {
  fieldIdOfHandle,
  graphToFlow,
  type NodeView,
  type Position,
  type RelationEdgeData,
  type SchemaFlowNode,
} from "./graph-to-flow";
import { ModelNode } from "./ModelNode";

const nodeTypes = { model: ModelNode, enum: EnumNode };
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
  onMoved(positions: Record<string, Position>): void;
  onDropNode(kind: string, position: Position): void;
  onConnectModels(connection: { fromModelId: string; fromFieldId?: string; toModelId: string }): void;
  onSelectionChange(nodeIds: string[]): void;
}) {
  const { graph, layout, problems, focusedId, onMoved, onDropNode, onConnectModels, onSelectionChange } = props;
  const [nodes, setNodes] = useState<SchemaFlowNode[]>([]);
  const [edges, setEdges] = useState<Edge[]>([]);
  const flow = useReactFlow();
  const editor = useSchemaEditor();

  useEffect(() => {
    const derived = graphToFlow(graph, layout, problems, focusedId);
    setNodes((current) => {
      const previous = new Map(current.map((n) => [n.id, n]));
      return derived.nodes.map((node) => {
        const old = previous.get(node.id);
        return old ? ({ ...node, measured: old.measured, selected: old.selected } as SchemaFlowNode) : node;
      });
    });
    setEdges(derived.edges);
  }, [graph, layout, problems, focusedId]);

  const onNodesChange = useCallback(
    (changes: NodeChange<SchemaFlowNode>[]) => {
      setNodes((current) => applyNodeChanges(changes, current));
      const moved: Record<string, Position> = {};
      for (const change of changes) {
        if (change.type === "position" && change.dragging === false && change.position) moved[change.id] = change.position;
      }
      if (Object.keys(moved).length) onMoved(moved);
    },
    [onMoved],
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

  // A relation dropped on a table's body rather than on one of its rows still joins the tables.
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromNode) return;
      const point = "changedTouches" in event ? event.changedTouches[0] : event;
      const element = document.elementFromPoint(point.clientX, point.clientY)?.closest(".react-flow__node");
      const toModelId = element?.getAttribute("data-id");
      if (!toModelId || !graph.models.some((m) => m.id === toModelId)) return;
      onConnectModels({ fromModelId: state.fromNode.id, fromFieldId: fieldIdOfHandle(state.fromHandle?.id), toModelId });
    },
    [graph, onConnectModels],
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

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onConnect={onConnect}
      onConnectEnd={onConnectEnd}
      onEdgeClick={(_, edge) => {
        const data = edge.data as RelationEdgeData | undefined;
        if (data) editor.focus({ kind: "relation", modelId: data.modelId, fieldId: data.fieldId });
      }}
      onPaneClick={() => editor.focus(null)}
      onSelectionChange={({ nodes: selected }) => onSelectionChange(selected.map((n) => n.id))}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onlyRenderVisibleElements
      fitView
      fitViewOptions={{ maxZoom: 1, padding: 0.2 }}
      minZoom={0.05}
      deleteKeyCode={null}
      selectionKeyCode="Shift"
      multiSelectionKeyCode={["Meta", "Control"]}
      proOptions={{ hideAttribution: true }}
      aria-label="Schema diagram"
    >
      <ViewportPortal>
        <CrowFootMarkers />
      </ViewportPortal>
      <Background gap={24} />
      <Controls aria-label="Zoom controls" />
      <MiniMap
        pannable
        zoomable
        ariaLabel="Overview of the diagram"
        nodeColor={(n) => (n.type === "enum" ? "#c4b5fd" : "#94a3b8")}
      />
    </ReactFlow>
  );
}
