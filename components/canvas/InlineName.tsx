"use client";

import { useState } from "react";

/** A name shown as text; double-click (or Enter when focused) edits it in place. */
export function InlineName(props: { value: string; label: string; className?: string; onCommit(name: string): void }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(props.value);

  if (!editing) {
    return (
      <span
        role="button"
        tabIndex={0}
        aria-label={`${props.label}: ${props.value || "(empty)"}. Double-click to rename`}
        title="Double-click to rename"
        className={`cursor-text truncate ${props.className ?? ""}`}
        onDoubleClick={() => {
          setDraft(props.value);
          setEditing(true);
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter" || event.key === "F2") {
            setDraft(props.value);
            setEditing(true);
          }
        }}
      >
        {props.value || <em className="text-red-600">(empty)</em>}
      </span>
    );
  }
  const commit = () => {
    setEditing(false);
    if (draft !== props.value) props.onCommit(draft);
  };
  return (
    <input
      autoFocus
      aria-label={`New ${props.label.toLowerCase()}`}
      className={`nodrag nopan min-w-0 rounded border border-sky-500 bg-white px-1 outline-none ${props.className ?? ""}`}
      value={draft}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === "Enter") commit();
        if (event.key === "Escape") setEditing(false);
        event.stopPropagation();
      }}
    />
  );
}
