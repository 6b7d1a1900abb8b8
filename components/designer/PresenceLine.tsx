"use client";

import { useMemo } from "react";
import type { SchemaGraph } from "@/lib/schema/graph";
import type { Presence } from "@/lib/sync/presence";

/** "Also here: Guest 17 (User, Address), Guest 42": who else has the project open, and what they have selected. */
export function PresenceLine(props: { others: Presence[]; graph: SchemaGraph }) {
  const names = useMemo(() => selectedNames(props.graph, props.others), [props.graph, props.others]);
  if (!props.others.length) return null;
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

/** The names of what the others have selected, found without naming every field of a large schema. */
function selectedNames(graph: SchemaGraph, others: Presence[]): Map<string, string> {
  const wanted = new Set(others.flatMap((other) => other.selection));
  const names = new Map<string, string>();
  if (!wanted.size) return names;
  for (const model of graph.models) {
    if (wanted.has(model.id)) names.set(model.id, model.name);
    for (const field of model.fields) if (wanted.has(field.id)) names.set(field.id, `${model.name}.${field.name}`);
  }
  for (const item of graph.enums) if (wanted.has(item.id)) names.set(item.id, item.name);
  return names;
}
