"use client";

import { Handle, Position } from "@xyflow/react";
import { useState } from "react";
import { retype } from "@/lib/schema/defaults";
import { SCALAR_TYPES, type Field, type VerbatimField } from "@/lib/schema/graph";
import { deleteField, moveField, renameField, updateField } from "@/lib/schema/operations";
import { dialectOf } from "@/lib/schema/provider";
import { useSchemaEditor } from "./editor-context";
import { handleId } from "./graph-to-flow";
import { InlineName } from "./InlineName";

/** A table's rows on the canvas: a field with its type and markers, or a field kept as written. */
const FIELD_MIME = "application/x-schemaflow-field";

export function Marker(props: { children: string; title: string; tone: string }) {
  return (
    <span title={props.title} className={`rounded px-1 text-[10px] font-semibold leading-4 ${props.tone}`}>
      {props.children}
    </span>
  );
}

/** A source and a target handle on one side of a row, so an edge can leave or arrive on either side. */
/** A native type, short enough for a row: `VarChar(200)` → `≤200` (as @maxLength shows), `Timestamptz(3)` → `Timestamptz`. */
function nativeTypeMark(nativeType: string): string {
  const characters = /^(?:VarChar|Char)\((\d+)\)$/.exec(nativeType);
  if (characters) return `≤${characters[1]}`;
  return nativeType.length > 10 ? nativeType.replace(/\(.*$/, "") : nativeType;
}

export function RowHandles(props: { fieldId: string; side: "left" | "right" }) {
  const position = props.side === "left" ? Position.Left : Position.Right;
  const id = handleId(props.fieldId, props.side);
  const style = "!h-2.5 !w-2.5 !border-slate-400 !bg-white hover:!bg-sky-400";
  return (
    <>
      <Handle type="target" position={position} id={id} className={style} />
      <Handle type="source" position={position} id={id} className={style} />
    </>
  );
}

export function FieldRow(props: {
  modelId: string;
  index: number;
  field: Field;
  foreignKey: boolean;
  enumNames: string[];
  problems: string[];
  focused: boolean;
  detailed: boolean;
}) {
  const { field, problems } = props;
  const editor = useSchemaEditor();
  const [dropping, setDropping] = useState(false);
  const relation = field.kind === "object";
  const typeLabel = `${field.type}${field.list ? "[]" : field.optional ? "?" : ""}`;
  return (
    <li
      data-field={field.name}
      onClick={() => editor.focus({ kind: "field", id: field.id, modelId: props.modelId })}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes(FIELD_MIME)) return;
        event.preventDefault();
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={(event) => {
        setDropping(false);
        const moved = event.dataTransfer.getData(FIELD_MIME);
        if (moved && moved !== field.id) editor.edit("Move field", (g) => moveField(g, moved, props.index));
      }}
      className={`group relative flex h-7 items-center gap-1.5 pr-3 text-sm ${
        problems.length ? "bg-red-50" : props.focused ? "bg-sky-100" : "odd:bg-slate-50/60"
      } ${dropping ? "border-t-2 border-sky-500" : ""}`}
    >
      <RowHandles fieldId={field.id} side="left" />
      {props.detailed ? (
        <span
          draggable
          onDragStart={(event) => {
            event.dataTransfer.setData(FIELD_MIME, field.id);
            event.dataTransfer.effectAllowed = "move";
          }}
          aria-hidden
          title="Drag to reorder"
          className="nodrag w-3 shrink-0 cursor-grab pl-1 text-slate-300 opacity-0 group-hover:opacity-100"
        >
          ⋮
        </span>
      ) : (
        <span className="w-3 shrink-0" />
      )}
      {props.detailed ? (
        <InlineName
          label={`Field ${field.name}`}
          value={field.name}
          className={`min-w-0 flex-1 font-mono ${relation ? "text-slate-500" : "text-slate-900"}`}
          onCommit={(name) => editor.edit("Rename field", (g) => renameField(g, field.id, name))}
        />
      ) : (
        <span className={`min-w-0 flex-1 truncate font-mono ${relation ? "text-slate-500" : "text-slate-900"}`}>
          {field.name}
        </span>
      )}
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
        {field.nativeType && (
          <Marker title={`The column's type in the database: @db.${field.nativeType}`} tone="bg-slate-200 text-slate-700">
            {nativeTypeMark(field.nativeType)}
          </Marker>
        )}
      </span>
      {relation || !props.detailed ? (
        <span className={`shrink-0 font-mono text-xs ${relation ? "text-slate-500" : "text-emerald-700"}`}>{typeLabel}</span>
      ) : (
        <>
          <select
            aria-label={`Type of ${field.name}`}
            className="nodrag shrink-0 rounded border border-transparent bg-transparent font-mono text-xs text-emerald-700 hover:border-slate-300"
            value={field.type}
            onChange={(event) => {
              const type = event.target.value;
              const kind = props.enumNames.includes(type) ? "enum" : "scalar";
              editor.edit("Change field type", (g) =>
                updateField(g, field.id, retype(field, type, kind, dialectOf(g.datasource.provider))),
              );
            }}
          >
            {[...SCALAR_TYPES, ...props.enumNames].map((type) => (
              <option key={type}>{type}</option>
            ))}
          </select>
          {field.list ? (
            // A list is never optional (Prisma refuses String[]?): it is marked, not toggled.
            <span
              title={`A list: each row holds any number of ${field.type} values`}
              className="w-3 shrink-0 font-mono text-xs text-emerald-700"
            >
              []
            </span>
          ) : (
            <button
              type="button"
              aria-label={`${field.optional ? "Make required" : "Make optional"}: ${field.name}`}
              aria-pressed={field.optional}
              title={field.optional ? "Optional (click to make required)" : "Required (click to make optional)"}
              className={`nodrag w-3 shrink-0 font-mono text-xs ${field.optional ? "text-emerald-700" : "text-slate-300 hover:text-slate-500"}`}
              onClick={(event) => {
                event.stopPropagation();
                editor.edit(field.optional ? "Make field required" : "Make field optional", (g) =>
                  updateField(g, field.id, { optional: !field.optional }),
                );
              }}
            >
              ?
            </button>
          )}
        </>
      )}
      {props.detailed && (
        <button
          type="button"
          aria-label={`Delete field ${field.name}`}
          title="Delete field"
          className="nodrag shrink-0 text-slate-300 opacity-0 hover:text-red-600 group-hover:opacity-100 focus:opacity-100"
          onClick={(event) => {
            event.stopPropagation();
            editor.edit("Delete field", (g) => deleteField(g, field.id));
          }}
        >
          ×
        </button>
      )}
      <RowHandles fieldId={field.id} side="right" />
      <RowProblems problems={problems} />
    </li>
  );
}

/** Prisma's problems with a row, beside it. */
function RowProblems(props: { problems: string[] }) {
  if (!props.problems.length) return null;
  return (
    <p
      role="alert"
      className="absolute left-full top-0 z-10 ml-3 w-64 rounded border border-red-300 bg-red-50 px-2 py-1 text-xs text-red-800 shadow"
    >
      {props.problems.join(" ")}
    </p>
  );
}

/**
 * A field kept as written (@ignore, Unsupported(...), or one of an @@ignore model): muted,
 * its type as written and why it is kept; nothing to edit, no relation drawn from it.
 */
export function VerbatimRow(props: { field: VerbatimField; problems: string[] }) {
  const { field, problems } = props;
  const why =
    field.reason === "unsupported"
      ? "A type Prisma cannot map, kept as written: edit it in the schema text"
      : "Ignored by Prisma Client (@ignore), kept as written: edit it in the schema text";
  return (
    <li
      data-field={field.name}
      data-verbatim={field.reason}
      title={why}
      className={`relative flex h-7 items-center gap-1.5 pl-4 pr-3 text-sm text-slate-400 ${problems.length ? "bg-red-50" : "bg-slate-50"}`}
    >
      <span className="shrink-0 font-mono">{field.name}</span>
      <span className="flex-1" />
      <Marker title={why} tone="shrink-0 bg-slate-200 text-slate-500">
        {field.reason}
      </Marker>
      <span className="min-w-0 truncate font-mono text-xs" title={field.type}>
        {field.type}
      </span>
      <RowProblems problems={problems} />
    </li>
  );
}
