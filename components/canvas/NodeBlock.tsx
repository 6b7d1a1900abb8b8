"use client";

import { RowHandles } from "./FieldRow";

/**
 * A table or enum zoomed out past reading its rows: a block of its full size, labelled with
 * its name in letters that stay readable on screen (`--sf-block-label`, set from the zoom by
 * BlockLabelScale), so the canvas keeps its shape and every node can still be found by eye.
 * A table's edges join the block itself (`handles`: its id).
 */
export function NodeBlock(props: {
  label: string;
  name: string;
  size: { width: number; height: number };
  color?: string;
  /** Tailwind classes of the block without a color of its own. */
  tone: string;
  failing: boolean;
  handles?: string;
  data: Record<`data-${string}`, string | boolean | undefined>;
}) {
  return (
    <section
      aria-label={props.label}
      {...props.data}
      data-block
      style={{ ...props.size, ...(props.color ? { backgroundColor: props.color } : {}) }}
      className={`model-drag-handle relative flex items-center justify-center overflow-hidden rounded-lg border-4 p-2 ${
        props.failing ? "border-red-500" : "border-slate-900/60"
      } ${props.color ? "text-slate-900" : props.tone}`}
    >
      {props.handles && <RowHandles fieldId={props.handles} side="left" />}
      <span className="block-label text-center font-semibold leading-tight break-all">{props.name}</span>
      {props.handles && <RowHandles fieldId={props.handles} side="right" />}
    </section>
  );
}
