"use client";

import { Handle, Position, useStore, useUpdateNodeInternals, type NodeProps } from "@xyflow/react";
import { memo, useEffect, useRef, useState } from "react";
import { retype } from "@/lib/schema/defaults";
import { modelMembers, SCALAR_TYPES, type Field, type VerbatimField } from "@/lib/schema/graph";
import { addField, deleteField, moveField, renameField, renameModel, updateField } from "@/lib/schema/operations";
import { useSchemaEditor } from "./editor-context";
import { handleId, type ModelFlowNode } from "./graph-to-flow";
import { InlineName } from "./InlineName";
import { useTableData } from "./table-data";

/** Below this zoom a node draws names only: thousands of pickers nobody can read would cost frames. */
export const DETAIL_ZOOM = 0.45;
/** Below this zoom a node draws its name and size only, and edges join tables rather than rows. */
export const SUMMARY_ZOOM = 0.2;
const FIELD_MIME = "application/x-schemaflow-field";

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
  const style = "!h-2.5 !w-2.5 !border-slate-400 !bg-white hover:!bg-sky-400";
  return (
    <>
      <Handle type="target" position={position} id={id} className={style} />
      <Handle type="source" position={position} id={id} className={style} />
    </>
  );
}

function FieldRow(props: {
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
              editor.edit("Change field type", (g) => updateField(g, field.id, retype(field, type, kind)));
            }}
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
function VerbatimRow(props: { field: VerbatimField; problems: string[] }) {
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

/** 1234 → 1.2k: a count that fits a node's header. */
function compactCount(count: number): string {
  return count < 1000
    ? String(count)
    : count < 1_000_000
      ? `${(count / 1000).toFixed(count < 10_000 ? 1 : 0)}k`
      : `${(count / 1e6).toFixed(1)}M`;
}

/**
 * A table on the canvas: its name, then one row per field with its type and markers. A
 * model marked @@ignore is drawn with its rows only, marked ignored, with nothing to edit.
 */
export const ModelNode = memo(function ModelNode({ id, data, selected }: NodeProps<ModelFlowNode>) {
  const { model, problems, ignored } = data;
  const members = modelMembers(model);
  const editor = useSchemaEditor();
  const tableData = useTableData();
  const rowCount = ignored ? undefined : tableData.rows.get(model.name);
  // A row that replaces another keeps the node's size, so React Flow would not measure the
  // new row's handles and an edge to it would not be drawn: re-measure when the rows change.
  const updateNodeInternals = useUpdateNodeInternals();
  const rows = members.map((f) => f.id).join(",");
  const measuredRows = useRef(rows);
  useEffect(() => {
    if (measuredRows.current === rows) return; // React Flow measures a node when it mounts
    measuredRows.current = rows;
    updateNodeInternals(id);
  }, [rows, id, updateNodeInternals]);
  const mode = useStore((state) =>
    state.transform[2] < SUMMARY_ZOOM ? "summary" : state.transform[2] < DETAIL_ZOOM ? "compact" : "detailed",
  );
  const detailed = mode === "detailed";
  const modelProblems = problems[model.id] ?? [];
  const failing = modelProblems.length > 0 || members.some((f) => problems[f.id]?.length);
  return (
    <section
      aria-label={`Table ${model.name}${ignored ? " (ignored)" : ""}`}
      data-model={model.name}
      data-ignored={ignored || undefined}
      className={`w-72 rounded-lg border bg-white shadow-sm ${
        failing ? "border-red-400 ring-2 ring-red-200" : selected ? "border-sky-500 ring-2 ring-sky-200" : "border-slate-300"
      }`}
    >
      <header
        onClick={ignored ? undefined : () => editor.focus({ kind: "model", id: model.id })}
        style={data.color ? { backgroundColor: data.color } : undefined}
        className={`model-drag-handle flex h-[38px] cursor-grab items-center gap-2 rounded-t-lg border-b border-slate-200 px-3 active:cursor-grabbing ${
          data.color ? "text-slate-900" : "bg-slate-800 text-white"
        }`}
      >
        {detailed && !ignored ? (
          <InlineName
            label={`Table ${model.name}`}
            value={model.name}
            className="min-w-0 flex-1 font-semibold"
            onCommit={(name) => editor.edit("Rename table", (g) => renameModel(g, model.id, name))}
          />
        ) : (
          <span className="min-w-0 flex-1 truncate font-semibold">{model.name}</span>
        )}
        {ignored && (
          <Marker
            title="Marked @@ignore: Prisma Client leaves this model out. Kept as written: edit it in the schema text"
            tone="bg-slate-200 text-slate-600"
          >
            ignored
          </Marker>
        )}
        {model.dbName && (
          <span className="truncate font-mono text-xs opacity-70" title="Table name in the database">
            {model.dbName}
          </span>
        )}
        {rowCount && (
          <button
            type="button"
            aria-label={`${rowCount.count} rows in ${rowCount.table}: open them`}
            title={`${rowCount.count.toLocaleString("en-US")} rows in ${rowCount.table}: open them in the data grid`}
            className="nodrag shrink-0 rounded-full bg-white/20 px-1.5 text-[11px] tabular-nums hover:bg-white/40"
            onClick={(event) => {
              event.stopPropagation();
              tableData.open(rowCount.table, model.name);
            }}
          >
            {compactCount(rowCount.count)} rows
          </button>
        )}
        {detailed && !ignored && (
          <button
            type="button"
            aria-label={`Delete table ${model.name}`}
            title="Delete table"
            className="nodrag opacity-60 hover:text-red-400 hover:opacity-100"
            onClick={(event) => {
              event.stopPropagation();
              editor.deleteNodes([model.id]);
            }}
          >
            ×
          </button>
        )}
      </header>
      {modelProblems.length > 0 && (
        <p role="alert" className="border-b border-red-200 bg-red-50 px-3 py-1 text-xs text-red-800">
          {modelProblems.join(" ")}
        </p>
      )}
      {mode === "summary" ? (
        <p className="relative px-3 py-2 text-sm text-slate-500">
          <RowHandles fieldId={model.id} side="left" />
          {members.length} fields
          <RowHandles fieldId={model.id} side="right" />
        </p>
      ) : (
        <ul>
          {members.map((field) =>
            field.verbatim ? (
              <VerbatimRow key={field.id} field={field} problems={problems[field.id] ?? []} />
            ) : (
              <FieldRow
                key={field.id}
                modelId={model.id}
                index={model.fields.indexOf(field)}
                field={field}
                foreignKey={data.foreignKeys.includes(field.name)}
                enumNames={data.enumNames}
                problems={problems[field.id] ?? []}
                focused={data.focusedId === field.id}
                detailed={detailed}
              />
            ),
          )}
        </ul>
      )}
      {mode !== "summary" && !ignored && (
        <button
          type="button"
          aria-label={`Add field to ${model.name}`}
          className="nodrag h-[26px] w-full rounded-b-lg border-t border-slate-200 px-3 text-left text-xs text-sky-700 hover:bg-sky-50"
          onClick={(event) => {
            event.stopPropagation();
            editor.edit("Add field", (g) => addField(g, model.id).graph);
          }}
        >
          + Add field
        </button>
      )}
    </section>
  );
});
