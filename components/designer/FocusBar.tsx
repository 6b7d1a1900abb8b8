"use client";

import type { Neighbours } from "@/lib/layout/focus";
import type { SchemaGraph } from "@/lib/schema/graph";

/** Says what the canvas shows in focus (lib/layout/focus): whose neighbours, how far; and the way back. */
export function FocusBar(props: {
  graph: SchemaGraph;
  focus: Neighbours;
  shown: number;
  onChange(focus: Neighbours | null): void;
}) {
  const { focus } = props;
  const name = [...props.graph.models, ...props.graph.enums].find((n) => n.id === focus.id)?.name ?? "?";
  return (
    <div
      role="status"
      aria-label="Focus"
      className="absolute bottom-4 left-1/2 z-10 flex -translate-x-1/2 items-center gap-2 rounded border border-sky-300 bg-sky-50 px-3 py-1 text-xs text-sky-900 shadow-sm"
    >
      <span>
        Neighbours of <strong className="font-mono">{name}</strong> within
      </span>
      <select
        aria-label="Relations away"
        value={focus.depth}
        onChange={(event) => props.onChange({ ...focus, depth: Number(event.target.value) as Neighbours["depth"] })}
        className="rounded border border-sky-300 bg-white px-1 py-0.5"
      >
        {[1, 2, 3].map((depth) => (
          <option key={depth} value={depth}>
            {depth} relation{depth > 1 ? "s" : ""}
          </option>
        ))}
      </select>
      <span>
        · {props.shown} of {props.graph.models.length + props.graph.enums.length} shown
      </span>
      <button
        type="button"
        onClick={() => props.onChange(null)}
        className="rounded border border-sky-300 bg-white px-2 py-0.5 hover:bg-sky-100"
      >
        Show all
      </button>
    </div>
  );
}
