"use client";

import { useState } from "react";
import { INDEX_TYPES, OPERATOR_CLASS, type BlockIndex, type Model } from "@/lib/schema/graph";
import { updateModelProperties } from "@/lib/schema/operations";
import { blockAttribute } from "@/lib/schema/print";
import type { Dialect } from "@/lib/schema/provider";
import type { SchemaEditor } from "../canvas/editor-context";
import { Row } from "./controls";

type BlockKind = "@@id" | "@@unique" | "@@index";
type IndexType = (typeof INDEX_TYPES)[number];

/**
 * @@id, @@unique and @@index over several fields: listed as Prisma writes them, removed, and
 * added by ticking fields, each field ascending or descending; an @@index on PostgreSQL also
 * with its method (`type: Gin`) and operator class (`ops:`), the method changeable later.
 */
export function CompositeKeys(props: { model: Model; editor: SchemaEditor; dialect: Dialect }) {
  const { model, editor } = props;
  // Index methods (`type:`) are PostgreSQL's; the first, BTree, is the default and is not written.
  const types: readonly IndexType[] = props.dialect === "postgresql" ? INDEX_TYPES : [];
  const [kind, setKind] = useState<BlockKind>("@@index");
  const [chosen, setChosen] = useState<string[]>([]);
  const [descending, setDescending] = useState<string[]>([]);
  const [type, setType] = useState<IndexType>("BTree");
  const [ops, setOps] = useState("");
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
  const retype = (index: number, method: IndexType) =>
    editor.edit("Change index type", (g) =>
      updateModelProperties(g, model.id, {
        indexes: model.indexes.map((block, i) =>
          i === index ? { ...block, type: method === "BTree" ? undefined : method } : block,
        ),
      }),
    );
  const opsValid = !ops.trim() || OPERATOR_CLASS.test(ops.trim());
  const indexOptions = kind === "@@index" && types.length > 0;
  const add = () => {
    if (!chosen.length || !opsValid) return;
    const sorted = descending.filter((name) => chosen.includes(name));
    const block: BlockIndex = {
      fields: chosen,
      ...(sorted.length ? { sort: Object.fromEntries(sorted.map((name) => [name, "Desc" as const])) } : {}),
      ...(indexOptions && type !== "BTree" ? { type } : {}),
      ...(indexOptions && ops.trim() ? { ops: Object.fromEntries(chosen.map((name) => [name, ops.trim()])) } : {}),
    };
    editor.edit(`Add ${kind}`, (g) =>
      updateModelProperties(g, model.id, {
        ...(kind === "@@id" ? { primaryKey: block } : {}),
        ...(kind === "@@unique" ? { uniques: [...model.uniques, block] } : {}),
        ...(kind === "@@index" ? { indexes: [...model.indexes, block] } : {}),
      }),
    );
    setChosen([]);
    setDescending([]);
    setOps("");
  };
  return (
    <Row label="Keys and indexes">
      <ul className="flex flex-col gap-1 font-normal normal-case tracking-normal">
        {blocks.map((entry) => (
          <li key={`${entry.kind}:${entry.index}`} className="flex items-center gap-2 font-mono text-xs">
            <span className="flex-1 break-all text-violet-700">{blockAttribute(entry.kind, entry.block).trim()}</span>
            {entry.kind === "@@index" && types.length > 0 && (
              <select
                aria-label={`Index type of [${entry.block.fields.join(", ")}]`}
                value={entry.block.type ?? "BTree"}
                onChange={(e) => retype(entry.index, e.target.value as IndexType)}
                className="rounded border border-slate-300 text-xs"
              >
                {types.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            )}
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
        {kind !== "@@id" && chosen.length > 0 && (
          <div className="flex flex-wrap gap-x-3">
            {chosen.map((name) => (
              <label key={name} className="flex items-center gap-1 font-mono text-xs" title="sort: Desc">
                <input
                  type="checkbox"
                  aria-label={`${name} descending`}
                  checked={descending.includes(name)}
                  onChange={(e) => setDescending(e.target.checked ? [...descending, name] : descending.filter((n) => n !== name))}
                />
                {name} ↓
              </label>
            ))}
          </div>
        )}
        {indexOptions && (
          <div className="flex gap-2">
            <select
              aria-label="Index type"
              value={type}
              onChange={(e) => setType(e.target.value as IndexType)}
              className="rounded border border-slate-300 text-xs"
            >
              {types.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
            <input
              aria-label="Operator class (ops)"
              placeholder='ops: raw("gin_trgm_ops")'
              value={ops}
              onChange={(e) => setOps(e.target.value)}
              className={`min-w-0 flex-1 rounded border px-1 font-mono text-xs ${opsValid ? "border-slate-300" : "border-red-500"}`}
            />
          </div>
        )}
        {!opsValid && (
          <span role="alert" className="text-xs text-red-700">
            An operator class is a name (JsonbPathOps) or raw(&quot;gin_trgm_ops&quot;)
          </span>
        )}
        <button
          type="button"
          disabled={!chosen.length || !opsValid}
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
