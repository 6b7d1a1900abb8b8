"use client";

import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { SCALAR_TYPES, type Field } from "@/lib/schema/graph";
import { useSchemaEditor } from "./editor-context";
import { handleId, type ModelFlowNode } from "./graph-to-flow";
import { InlineName } from "./InlineName";

function Marker(props: { children: string; title: string; tone: string }) {
  return (
    <span title={props.title} className={`rounded px-1 text-[10px] font-semibold leading-4 ${props.tone}`}>
      {props.children}
    </span>
  );
}

/** A source and a target handle on one side of a row, so an edge can leave or arrive on either side. */
function RowHandles(props: { fieldId: string; side: "left" | "right" }) {
  const position = props.side === "left" ? Position.Left : Position.Right;
  const id = handleId(props.fieldId, props.side);
  return (
    <>
      <Handle type="target" position={position} id={id} className="!h-2 !w-2 !border-slate-400 !bg-white" />
      <Handle type="source" position={position} id={id} className="!h-2 !w-2 !border-slate-400 !bg-white" />
    </>
  );
}

function FieldRow(props: { field: Field; foreignKey: boolean; enumNames: string[]; problems: string[] }) {
  const { field, problems } = props;
  const editor = useSchemaEditor();
  const relation = field.kind === "object";
  const typeLabel = `${field.type}${field.list ? "[]" : field.optional ? "?" : ""}`;
  return (
    <li
      data-field={field.name}
      className={`group relative flex items-center gap-2 px-3 py-1 text-sm ${problems.length ? "bg-red-50" : "odd:bg-slate-50/60"}`}
    >
      <RowHandles fieldId={field.id} side="left" />
      <InlineName
        label={`Field ${field.name}`}
        value={field.name}
        className={`min-w-0 flex-1 font-mono ${relation ? "text-slate-500" : "text-slate-900"}`}
        onCommit={(name) => editor.renameField(field.id, name)}
      />
      <span className="flex shrink-0 gap-1">
        {field.isId && (
          <Marker title="Primary key" tone="bg-amber-100 text-amber-800">
            PK
          </Marker>
        )}
        {props.foreignKey && (
          <Marker title="Foreign key" tone="bg-sky-100 text-sky-800">
            FK
          </Marker>
        )}
        {field.isUnique && (
          <Marker title="Unique" tone="bg-violet-100 text-violet-800">
            UQ
          </Marker>
        )}
        {field.maxLength && (
          <Marker
            title={`At most ${field.maxLength} characters`}
            tone="bg-slate-200 text-slate-700"
          >{`≤${field.maxLength}`}</Marker>
        )}
      </span>
      {relation ? (
        <span className="shrink-0 font-mono text-xs text-slate-500">{typeLabel}</span>
      ) : (
        <>
          <select
            aria-label={`Type of ${field.name}`}
            className="nodrag shrink-0 rounded border border-transparent bg-transparent font-mono text-xs text-emerald-700 hover:border-slate-300"
            value={field.type}
            onChange={(event) =>
              editor.updateField(field.id, {
                type: event.target.value,
                kind: props.enumNames.includes(event.target.value) ? "enum" : "scalar",
                default: undefined,
              })
            }
          >
            {[...SCALAR_TYPES, ...props.enumNames].map((type) => (
              <option key={type}>{type}</option>
            ))}
          </select>
          <button
            type="button"
            aria-label={`${field.optional ? "Make required" : "Make optional"}: ${field.name}`}
            aria-pressed={field.optional}
            title={field.optional ? "Optional (click to make required)" : "Required (click to make optional)"}
            className={`nodrag w-4 shrink-0 font-mono text-xs ${field.optional ? "text-emerald-700" : "text-slate-300 hover:text-slate-500"}`}
            onClick={() => editor.updateField(field.id, { optional: !field.optional })}
          >
            ?
          </button>
        </>
      )}
      <button
        type="button"
        aria-label={`Delete field ${field.name}`}
        title="Delete field"
        className="nodrag shrink-0 text-slate-300 opacity-0 hover:text-red-600 group-hover:opacity-100 focus:opacity-100"
        onClick={() => editor.deleteField(field.id)}
      >
        ×
      </button>
      <RowHandles fieldId={field.id} side="right" />
      {problems.length > 0 && (
        <p
          role="alert"
          className="absolute left-full top-0 z-10 ml-3 w-64 rounded border border-red-300 bg-red-50 px-2 py-1 text-xs text-red-800 shadow"
        >
          {problems.join(" ")}
        </p>
      )}
    </li>
  );
}

/** A table on the canvas: its name, then one row per field with its type and markers. */
export const ModelNode = memo(function ModelNode({ data, selected }: NodeProps<ModelFlowNode>) {
  const { model, problems } = data;
  const editor = useSchemaEditor();
  const modelProblems = problems[model.id] ?? [];
  const failing = modelProblems.length > 0 || model.fields.some((f) => problems[f.id]?.length);
  return (
    <section
      aria-label={`Table ${model.name}`}
      data-model={model.name}
      className={`w-72 rounded-lg border bg-white shadow-sm ${failing ? "border-red-400 ring-2 ring-red-200" : selected ? "border-sky-500 ring-2 ring-sky-200" : "border-slate-300"}`}
    >
      <header className="model-drag-handle flex cursor-grab items-center gap-2 rounded-t-lg border-b border-slate-200 bg-slate-800 px-3 py-2 text-white active:cursor-grabbing">
        <InlineName
          label={`Table ${model.name}`}
          value={model.name}
          className="min-w-0 flex-1 font-semibold text-white [&]:text-inherit"
          onCommit={(name) => editor.renameModel(model.id, name)}
        />
        {model.dbName && (
          <span className="truncate font-mono text-xs text-slate-300" title="Table name in the database">
            {model.dbName}
          </span>
        )}
        <button
          type="button"
          aria-label={`Delete table ${model.name}`}
          title="Delete table"
          className="nodrag text-slate-400 hover:text-red-300"
          onClick={() => editor.deleteModel(model.id)}
        >
          ×
        </button>
      </header>
      {modelProblems.length > 0 && (
        <p role="alert" className="border-b border-red-200 bg-red-50 px-3 py-1 text-xs text-red-800">
          {modelProblems.join(" ")}
        </p>
      )}
      <ul>
        {model.fields.map((field) => (
          <FieldRow
            key={field.id}
            field={field}
            foreignKey={data.foreignKeys.includes(field.name)}
            enumNames={data.enumNames}
            problems={problems[field.id] ?? []}
          />
        ))}
      </ul>
      <button
        type="button"
        aria-label={`Add field to ${model.name}`}
        className="nodrag w-full rounded-b-lg border-t border-slate-200 px-3 py-1 text-left text-xs text-sky-700 hover:bg-sky-50"
        onClick={() => editor.addField(model.id)}
      >
        + Add field
      </button>
    </section>
  );
});
