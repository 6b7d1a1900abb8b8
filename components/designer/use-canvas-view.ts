"use client";

import { useReactFlow, useStore } from "@xyflow/react";
import { useCallback, useEffect, useState, type RefObject } from "react";
import type { History } from "@/lib/schema/history";
import type { Focus } from "../canvas/editor-context";
import { download, exportDiagram, whenAllDrawn } from "../canvas/export-image";
import { useCanvasNodes } from "../canvas/canvas-nodes";
import { viewOf, type Position } from "@/lib/layout/positions";
import { MINIMAP_TOP, RIGHT_INSET, TOP_INSET } from "@/lib/layout/zoom";
import { arrange as arrangeDesign } from "./design-edits";
import type { Design } from "./sync-client";
import type { SyncStatus } from "./use-schema-sync";

/**
 * What the designer does with the view of the canvas: where its middle is, finding a node,
 * keeping the focused node clear of the inspector, arranging automatically, and exporting
 * the picture.
 */
export function useCanvasView(options: {
  canvasRef: RefObject<HTMLDivElement | null>;
  historyRef: RefObject<History<Design>>;
  commit(label: string, change: (design: Design) => Design): void;
  focusedNodeId: string | undefined;
  setFocus(focus: Focus | null): void;
  onStatus(status: SyncStatus): void;
  onBusy(busy: string | null): void;
}) {
  const { canvasRef, historyRef, commit, focusedNodeId, setFocus, onStatus, onBusy } = options;
  const flow = useReactFlow();
  const canvas = useCanvasNodes();
  // The canvas draws only the nodes in view; an export draws them all for as long as it takes.
  const [renderAll, setRenderAll] = useState(false);

  /** Where a new node goes when nothing says: the middle of the view. */
  const centerOfView = useCallback((): Position => {
    const rect = canvasRef.current?.getBoundingClientRect();
    return rect
      ? flow.screenToFlowPosition({ x: rect.left + rect.width / 2 - 144, y: rect.top + rect.height / 2 - 60 })
      : { x: 40, y: 40 };
  }, [canvasRef, flow]);

  /** The table or enum named (exactly, by prefix, or in part) brought into view, selected and focused; its id. */
  const jumpTo = useCallback(
    (query: string): string | undefined => {
      const wanted = query.trim().toLowerCase();
      if (!wanted) return undefined;
      const design = historyRef.current.present;
      const nodes = [...design.graph.models, ...design.graph.enums];
      const match =
        nodes.find((n) => n.name.toLowerCase() === wanted) ??
        nodes.find((n) => n.name.toLowerCase().startsWith(wanted)) ??
        nodes.find((n) => n.name.toLowerCase().includes(wanted));
      if (!match) {
        onStatus({ tone: "error", text: `No table or enum matches "${query}".` });
        return undefined;
      }
      const node = canvas.all().find((n) => n.id === match.id);
      const at = node?.position ?? viewOf(design.layout, match.id, nodes.indexOf(match), nodes.length);
      const width = node?.measured?.width ?? 288;
      const height = node?.measured?.height ?? 200;
      // A tall table is shown from its header down.
      void flow.setCenter(at.x + width / 2, at.y + Math.min(height / 2, 150), {
        zoom: Math.max(flow.getZoom(), 0.9),
        duration: 300,
      });
      canvas.select([match.id]);
      setFocus(
        design.graph.models.some((m) => m.id === match.id) ? { kind: "model", id: match.id } : { kind: "enum", id: match.id },
      );
      return match.id;
    },
    [flow, canvas, historyRef, onStatus, setFocus],
  );

  // The inspector takes room from the canvas: keep what it shows in view, and clear of the
  // controls floating over the canvas (the minimap at the bottom right, those at the top),
  // also as it grows (a field added).
  const focusedHeight = useStore((s) => (focusedNodeId ? s.nodeLookup.get(focusedNodeId)?.measured.height : undefined));
  useEffect(() => {
    if (!focusedNodeId) return;
    const frame = requestAnimationFrame(() => {
      const node = canvas.all().find((n) => n.id === focusedNodeId);
      const rect = canvasRef.current?.getBoundingClientRect();
      if (!node || !rect) return;
      const { x, y, zoom } = flow.getViewport();
      const width = (node.measured?.width ?? 288) * zoom;
      const height = (node.measured?.height ?? 200) * zoom;
      const left = rect.left + x + node.position.x * zoom;
      const top = rect.top + y + node.position.y * zoom;
      const dx = Math.max(0, Math.min(left + width + 24 - rect.right, left - rect.left - 24));
      const floor = left - dx + width > rect.right - RIGHT_INSET ? rect.bottom - MINIMAP_TOP : rect.bottom - 24;
      const dy = Math.max(0, Math.min(top + height - floor, top - rect.top - TOP_INSET));
      if (dx > 0 || dy > 0) void flow.setViewport({ x: x - dx, y: y - dy, zoom }, { duration: 200 });
    });
    return () => cancelAnimationFrame(frame);
  }, [focusedNodeId, focusedHeight, flow, canvas, canvasRef]);

  /** ELK's layout of the nodes as drawn (their measured sizes), then the whole diagram in view. */
  const arrange = useCallback(async () => {
    onBusy("Arranging the diagram…");
    try {
      const [{ default: ELK }, { autoLayout }] = await Promise.all([
        import("elkjs/lib/elk.bundled.js"),
        import("@/lib/layout/auto-layout"),
      ]);
      const measured = Object.fromEntries(
        canvas
          .all()
          .flatMap((n) =>
            n.measured?.width && n.measured.height ? [[n.id, { width: n.measured.width, height: n.measured.height }]] : [],
          ),
      );
      const positions = await autoLayout(new ELK(), historyRef.current.present.graph, measured);
      commit("Arrange automatically", (design) => arrangeDesign(design, positions));
      requestAnimationFrame(() => canvas.fit({ padding: 0.1, duration: 300 }));
    } finally {
      onBusy(null);
    }
  }, [commit, canvas, historyRef, onBusy]);

  const exportAs = useCallback(
    async (format: "png" | "svg") => {
      onBusy(`Exporting ${format.toUpperCase()}…`);
      setRenderAll(true);
      try {
        await whenAllDrawn(canvas.all().filter((n) => !n.hidden).length);
        download(await exportDiagram(flow.getNodes(), format), `schema.${format}`);
      } catch (error) {
        onStatus({ tone: "error", text: `The export failed: ${error instanceof Error ? error.message : String(error)}` });
      } finally {
        setRenderAll(false);
        onBusy(null);
      }
    },
    [flow, canvas, onBusy, onStatus],
  );

  const fitView = useCallback(() => canvas.fit({ padding: 0.1, duration: 300 }), [canvas]);
  return { flow, centerOfView, jumpTo, arrange, exportAs, fitView, renderAll };
}
