"use client";

/** What can be done with the tables selected on the canvas as a whole: group them into an area, hide them. */
export function SelectionBar(props: { count: number; onGroup(): void; onHide(): void }) {
  const button = "rounded border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-100";
  return (
    <div
      role="toolbar"
      aria-label="Selected tables"
      className="absolute bottom-16 left-1/2 z-10 flex -translate-x-1/2 items-center gap-2 rounded border border-slate-300 bg-white/95 px-3 py-1 text-xs text-slate-700 shadow-sm"
    >
      <span>{props.count} selected</span>
      <button type="button" className={button} onClick={props.onGroup}>
        Group into area
      </button>
      <button type="button" className={button} onClick={props.onHide}>
        Hide
      </button>
    </div>
  );
}
