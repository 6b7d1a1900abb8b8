"use client";

import { useState, type FormEvent } from "react";
import { WHOLE_SCHEMA } from "@/lib/layout/board";
import type { BoardControls } from "./use-board";

const item = "rounded px-2 py-1 text-left text-sm hover:bg-slate-100 disabled:text-slate-400 disabled:hover:bg-transparent";

/** Closes the menu a control sits in. */
const close = (element: Element) => ((element.closest("details") as HTMLDetailsElement).open = false);

/**
 * Saved views (lib/layout/views), one click each; saving what is shown as a new view, its
 * link, deleting it; hiding every table matching a search and showing the hidden again;
 * areas made from the schema.
 */
export function ViewMenu(props: {
  board: BoardControls;
  /** What focus shows, when on: a view saved then keeps these tables. */
  focusTables?: string[] | null;
  onLeaveFocus(): void;
}) {
  const { board, onLeaveFocus } = props;
  const { view } = board;
  return (
    <details className="relative">
      <summary
        className="cursor-pointer list-none whitespace-nowrap rounded border border-slate-200 bg-white/90 px-2 py-1 text-xs text-slate-600 shadow-sm"
        title="Saved views, hidden tables and areas"
      >
        View: <strong className="text-slate-900">{view.name}</strong>
        {view.hidden.length > 0 && ` · ${view.hidden.length} hidden`} ▾
      </summary>
      <div
        role="menu"
        aria-label="Views"
        className="absolute left-0 z-30 mt-1 flex w-72 flex-col gap-1 rounded border border-slate-300 bg-white p-2 shadow-lg"
      >
        {board.views.map((v) => (
          <button
            key={v.id}
            type="button"
            role="menuitemradio"
            aria-checked={v.id === view.id}
            className={`${item} ${v.id === view.id ? "font-semibold text-sky-800" : ""}`}
            onClick={(event) => {
              close(event.currentTarget);
              onLeaveFocus();
              board.switchView(v.id);
            }}
          >
            {v.id === view.id ? "● " : "○ "}
            {v.name}
          </button>
        ))}
        <MenuForm
          label="New view name"
          placeholder="Name of a new view"
          action="Save view"
          onSubmit={(name) => (board.saveAs(name, props.focusTables ?? undefined), onLeaveFocus())}
        />
        <button type="button" className={item} onClick={(e) => (close(e.currentTarget), void board.copyLink())}>
          Copy link to this view
        </button>
        <button
          type="button"
          className={item}
          disabled={view.id === WHOLE_SCHEMA}
          onClick={(e) => (close(e.currentTarget), board.deleteView(view.id))}
        >
          Delete this view
        </button>
        <MenuForm label="Hide tables matching" placeholder="Hide tables matching…" action="Hide" onSubmit={board.hideMatching} />
        <button
          type="button"
          className={item}
          disabled={!view.hidden.length}
          onClick={(e) => (close(e.currentTarget), board.showHidden())}
        >
          Show {view.hidden.length || ""} hidden table{view.hidden.length === 1 ? "" : "s"}
        </button>
        <button
          type="button"
          className={`${item} border-t border-slate-200`}
          title="One area per /// @namespace tag, connected part or cluster of relations; replaces the areas there are"
          onClick={(e) => (close(e.currentTarget), void board.areasFromSchema())}
        >
          Make areas from the schema
        </button>
      </div>
    </details>
  );
}

/** A text field and its button in the menu: submitted (not empty), it runs and closes the menu. */
function MenuForm(props: { label: string; placeholder: string; action: string; onSubmit(text: string): void }) {
  const [text, setText] = useState("");
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!text.trim()) return;
    props.onSubmit(text);
    setText("");
    close(event.currentTarget);
  };
  return (
    <form className="flex gap-1 border-t border-slate-200 pt-2" onSubmit={submit}>
      <input
        aria-label={props.label}
        placeholder={props.placeholder}
        value={text}
        onChange={(e) => setText(e.target.value)}
        className="min-w-0 flex-1 rounded border border-slate-300 px-1 py-0.5 text-sm"
      />
      <button
        type="submit"
        disabled={!text.trim()}
        className="rounded border border-slate-300 px-2 text-sm disabled:text-slate-400"
      >
        {props.action}
      </button>
    </form>
  );
}
