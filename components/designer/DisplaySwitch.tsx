"use client";

import { useEffect, useState } from "react";
import { DISPLAY_LABELS, DISPLAY_MODES, isDisplayMode, type DisplayMode } from "@/lib/layout/display";

const STORAGE_KEY = "schemaflow.display";

/** The display mode, kept for this browser: a big schema is usually read by its keys. */
export function useDisplayMode(): [DisplayMode, (mode: DisplayMode) => void] {
  const [mode, setMode] = useState<DisplayMode>("all");
  useEffect(() => {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (isDisplayMode(saved)) setMode(saved);
  }, []);
  const choose = (next: DisplayMode) => {
    setMode(next);
    window.localStorage.setItem(STORAGE_KEY, next);
  };
  return [mode, choose];
}

/** How much of each table the canvas shows (lib/layout/display). */
export function DisplaySwitch(props: { mode: DisplayMode; onChange(mode: DisplayMode): void }) {
  return (
    <label
      className="flex items-center gap-1.5 rounded border border-slate-200 bg-white/90 px-2 py-1 text-xs text-slate-600 shadow-sm"
      title="How much of each table the canvas shows"
    >
      Show
      <select
        aria-label="Show on each table"
        value={props.mode}
        onChange={(event) => isDisplayMode(event.target.value) && props.onChange(event.target.value)}
        className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs text-slate-900"
      >
        {DISPLAY_MODES.map((mode) => (
          <option key={mode} value={mode}>
            {DISPLAY_LABELS[mode]}
          </option>
        ))}
      </select>
    </label>
  );
}
