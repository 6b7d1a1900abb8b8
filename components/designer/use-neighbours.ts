import { useEffect, useMemo, useRef, useState } from "react";
import { neighbourhood, type Neighbours } from "@/lib/layout/focus";
import type { SchemaGraph } from "@/lib/schema/graph";

/** "Show neighbours" (lib/layout/focus): which node the canvas focuses on, and how many nodes that shows. */
export function useNeighbours(graph: SchemaGraph) {
  const [neighbours, setNeighbours] = useState<Neighbours | null>(null);
  // The node in focus deleted (or undone away), or a node added (by this tab or another, which
  // focus would hide from whoever just made it): the whole schema again.
  const count = graph.models.length + graph.enums.length;
  const counted = useRef(count);
  useEffect(() => {
    const grew = count > counted.current;
    counted.current = count;
    if (neighbours && (grew || ![...graph.models, ...graph.enums].some((node) => node.id === neighbours.id))) {
      setNeighbours(null);
    }
  }, [graph, count, neighbours]);
  const shownInFocus = useMemo(
    () => (neighbours ? neighbourhood(graph, neighbours.id, neighbours.depth).flat().length : 0),
    [graph, neighbours],
  );
  return { neighbours, setNeighbours, shownInFocus };
}
