"use client";

import { getNodesBounds, getViewportForBounds, type Node } from "@xyflow/react";
import { toPng, toSvg } from "html-to-image";

const MARGIN = 40;
const MAX_SIDE = 8000;

/**
 * The whole diagram as a PNG or SVG file, fitted to its nodes whatever the view shows
 * (html-to-image renders the viewport element, edges and their markers included).
 */
export async function exportDiagram(nodes: Node[], format: "png" | "svg"): Promise<string> {
  const element = document.querySelector<HTMLElement>(".react-flow__viewport");
  if (!element || !nodes.length) throw new Error("There is nothing on the canvas to export");
  const bounds = getNodesBounds(nodes);
  const scale = Math.min(1, MAX_SIDE / (bounds.width + 2 * MARGIN), MAX_SIDE / (bounds.height + 2 * MARGIN));
  const width = Math.ceil((bounds.width + 2 * MARGIN) * scale);
  const height = Math.ceil((bounds.height + 2 * MARGIN) * scale);
  const viewport = getViewportForBounds(bounds, width, height, scale, scale, 0);
  const options = {
    backgroundColor: "#ffffff",
    width,
    height,
    style: {
      width: `${width}px`,
      height: `${height}px`,
      transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.zoom})`,
    },
    // Handles and buttons are for editing, not for the picture.
    filter: (node: HTMLElement) => !node.classList?.contains("react-flow__handle") && node.tagName !== "BUTTON",
  };
  return format === "png" ? toPng(element, options) : toSvg(element, options);
}

/**
 * Resolves once every shown node is in the DOM (the canvas draws only those in view until told
 * to draw all: see SchemaCanvas's renderAll), a frame later, or after 5 s whatever is drawn.
 */
export function whenAllDrawn(count: number): Promise<void> {
  const started = performance.now();
  return new Promise((resolve) => {
    const check = () => {
      const drawn = document.querySelectorAll(".react-flow__viewport .react-flow__node").length;
      if (drawn >= count || performance.now() - started > 5000) requestAnimationFrame(() => resolve());
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

export function download(dataUrl: string, fileName: string): void {
  const link = document.createElement("a");
  link.href = dataUrl;
  link.download = fileName;
  link.click();
}
