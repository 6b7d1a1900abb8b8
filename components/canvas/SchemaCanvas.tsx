"use client";

import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  applyNodeChanges,
  useReactFlow,
  type Edge,
  type NodeChange,
} from "@xyflow/react";
import { useCallback, useEffect, useState, type DragEvent } from "react";
import type { SchemaGraph } from "@/lib/schema/graph";
import { graphToFlow, type ModelFlowNode, type Position } from "./graph-to-flow";
import { ModelNode } from "./ModelNode";

const nodeTypes = { model: ModelNode };
export const PALETTE_MIME = "application/x-schemaflow-table";

/**
 * The diagram. Nodes are derived from the graph; React Flow's own changes (drag,
 * selection, measured size) are applied to them locally, and a position is handed up
 * only when a drag ends.
 */
export function SchemaCanvas(props: {
  graph: SchemaGraph;
  positions: Record<string, Position>;
  problems: Record<string, string[]>;
  onMoved(positions: Record<string, Position>): void;
  onDropTable(position: Position): void;
}) {
  const { graph, positions, problems, onMoved, onDropTable } = props;
  const [nodes, setNodes] = useState<ModelFlowNode[]>([]);
  const [edges, setEdges] = useState<Edge[]>([]);
  const flow = useReactFlow();

  useEffect(() => {
    const derived = graphToFlow(graph, positions, problems);
    setNodes((current) => {
      const previous = new Map(current.map((n) => [n.id, n]));
      return derived.nodes.map((node) => {
        const old = previous.get(node.id);
        return old ? { ...node, measured: old.measured, selected: old.selected } : node;
      });
    });
    setEdges(derived.edges);
  }, [graph, positions, problems]);

  const onNodesChange = useCallback(
    (changes: NodeChange<ModelFlowNode>[]) => {
      setNodes((current) => applyNodeChanges(changes, current));
      const moved: Record<string, Position> = {};
      for (const change of changes) {
        if (change.type === "position" && change.dragging === false && change.position) moved[change.id] = change.position;
      }
      if (Object.keys(moved).length) onMoved(moved);
    },
    [onMoved],
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
      onDropTable(flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [flow, onDropTable],
  );

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onDragOver={onDragOver}
      onDrop={onDrop}
      fitView
      fitViewOptions={{ maxZoom: 1, padding: 0.2 }}
      minZoom={0.1}
      deleteKeyCode={null}
      proOptions={{ hideAttribution: true }}
      aria-label="Schema diagram"
    >
      <Background gap={24} />
      <Controls />
      <MiniMap pannable zoomable ariaLabel="Overview of the diagram" />
    </ReactFlow>
  );
}
