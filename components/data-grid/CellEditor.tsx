"use client";

import type { KeyboardEvent } from "react";
import type { CatalogueColumn } from "@/lib/data/catalogue";
import { choicesFor } from "./cells";

/** The editor inside a cell: a list for enums and booleans, text otherwise, and NULL for optional columns. */
export function CellEditor(props: {
  column: CatalogueColumn;
  text: string;
  onChange(text: string): void;
  onCommit(text: string | null): void;
  onCancel(): void;
}) {
  const { column } = props;
  const keys = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === "Enter") {
      event.preventDefault();
      props.onCommit(props.text);
    } else if (event.key === "Escape") props.onCancel();
  };
  const choices = choicesFor(column);
  return (
    <span className="flex items-center gap-1">
      {choices ? (
        <select
          autoFocus
          aria-label={`Edit ${column.name}`}
          value={props.text}
          onChange={(e) => props.onChange(e.target.value)}
          onKeyDown={keys}
          className="rounded border border-sky-400 px-1"
        >
          {!choices.includes(props.text) && <option value={props.text}>{props.text || "choose…"}</option>}
          {choices.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      ) : (
        <input
          autoFocus
          aria-label={`Edit ${column.name}`}
          value={props.text}
          onChange={(e) => props.onChange(e.target.value)}
          onKeyDown={keys}
          className="w-48 rounded border border-sky-400 px-1"
        />
      )}
      <button type="button" onClick={() => props.onCommit(props.text)} className="rounded bg-sky-600 px-1.5 text-white">
        Save
      </button>
      {!column.notNull && (
        <button type="button" title="Set to NULL" onClick={() => props.onCommit(null)} className="rounded border px-1.5">
          NULL
        </button>
      )}
    </span>
  );
}
