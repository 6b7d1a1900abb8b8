"use client";

import { SeedButton } from "../data-grid/SeedButton";

export type Panel = "migrate" | "data" | "text" | null;

// One formatter for the page: toLocaleTimeString makes a new one on every call (a millisecond).
const TIME = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** The toolbar's right end: the save state, and the buttons that open Migrate, Text and Data, and Seed. */
export function PanelButtons(props: {
  panel: Panel;
  onPanel(panel: Panel): void;
  saving: boolean;
  lastSaved: Date | null;
  hasProblems: boolean;
  onSeeded(text: string, ok: boolean): void;
}) {
  const { panel, onPanel, hasProblems } = props;
  const toggle = (which: Exclude<Panel, null>) => onPanel(panel === which ? null : which);
  return (
    <>
      <span role="status" aria-label="Save state" title="prisma/schema.prisma" className="text-xs text-slate-500">
        {props.saving ? "Saving…" : props.lastSaved ? `Saved ${TIME.format(props.lastSaved)}` : ""}
      </span>
      <button
        type="button"
        onClick={() => toggle("migrate")}
        aria-pressed={panel === "migrate"}
        disabled={hasProblems && panel !== "migrate"}
        title={hasProblems ? "Fix the schema's problems before migrating" : "Review and apply the next revision"}
        className="rounded bg-sky-600 px-3 py-1 text-sm font-medium text-white hover:bg-sky-700 disabled:opacity-50"
      >
        Migrate
      </button>
      <SeedButton onSeeded={props.onSeeded} />
      <button
        type="button"
        onClick={() => toggle("text")}
        aria-pressed={panel === "text"}
        title="Edit prisma/schema.prisma as text beside the canvas"
        className="rounded border border-slate-300 px-3 py-1 text-sm font-medium hover:bg-slate-50"
      >
        Text
      </button>
      <button
        type="button"
        onClick={() => toggle("data")}
        aria-pressed={panel === "data"}
        className="rounded border border-slate-300 px-3 py-1 text-sm font-medium hover:bg-slate-50"
      >
        Data
      </button>
    </>
  );
}
