"use client";

import { getNodesBounds, getViewportForBounds, useReactFlow, useStoreApi, type Node } from "@xyflow/react";
import { createContext, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from "react";

/**
 * Every node the canvas shows. React Flow holds only a window of them around the view
 * (use-flow-window), so what must reach all of them (fitting the view, selecting a table
 * found by name, arranging with measured sizes) asks the canvas, not React Flow.
 */
export type CanvasNodes = {
  nodes: Node[];
  /** Selects exactly these nodes, held by React Flow or not. */
  select(ids: string[]): void;
  /** Fits the view to every node shown, once the canvas has drawn what was just changed. */
  fit(options: FitOptions): void;
};

export type FitOptions = { padding: number; maxZoom?: number; duration?: number };

const CanvasNodesContext = createContext<RefObject<CanvasNodes | null> | null>(null);
export const CanvasNodesProvider = CanvasNodesContext.Provider;

/** What the canvas shows, for whoever needs all of it (outside a canvas: React Flow's nodes, and no select or fit). */
export function useCanvasNodes() {
  const ref = useContext(CanvasNodesContext);
  const flow = useReactFlow();
  return useMemo(
    () => ({
      all: () => ref?.current?.nodes ?? flow.getNodes(),
      select: (ids: string[]) => ref?.current?.select(ids),
      fit: (options: FitOptions) => ref?.current?.fit(options),
    }),
    [ref, flow],
  );
}

/**
 * The canvas publishes what it shows, and fits the view to it on request. A fit waits for the
 * canvas's next render, as React Flow's own fitView waits for its next nodes: a view switched
 * or a schema arranged is fitted as it is drawn, not as it was.
 */
export function usePublishCanvasNodes(nodes: Node[], select: (ids: string[]) => void): void {
  const ref = useContext(CanvasNodesContext);
  const flow = useReactFlow();
  const store = useStoreApi();
  const [request, setRequest] = useState<{ options: FitOptions } | null>(null);
  // Read when a fit is asked for, not dependencies: React Flow's helpers change identity once
  // it has mounted, and a run for that would fit again.
  const latest = useRef({ nodes, flow, store });
  useLayoutEffect(() => {
    latest.current = { nodes, flow, store };
    if (ref) ref.current = { nodes, select, fit: (options) => setRequest({ options }) };
  }, [ref, nodes, select, flow, store]);

  useEffect(() => {
    const { nodes: all, flow, store } = latest.current;
    const shown = all.filter((n) => !n.hidden);
    if (!request || !shown.length) return;
    const { padding, maxZoom, duration } = request.options;
    const { width, height, minZoom, maxZoom: most } = store.getState();
    const view = getViewportForBounds(getNodesBounds(shown), width, height, minZoom, maxZoom ?? most, padding);
    void flow.setViewport(view, { duration });
  }, [request]);
}
