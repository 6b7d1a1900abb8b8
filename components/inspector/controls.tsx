"use client";

import { useEffect, useId, useState, type ReactNode } from "react";

export function Row(props: { label: string; children: ReactNode; hint?: string }) {
  return (
    <label className="flex flex-col gap-1 text-xs">
      <span className="font-semibold uppercase tracking-wide text-slate-500">{props.label}</span>
      {props.children}
      {props.hint && <span className="text-slate-500">{props.hint}</span>}
    </label>
  );
}

/** A text box that commits on Enter or when it loses focus, and Escape reverts. */
export function TextSetting(props: {
  label: string;
  value: string;
  placeholder?: string;
  multiline?: boolean;
  hint?: string;
  /** Values offered as the user types (a datalist); any other is accepted too. */
  suggestions?: readonly string[];
  onCommit(value: string): void;
}) {
  const [draft, setDraft] = useState(props.value);
  const listId = useId();
  useEffect(() => setDraft(props.value), [props.value]);
  const commit = () => {
    if (draft !== props.value) props.onCommit(draft);
  };
  const common = {
    "aria-label": props.label,
    value: draft,
    placeholder: props.placeholder,
    className:
      "rounded border border-slate-300 px-2 py-1 font-mono text-sm font-normal normal-case tracking-normal text-slate-900",
    onBlur: commit,
  };
  return (
    <Row label={props.label} hint={props.hint}>
      {props.multiline ? (
        <textarea
          {...common}
          rows={3}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => e.key === "Escape" && setDraft(props.value)}
        />
      ) : (
        <>
          <input
            {...common}
            list={props.suggestions ? listId : undefined}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") commit();
              if (e.key === "Escape") setDraft(props.value);
            }}
          />
          {props.suggestions && (
            <datalist id={listId}>
              {props.suggestions.map((value) => (
                <option key={value} value={value} />
              ))}
            </datalist>
          )}
        </>
      )}
    </Row>
  );
}

export function Check(props: {
  label: string;
  checked: boolean;
  disabled?: boolean;
  title?: string;
  onChange(checked: boolean): void;
}) {
  return (
    <label className={`flex items-center gap-2 text-sm ${props.disabled ? "text-slate-400" : ""}`} title={props.title}>
      <input
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      {props.label}
    </label>
  );
}

export function Problems(props: { messages: string[] }) {
  if (!props.messages.length) return null;
  return (
    <p role="alert" className="rounded border border-red-200 bg-red-50 p-2 text-xs text-red-800">
      {props.messages.join(" ")}
    </p>
  );
}

/** The `///` documentation of a model, field or enum; an empty text removes it. */
export function DocumentationSetting(props: { value: string | undefined; onCommit(documentation: string | undefined): void }) {
  return (
    <TextSetting
      label="Documentation (///)"
      value={props.value ?? ""}
      multiline
      onCommit={(documentation) => props.onCommit(documentation.trim() ? documentation : undefined)}
    />
  );
}

export function DeleteButton(props: { children: ReactNode; onClick(): void }) {
  return (
    <button
      type="button"
      className="self-start rounded border border-red-300 px-3 py-1 text-sm text-red-700 hover:bg-red-50"
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}

/** Shows only a table (or view) and its neighbours, or hides it from the view: for any table the inspector shows. */
export function ViewButtons(props: { what: string; onShowNeighbours(): void; onHide(): void }) {
  return (
    <>
      <PanelButton onClick={props.onShowNeighbours} title={`Show only this ${props.what} and the tables related to it`}>
        Show neighbours
      </PanelButton>
      <PanelButton
        onClick={props.onHide}
        title={`Hide this ${props.what} from the canvas; it stays in the schema, Migrate and the grid`}
      >
        Hide
      </PanelButton>
    </>
  );
}

export function PanelButton(props: { children: ReactNode; title?: string; onClick(): void }) {
  return (
    <button
      type="button"
      onClick={props.onClick}
      title={props.title}
      className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50"
    >
      {props.children}
    </button>
  );
}
