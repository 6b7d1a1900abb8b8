"use client";

import { useStore, useUpdateNodeInternals, type NodeProps } from "@xyflow/react";
import { memo, useEffect, useRef } from "react";
import { modelMembers } from "@/lib/schema/graph";
import { addField, renameModel } from "@/lib/schema/operations";
import { shownMembers } from "@/lib/layout/display";
import { BLOCK_ZOOM, DETAIL_ZOOM } from "@/lib/layout/zoom";
import { useSchemaEditor } from "./editor-context";
import { FieldRow, Marker, RowHandles, VerbatimRow } from "./FieldRow";
import { type ModelFlowNode } from "./graph-to-flow";
import { InlineName } from "./InlineName";
import { NodeBlock } from "./NodeBlock";
import { nodeSize } from "@/lib/layout/sizes";
import { useTableData } from "./table-data";

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
  // A view is read-only, as an @@ignore model is: Prisma reads it but does not migrate it.
  const locked = ignored || model.isView;
  const kind = model.isView ? "View" : "Table";
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
    state.transform[2] < BLOCK_ZOOM ? "summary" : state.transform[2] < DETAIL_ZOOM ? "compact" : "detailed",
  );
  const detailed = mode === "detailed";
  const display = data.display ?? "all";
  const shown = shownMembers(model, display);
  const modelProblems = problems[model.id] ?? [];
  const failing = modelProblems.length > 0 || members.some((f) => problems[f.id]?.length);
  if (mode === "summary") {
    return (
      <NodeBlock
        label={`${kind} ${model.name}${ignored ? " (ignored)" : ""}`}
        name={model.name}
        size={nodeSize(model)}
        color={data.color}
        tone="bg-slate-700 text-white"
        failing={failing}
        handles={model.id}
        data={{ "data-model": model.name, "data-ignored": ignored || undefined }}
      />
    );
  }
  return (
    <section
      aria-label={`${kind} ${model.name}${ignored ? " (ignored)" : ""}`}
      data-model={model.name}
      data-ignored={ignored || undefined}
      className={`w-72 rounded-lg border bg-white shadow-sm ${
        failing ? "border-red-400 ring-2 ring-red-200" : selected ? "border-sky-500 ring-2 ring-sky-200" : "border-slate-300"
      }`}
    >
      <header
        onClick={ignored ? undefined : () => editor.focus({ kind: "model", id: model.id })}
        style={data.color ? { backgroundColor: data.color } : undefined}
        className={`model-drag-handle relative flex h-[38px] cursor-grab items-center gap-2 border-b border-slate-200 px-3 active:cursor-grabbing ${display === "names" ? "rounded-lg" : "rounded-t-lg"} ${
          data.color ? "text-slate-900" : "bg-slate-800 text-white"
        }`}
      >
        {detailed && !locked ? (
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
        {model.isView && (
          <Marker
            title="A database view: Prisma reads it but does not migrate it. Kept as written: edit it in the schema text"
            tone="bg-slate-200 text-slate-600"
          >
            view
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
        {detailed && !locked && (
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
        {display === "names" && (
          <>
            <RowHandles fieldId={model.id} side="left" />
            <RowHandles fieldId={model.id} side="right" />
          </>
        )}
      </header>
      {modelProblems.length > 0 && (
        <p role="alert" className="border-b border-red-200 bg-red-50 px-3 py-1 text-xs text-red-800">
          {modelProblems.join(" ")}
        </p>
      )}
      {shown.length > 0 && (
        <ul>
          {shown.map((field) =>
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
                detailed={detailed && !locked}
              />
            ),
          )}
        </ul>
      )}
      {!locked && display === "all" && (
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
