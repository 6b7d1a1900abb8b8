"use client";

import { useStore, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { AREA_COLORS } from "@/lib/layout/board";
import { DISPLAY_LABELS, DISPLAY_MODES, isDisplayMode } from "@/lib/layout/display";
import { BLOCK_ZOOM } from "@/lib/layout/zoom";
import { useAreaActions } from "./area-context";
import type { AreaFlowNode } from "./areas-to-flow";
import { RowHandles } from "./FieldRow";
import { InlineName } from "./InlineName";

const button = "nodrag rounded border border-slate-400/60 bg-white/80 px-1.5 text-xs hover:bg-white";

/**
 * An area: a colored rectangle behind its tables, its name on top (dragged by it, its tables
 * with it), with its own display mode; or, collapsed, one node with its table count, joined
 * by its tables' edges. Zoomed out, its name grows to stay readable, like a table's.
 */
export const AreaNode = memo(function AreaNode({ id, data }: NodeProps<AreaFlowNode>) {
  const { area, count, collapsed } = data;
  const actions = useAreaActions();
  const far = useStore((state) => state.transform[2] < BLOCK_ZOOM);
  const next = AREA_COLORS[(AREA_COLORS.indexOf(area.color) + 1) % AREA_COLORS.length];
  const tables = `${count} table${count === 1 ? "" : "s"}`;
  const name = (
    <InlineName
      value={area.name}
      label="Area name"
      className={`font-semibold text-slate-800 ${collapsed ? "text-base" : ""}`}
      onCommit={(name) => name.trim() && actions.update(area.id, { name: name.trim() })}
    />
  );
  const controls = (
    <span className="flex items-center gap-1">
      {!collapsed && (
        <select
          aria-label={`Show on the tables of ${area.name}`}
          value={area.display ?? ""}
          onChange={(e) => actions.update(area.id, { display: isDisplayMode(e.target.value) ? e.target.value : undefined })}
          className="nodrag rounded border border-slate-400/60 bg-white/80 px-1 text-xs"
        >
          <option value="">As the canvas</option>
          {DISPLAY_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {DISPLAY_LABELS[mode]}
            </option>
          ))}
        </select>
      )}
      <button type="button" className={button} title="Another color" onClick={() => actions.update(area.id, { color: next })}>
        <span aria-hidden>●</span>
        <span className="sr-only">Change the color of {area.name}</span>
      </button>
      <button type="button" className={button} onClick={() => actions.update(area.id, { collapsed: !collapsed })}>
        {collapsed ? "Expand" : "Collapse"}
      </button>
      <button type="button" className={button} title="Hide its tables from this view" onClick={() => actions.hide(area.id)}>
        Hide
      </button>
      <button type="button" className={button} title="Remove the area; its tables stay" onClick={() => actions.ungroup(area.id)}>
        Ungroup
      </button>
    </span>
  );
  return (
    <section
      aria-label={`Area ${area.name}`}
      data-area={area.name}
      data-collapsed={collapsed || undefined}
      style={{ backgroundColor: collapsed ? area.color : `${area.color}b3`, borderColor: area.color }}
      // Open, it is dragged by its name (its empty middle pans the canvas); collapsed, anywhere.
      className={`h-full w-full rounded-xl border-4 ${collapsed ? "area-drag-handle cursor-grab shadow-md active:cursor-grabbing" : ""}`}
    >
      {collapsed && <RowHandles fieldId={id} side="left" />}
      {far ? (
        <span className="area-drag-handle block-label block cursor-grab px-3 py-2 font-semibold text-slate-800">{area.name}</span>
      ) : collapsed ? (
        // One node: its name, how many tables it holds, then what can be done with it.
        <div className="flex h-full flex-col justify-center gap-1 px-3">
          <div className="flex items-baseline gap-2">
            {name}
            <span className="whitespace-nowrap text-xs text-slate-600">{tables}, collapsed</span>
          </div>
          {controls}
        </div>
      ) : (
        <header className="area-drag-handle flex cursor-grab items-center gap-2 px-3 py-2 active:cursor-grabbing">
          {name}
          <span className="whitespace-nowrap text-xs text-slate-600">{tables}</span>
          {controls}
        </header>
      )}
      {collapsed && <RowHandles fieldId={id} side="right" />}
    </section>
  );
});
