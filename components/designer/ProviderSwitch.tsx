"use client";

import type { SchemaGraph } from "@/lib/schema/graph";
import { dialectOf, type Dialect } from "@/lib/schema/provider";
import { switchProvider } from "@/lib/schema/switch-provider";

const LABELS: Record<Dialect, string> = { sqlite: "SQLite", postgresql: "PostgreSQL" };

/**
 * The database the schema is designed for. Switching rewrites what the other database cannot
 * hold (lib/schema/switch-provider), after the user has read what changes; the next Migrate is
 * then a clean first revision on that database, once DATABASE_URL names it.
 */
export function ProviderSwitch(props: {
  graph: SchemaGraph;
  onSwitch(graph: SchemaGraph, label: string): void;
  onRefused(reason: string): void;
}) {
  const current = dialectOf(props.graph.datasource.provider);
  return (
    <label
      className="flex items-center gap-1.5 rounded border border-slate-200 bg-white/90 px-2 py-1 text-xs text-slate-600 shadow-sm"
      title="The database this schema is designed for"
    >
      Database
      <select
        aria-label="Database provider"
        value={current}
        onChange={(event) => {
          const to = event.target.value as Dialect;
          const result = switchProvider(props.graph, to);
          if (!result.ok) return props.onRefused(`The schema stays on ${LABELS[current]}: ${result.reason}`);
          const changes = result.notes.length ? `\n\nWhat changes:\n- ${result.notes.join("\n- ")}` : "";
          const next =
            to === "postgresql"
              ? "Migrate then needs DATABASE_URL to name a PostgreSQL server (postgresql://user@host:5432/database)."
              : "Migrate then needs DATABASE_URL to name a SQLite file (file:./prisma/dev.db).";
          if (!window.confirm(`Design this schema for ${LABELS[to]}?${changes}\n\n${next}`)) return;
          props.onSwitch(result.graph, `Switch to ${LABELS[to]}`);
        }}
        className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs text-slate-900"
      >
        {(Object.keys(LABELS) as Dialect[]).map((dialect) => (
          <option key={dialect} value={dialect}>
            {LABELS[dialect]}
          </option>
        ))}
      </select>
    </label>
  );
}
