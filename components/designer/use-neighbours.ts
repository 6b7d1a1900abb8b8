import { useEffect, useMemo, useState } from "react";
import { neighbourhood, type Neighbours } from "@/lib/layout/focus";
import type { SchemaGraph } from "@/lib/schema/graph";

/** "Show neighbours" (lib/layout/focus): which node the canvas focuses on, and how many nodes that shows. */
export function useNeighbours(graph: SchemaGraph) {
  const [neighbours, setNeighbours] = useState<Neighbours | null>(null);
  // The node in focus deleted (or undone away): the whole schema again.
  useEffect(() => {
    if (neighbours && ![...graph.models, ...graph.enums].some((node) => node.id === neighbours.id)) setNeighbours(null);
  }, [graph, neighbours]);
  const shownInFocus = useMemo(
    () => (neighbours ? neighbourhood(graph, neighbours.id, neighbours.depth).flat().length : 0),
    [graph, neighbours],
  );
  return { neighbours, setNeighbours, shownInFocus };
}
