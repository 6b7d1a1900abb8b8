"use client";

import { useState } from "react";
import type { BlockIndex, Model } from "@/lib/schema/graph";
import { updateModelProperties } from "@/lib/schema/operations";
import type { SchemaEditor } from "../canvas/editor-context";
import { Row } from "./controls";

type BlockKind = "@@id" | "@@unique" | "@@index";

/** @@id, @@unique and @@index over several fields: listed, removed, and added by ticking fields. */
export function CompositeKeys(props: { model: Model; editor: SchemaEditor }) {
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
