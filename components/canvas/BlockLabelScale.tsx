"use client";

import { useStore } from "@xyflow/react";
import { useEffect } from "react";
import { BLOCK_ZOOM } from "@/lib/layout/zoom";

/** Letters of a block's label on screen, whatever the zoom. */
const LABEL_PX = 11;

/**
 * Keeps the labels of zoomed-out tables (./ModelBlock) readable: sets `--sf-block-label` on
 * the canvas from the zoom, one style change per zoom step instead of a render of every block.
 */
export function BlockLabelScale() {
  const zoom = useStore((state) => Math.min(state.transform[2], BLOCK_ZOOM));
  const canvas = useStore((state) => state.domNode);
  useEffect(() => {
    canvas?.style.setProperty("--sf-block-label", `${Math.round(LABEL_PX / zoom)}px`);
  }, [canvas, zoom]);
  return null;
}
