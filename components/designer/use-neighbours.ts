import { useEffect, useMemo, useRef, useState } from "react";
import { focusView, type Neighbours } from "@/lib/layout/focus";
import type { SchemaGraph } from "@/lib/schema/graph";

/**
 * "Show neighbours" (lib/layout/focus): which node the canvas focuses on, and what that
 * shows (computed once here, for the canvas and the focus bar alike).
 */
export function useNeighbours(graph: SchemaGraph) {
  const [neighbours, setNeighbours] = useState<Neighbours | null>(null);
  const view = useMemo(() => (neighbours ? focusView(graph, neighbours) : null), [graph, neighbours]);
  // The node in focus deleted (or undone away), or a node added (by this tab or another, which
  // focus would hide from whoever just made it): the whole schema again.
  const count = graph.models.length + graph.enums.length;
  const counted = useRef(count);
  useEffect(() => {
    const grew = count > counted.current;
    counted.current = count;
    if (neighbours && (grew || !view)) setNeighbours(null);
  }, [count, neighbours, view]);
  return { neighbours: view ? neighbours : null, setNeighbours, view };
}
