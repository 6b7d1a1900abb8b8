"use client";

import { useStoreApi, type Edge, type Node, type ReactFlowState, type Viewport } from "@xyflow/react";
import { useEffect, useMemo, useRef, useState } from "react";
import type { Rect } from "@/lib/layout/areas";
import { contains, inWindow, viewOfTransform, windowAround } from "@/lib/layout/window";
import { rectOf } from "./areas-to-flow";

/**
 * The nodes and edges to hand React Flow: those in a window around the view, plus the
 * selected and dragged nodes (lib/layout/window). The window follows the view
 * once the view leaves it (a pan, a zoom out, a resized page). With `enabled` false, all.
 */
export function useFlowWindow<N extends Node>(options: {
  nodes: N[];
  edges: Edge[];
  enabled: boolean;
  /** Where the canvas opens: the first window, before React Flow has measured the page. */
  initialViewport?: Viewport;
}): { nodes: N[]; edges: Edge[] } {
  const { nodes, edges, enabled } = options;
  const store = useStoreApi();
  const [frame, setFrame] = useState<Rect | null>(() => {
    const at = options.initialViewport;
    if (!at || typeof window === "undefined") return null;
    return windowAround(viewOfTransform([at.x, at.y, at.zoom], window.innerWidth, window.innerHeight));
  });
  const current = useRef(frame);

  useEffect(() => {
    const follow = (state: ReactFlowState) => {
      if (!state.width || !state.height) return;
      const view = viewOfTransform(state.transform, state.width, state.height);
      if (current.current && contains(current.current, view)) return;
      current.current = windowAround(view);
      setFrame(current.current);
    };
    follow(store.getState());
    return store.subscribe(follow);
  }, [store]);

  return useMemo(() => {
    if (!enabled || !frame) return { nodes, edges };
    const keep = nodes.flatMap((n) => (n.selected || n.dragging ? [n.id] : []));
    const ids = inWindow(
      nodes.map((n) => ({ id: n.id, ...rectOf(n) })),
      edges,
      frame,
      keep,
    );
    return {
      nodes: nodes.filter((n) => ids.has(n.id)),
      edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
    };
  }, [nodes, edges, enabled, frame]);
}
