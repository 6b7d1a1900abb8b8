"use client";

import type { Model } from "@/lib/schema/graph";
import { ViewButtons } from "./controls";

/**
 * A database view (`view V { ... }`), shown read-only: Prisma reads it and Prisma Client
 * queries it, but Migrate writes no SQL for it, so its columns are whatever the database's
 * own CREATE VIEW says. Schemaflow keeps it as written; it is changed in the schema text.
 */
export function ViewInspector(props: { model: Model; onShowNeighbours(): void; onHide(): void }) {
  const { model } = props;
  return (
    <div className="flex flex-col gap-3 text-sm">
      <h3>
        View <span className="font-mono font-semibold">{model.name}</span>
        {model.dbName && <span className="ml-2 font-mono text-xs text-slate-500">{model.dbName}</span>}
      </h3>
      <p role="note" className="rounded border border-slate-200 bg-slate-50 p-2 text-slate-700">
        Read-only: a database view, which Prisma reads but does not migrate. Its columns follow the view the database defines;
        edit this block in the Text panel, and the view itself in a revision of your own.
      </p>
      <ul className="flex flex-col gap-0.5 font-mono text-xs">
        {model.fields.map((field) => (
          <li key={field.id} className="flex gap-2">
            <span className="flex-1">{field.name}</span>
            <span className="text-emerald-700">
              {field.type}
              {field.list ? "[]" : field.optional ? "?" : ""}
            </span>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <ViewButtons what="view" onShowNeighbours={props.onShowNeighbours} onHide={props.onHide} />
      </div>
    </div>
  );
}
