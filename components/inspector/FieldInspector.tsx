"use client";

import { retype } from "@/lib/schema/defaults";
import { SCALAR_TYPES, type Field, type Model, type SchemaGraph } from "@/lib/schema/graph";
import { deleteField, renameField, updateField } from "@/lib/schema/operations";
import type { SchemaEditor } from "../canvas/editor-context";
import { dialectOf } from "@/lib/schema/provider";
import { ColumnTypeSettings } from "./ColumnTypeSettings";
import { DefaultSetting } from "./DefaultSetting";
import { Check, DeleteButton, DocumentationSetting, Problems, Row, TextSetting } from "./controls";

export function FieldInspector(props: {
  graph: SchemaGraph;
  model: Model;
  field: Field;
  problems: string[];
  editor: SchemaEditor;
}) {
  const { graph, model, field, editor } = props;
  const set = (label: string, changes: Partial<Omit<Field, "id" | "name">>) =>
    editor.edit(label, (g) => updateField(g, field.id, changes));
  const enumNames = graph.enums.map((e) => e.name);
  const relation = field.kind === "object";
  const dialect = dialectOf(graph.datasource.provider);
  return (
    <div className="flex flex-col gap-3">
      <h3 className="font-mono text-sm">
        <span className="text-slate-500">{model.name}.</span>
        <strong>{field.name}</strong>
      </h3>
      <Problems messages={props.problems} />
      <TextSetting
        label="Field name"
        value={field.name}
        onCommit={(name) => editor.edit("Rename field", (g) => renameField(g, field.id, name))}
      />
      {relation ? (
        <Row label="Relation">
          <button
            type="button"
            className="rounded border border-slate-300 px-2 py-1 text-left text-sm font-normal normal-case tracking-normal hover:bg-slate-50"
            onClick={() => editor.focus({ kind: "relation", modelId: model.id, fieldId: field.id })}
          >
            to {field.type}
            {field.list ? "[]" : field.optional ? "?" : ""}: edit the relation…
          </button>
        </Row>
      ) : (
        <>
          <Row label="Type">
            <select
              aria-label="Field type"
              value={field.type}
              className="rounded border border-slate-300 px-1 py-1 font-mono text-sm font-normal normal-case tracking-normal"
              onChange={(e) =>
                set(
                  "Change field type",
                  retype(
                    field,
                    e.target.value,
                    enumNames.includes(e.target.value) ? "enum" : "scalar",
                    dialectOf(graph.datasource.provider),
                  ),
                )
              }
            >
              <optgroup label="Scalar types">
                {SCALAR_TYPES.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </optgroup>
              {enumNames.length > 0 && (
                <optgroup label="Enums">
                  {enumNames.map((t) => (
                    <option key={t}>{t}</option>
                  ))}
                </optgroup>
              )}
            </select>
          </Row>
          <div className="grid grid-cols-2 gap-2">
            <Check
              label="Optional"
              checked={field.optional}
              disabled={field.list}
              title={field.list ? "A list is never optional: it holds no values instead" : undefined}
              onChange={(optional) => set("Change optional", { optional })}
            />
            <Check
              label="List ([])"
              checked={field.list}
              disabled={dialect !== "postgresql"}
              title={
                dialect === "postgresql"
                  ? "Any number of values in one column (a PostgreSQL array)"
                  : "SQLite has no lists: Prisma keeps them for PostgreSQL"
              }
              onChange={(list) =>
                set(list ? "Make field a list" : "Make field a single value", {
                  list,
                  default: undefined,
                  ...(list ? { optional: false, isId: false, updatedAt: false } : {}),
                })
              }
            />
            <Check
              label="Primary key (@id)"
              checked={field.isId}
              onChange={(isId) => set("Change primary key", { isId, ...(isId ? { optional: false } : {}) })}
            />
            <Check label="Unique" checked={field.isUnique} onChange={(isUnique) => set("Change unique", { isUnique })} />
            <Check
              label="@updatedAt"
              checked={field.updatedAt}
              disabled={field.type !== "DateTime"}
              title={field.type === "DateTime" ? "Set to the time of every update" : "Only a DateTime field can be @updatedAt"}
              onChange={(updatedAt) => set("Change @updatedAt", { updatedAt })}
            />
          </div>
          <DefaultSetting
            field={field}
            enumValues={graph.enums.find((e) => e.name === field.type)?.values.map((v) => v.name) ?? []}
            dialect={dialectOf(graph.datasource.provider)}
            onChange={(expression) => set("Change default", { default: expression })}
          />
          <ColumnTypeSettings field={field} dialect={dialectOf(graph.datasource.provider)} set={set} />
          <TextSetting
            label="Column name (@map)"
            value={field.dbName ?? ""}
            placeholder={field.name}
            onCommit={(dbName) => set("Change column name", { dbName: dbName.trim() || undefined })}
          />
        </>
      )}
      <DocumentationSetting
        value={field.documentation}
        onCommit={(documentation) => set("Change documentation", { documentation })}
      />
      <DeleteButton
        onClick={() => {
          editor.edit("Delete field", (g) => deleteField(g, field.id));
          editor.focus({ kind: "model", id: model.id });
        }}
      >
        Delete field
      </DeleteButton>
    </div>
  );
}
