"use client";

import type { SchemaGraph } from "@/lib/schema/graph";
import type { Presence } from "@/lib/sync/presence";

/** "Also here: Guest 17 (User, Address), Guest 42": who else has the project open, and what they have selected. */
export function PresenceLine(props: { others: Presence[]; graph: SchemaGraph }) {
  if (!props.others.length) return null;
  const names = new Map(
    props.graph.models.flatMap((m) => [[m.id, m.name] as const, ...m.fields.map((f) => [f.id, `${m.name}.${f.name}`] as const)]),
  );
  for (const item of props.graph.enums) names.set(item.id, item.name);
  return (
    <span
      role="status"
      aria-label="Also here"
      className="absolute right-3 top-3 z-10 max-w-md truncate rounded border border-slate-200 bg-white/90 px-2 py-1 text-xs text-slate-600 shadow-sm"
    >
      Also here:{" "}
      {props.others
        .map((other) => {
          const selected = other.selection.flatMap((id) => (names.has(id) ? [names.get(id)!] : []));
          return `${other.name || "someone"}${selected.length ? ` (${selected.join(", ")})` : ""}`;
        })
        .join(", ")}
    </span>
  );
}
