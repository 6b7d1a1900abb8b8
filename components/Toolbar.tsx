"use client";

import { memo, useMemo, useRef, type ReactNode, type RefObject } from "react";
import type { SchemaGraph } from "@/lib/schema/graph";
import { PALETTE_MIME } from "./canvas/SchemaCanvas";
import { ToolbarMenu } from "./designer/ToolbarMenu";

function PaletteItem(props: { kind: "table" | "enum"; label: string; title: string; onAdd(): void }) {
  return (
    <button
      type="button"
      draggable
      onDragStart={(event) => {
        event.dataTransfer.setData(PALETTE_MIME, props.kind);
        event.dataTransfer.effectAllowed = "copy";
      }}
      onClick={props.onAdd}
      title={props.title}
      className="cursor-grab rounded border border-dashed border-sky-500 bg-sky-50 px-3 py-1 text-sm font-medium text-sky-800 hover:bg-sky-100"
    >
      {props.label}
    </button>
  );
}

const quiet = "rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50 disabled:opacity-40";

export function Toolbar(props: {
  graph: SchemaGraph;
  searchRef: RefObject<HTMLInputElement | null>;
  canUndo: boolean;
  canRedo: boolean;
  undoLabel?: string;
  redoLabel?: string;
  onUndo(): void;
  onRedo(): void;
  onAdd(kind: "table" | "enum"): void;
  onArrange(): void;
  onExport(format: "png" | "svg"): void;
  onSearch(query: string): void;
  onHelp(): void;
  onExportFile(kind: "schema" | "sql"): void;
  onImport(file: File): void;
  onImportDatabase(url: string): void;
  children: ReactNode;
}) {
  const names = useMemo(() => [...props.graph.models, ...props.graph.enums].map((n) => n.name).join("\n"), [props.graph]);
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <header className="flex flex-wrap items-center gap-2 border-b border-slate-300 bg-white px-4 py-2">
      <h1 className="mr-2 text-lg font-bold tracking-tight">
        Schema<span className="text-sky-600">flow</span>
      </h1>
      <PaletteItem
        kind="table"
        label="+ Add table"
        title="Click to add a table (N), or drag it onto the canvas"
        onAdd={() => props.onAdd("table")}
      />
      <PaletteItem
        kind="enum"
        label="+ Add enum"
        title="Click to add an enum (E), or drag it onto the canvas"
        onAdd={() => props.onAdd("enum")}
      />
      <span className="mx-1 h-5 w-px bg-slate-300" />
      <button
        type="button"
        className={quiet}
        disabled={!props.canUndo}
        onClick={props.onUndo}
        aria-label="Undo"
        title={props.canUndo ? `Undo ${props.undoLabel} (Ctrl+Z)` : "Nothing to undo"}
      >
        ↶
      </button>
      <button
        type="button"
        className={quiet}
        disabled={!props.canRedo}
        onClick={props.onRedo}
        aria-label="Redo"
        title={props.canRedo ? `Redo ${props.redoLabel} (Shift+Ctrl+Z)` : "Nothing to redo"}
      >
        ↷
      </button>
      <button type="button" className={quiet} onClick={props.onArrange} title="Arrange the diagram automatically (L)">
        Arrange
      </button>
      <ToolbarMenu
        label="Export ▾"
        title="Download the diagram, the schema file or its SQL"
        items={[
          ["PNG", "The diagram as a PNG image", () => props.onExport("png")],
          ["SVG", "The diagram as an SVG image", () => props.onExport("svg")],
          ["schema.prisma", "The schema file", () => props.onExportFile("schema")],
          ["SQL", "The SQL that creates this schema (the engine's DDL)", () => props.onExportFile("sql")],
        ]}
      />
      <ToolbarMenu
        label="Import ▾"
        title="Replace the schema with one read from a file or a database"
        items={[
          ["A file…", "A schema.prisma, a SQLAlchemy models.py or a SQLite database", () => fileInput.current?.click()],
          [
            "A PostgreSQL database…",
            "A live PostgreSQL database, read by its URL (prisma db pull)",
            () => {
              const url = window.prompt("The PostgreSQL database to import (postgresql://user:password@host:5432/database):");
              if (url?.trim()) props.onImportDatabase(url.trim());
            },
          ],
        ]}
      />
      <input
        ref={fileInput}
        type="file"
        aria-label="File to import"
        accept=".prisma,.py,.db,.sqlite,.sqlite3"
        className="hidden"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (file) props.onImport(file);
        }}
      />
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          props.onSearch(props.searchRef.current?.value ?? "");
        }}
      >
        <input
          ref={props.searchRef}
          type="search"
          list="schema-node-names"
          aria-label="Find a table"
          placeholder="Find a table (Ctrl+F)"
          className="w-44 rounded border border-slate-300 px-2 py-1 text-sm"
        />
        <NodeNames names={names} />
      </form>
      <button
        type="button"
        className={quiet}
        onClick={props.onHelp}
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
      >
        ?
      </button>
      <div className="ml-auto flex items-center gap-2">{props.children}</div>
    </header>
  );
}

/** The search box's suggestions: drawn again only when a name changes, not on every edit of a large schema. */
const NodeNames = memo(function NodeNames(props: { names: string }) {
  return (
    <datalist id="schema-node-names">
      {(props.names ? props.names.split("\n") : []).map((name) => (
        <option key={name} value={name} />
      ))}
    </datalist>
  );
});
