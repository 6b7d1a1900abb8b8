"use client";

import { useState } from "react";
import type { BlockIndex, Model } from "@/lib/schema/graph";
import { renameModel, updateModelProperties } from "@/lib/schema/operations";
import type { SchemaEditor } from "../canvas/editor-context";
import { DocumentationSetting, Problems, Row, TextSetting } from "./controls";

export const NODE_COLORS = ["#fde68a", "#bbf7d0", "#bfdbfe", "#fbcfe8", "#ddd6fe", "#fed7aa"];

type BlockKind = "@@id" | "@@unique" | "@@index";

/** @@id, @@unique and @@index over several fields: listed, removed, and added by ticking fields. */
function CompositeKeys(props: { model: Model; editor: SchemaEditor }) {
  const { model, editor } = props;
  const [kind, setKind] = useState<BlockKind>("@@index");
  const [chosen, setChosen] = useState<string[]>([]);
  const scalars = model.fields.filter((f) => f.kind !== "object");
  const blocks: { kind: BlockKind; block: BlockIndex; index: number }[] = [
    ...(model.primaryKey ? [{ kind: "@@id" as const, block: model.primaryKey, index: 0 }] : []),
    ...model.uniques.map((block, index) => ({ kind: "@@unique" as const, block, index })),
    ...model.indexes.map((block, index) => ({ kind: "@@index" as const, block, index })),
  ];
  const remove = (entry: (typeof blocks)[number]) =>
    editor.edit(`Remove ${entry.kind}`, (g) =>
      updateModelProperties(g, model.id, {
        ...(entry.kind === "@@id" ? { primaryKey: undefined } : {}),
        ...(entry.kind === "@@unique" ? { uniques: model.uniques.filter((_, i) => i !== entry.index) } : {}),
        ...(entry.kind === "@@index" ? { indexes: model.indexes.filter((_, i) => i !== entry.index) } : {}),
      }),
    );
  const add = () => {
    if (!chosen.length) return;
    const block = { fields: chosen };
    editor.edit(`Add ${kind}`, (g) =>
      updateModelProperties(g, model.id, {
        ...(kind === "@@id" ? { primaryKey: block } : {}),
        ...(kind === "@@unique" ? { uniques: [...model.uniques, block] } : {}),
        ...(kind === "@@index" ? { indexes: [...model.indexes, block] } : {}),
      }),
    );
    setChosen([]);
  };
  return (
    <Row label="Keys and indexes">
      <ul className="flex flex-col gap-1 font-normal normal-case tracking-normal">
        {blocks.map((entry) => (
          <li key={`${entry.kind}:${entry.index}`} className="flex items-center gap-2 font-mono text-xs">
            <span className="text-violet-700">{entry.kind}</span>
            <span className="flex-1">[{entry.block.fields.join(", ")}]</span>
            <button
              type="button"
              aria-label={`Remove ${entry.kind} [${entry.block.fields.join(", ")}]`}
              className="text-red-600"
              onClick={() => remove(entry)}
            >
              ×
            </button>
          </li>
        ))}
        {!blocks.length && <li className="text-xs text-slate-500">None besides the fields&apos; own @id and @unique.</li>}
      </ul>
      <fieldset className="mt-1 flex flex-col gap-1 rounded border border-slate-200 p-2 font-normal normal-case tracking-normal">
        <legend className="px-1 text-xs text-slate-500">New</legend>
        <select
          aria-label="Kind of key or index"
          value={kind}
          onChange={(e) => setKind(e.target.value as BlockKind)}
          className="rounded border border-slate-300 text-sm"
        >
          <option>@@index</option>
          <option>@@unique</option>
          <option>@@id</option>
        </select>
        <div className="flex flex-wrap gap-x-3">
          {scalars.map((f) => (
            <label key={f.id} className="flex items-center gap-1 font-mono text-xs">
              <input
                type="checkbox"
                checked={chosen.includes(f.name)}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, f.name] : chosen.filter((n) => n !== f.name))}
              />
              {f.name}
            </label>
          ))}
        </div>
        <button
          type="button"
          disabled={!chosen.length}
          onClick={add}
          className="self-start rounded bg-slate-800 px-2 py-0.5 text-xs text-white disabled:opacity-40"
        >
          Add {kind}
          {chosen.length ? ` [${chosen.join(", ")}]` : ""}
        </button>
      </fieldset>
    </Row>
  );
}

export function ModelInspector(props: {
  model: Model;
  color?: string;
  problems: string[];
  editor: SchemaEditor;
  onDuplicate(): void;
  onShowNeighbours(): void;
  onHide(): void;
}) {
  const { model, editor } = props;
  return (
    <div className="flex flex-col gap-3">
      <h3 className="text-sm">
        Table <strong className="font-mono">{model.name}</strong>
      </h3>
      <Problems messages={props.problems} />
      <TextSetting
        label="Model name"
        value={model.name}
        onCommit={(name) => editor.edit("Rename table", (g) => renameModel(g, model.id, name))}
      />
      <TextSetting
        label="Table name (@@map)"
        value={model.dbName ?? ""}
        placeholder={model.name}
        onCommit={(dbName) =>
          editor.edit("Change table name", (g) => updateModelProperties(g, model.id, { dbName: dbName.trim() || undefined }))
        }
      />
      <DocumentationSetting
        value={model.documentation}
        onCommit={(documentation) =>
          editor.edit("Change documentation", (g) => updateModelProperties(g, model.id, { documentation }))
        }
      />
      <Row label="Color">
        <div className="flex gap-1.5">
          {NODE_COLORS.map((color) => (
            <button
              key={color}
              type="button"
              aria-label={`Color ${color}`}
              aria-pressed={props.color === color}
              style={{ backgroundColor: color }}
              className={`h-6 w-6 rounded-full border ${props.color === color ? "border-slate-900 ring-2 ring-slate-400" : "border-slate-300"}`}
              onClick={() => editor.setColor(model.id, color)}
            />
          ))}
          <button
            type="button"
            aria-label="No color"
            className="h-6 rounded-full border border-slate-300 px-2 text-xs font-normal normal-case"
            onClick={() => editor.setColor(model.id, undefined)}
          >
            none
          </button>
        </div>
      </Row>
      <CompositeKeys model={model} editor={editor} />
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          onClick={props.onShowNeighbours}
          title="Show only this table and the tables related to it"
          className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50"
        >
          Show neighbours
        </button>
        <button
          type="button"
          onClick={props.onHide}
          title="Hide this table from the view; it stays in the schema, Migrate and the grid"
          className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50"
        >
          Hide
        </button>
        <button
          type="button"
          onClick={props.onDuplicate}
          className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50"
        >
          Duplicate
        </button>
        <button
          type="button"
          onClick={() => editor.deleteNodes([model.id])}
          className="rounded border border-red-300 px-3 py-1 text-sm text-red-700 hover:bg-red-50"
        >
          Delete table
        </button>
      </div>
    </div>
  );
}
