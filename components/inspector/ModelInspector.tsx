"use client";

import type { Model } from "@/lib/schema/graph";
import type { Dialect } from "@/lib/schema/provider";
import { renameModel, updateModelProperties } from "@/lib/schema/operations";
import type { SchemaEditor } from "../canvas/editor-context";
import { DocumentationSetting, PanelButton, Problems, Row, TextSetting, ViewButtons } from "./controls";
import { CompositeKeys } from "./CompositeKeys";

export const NODE_COLORS = ["#fde68a", "#bbf7d0", "#bfdbfe", "#fbcfe8", "#ddd6fe", "#fed7aa"];

export function ModelInspector(props: {
  model: Model;
  color?: string;
  problems: string[];
  editor: SchemaEditor;
  onDuplicate(): void;
  onShowNeighbours(): void;
  onHide(): void;
  dialect: Dialect;
  /** A multi-schema project's database schemas (none otherwise). */
  schemas: string[];
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
      {props.schemas.length > 0 && (
        <Row label="Database schema (@@schema)">
          <select
            aria-label="Database schema"
            value={model.schema ?? ""}
            onChange={(e) =>
              editor.edit("Move table to schema", (g) => updateModelProperties(g, model.id, { schema: e.target.value }))
            }
            className="rounded border border-slate-300 px-1 py-1 font-mono text-sm font-normal normal-case tracking-normal"
          >
            {props.schemas.map((schema) => (
              <option key={schema}>{schema}</option>
            ))}
          </select>
        </Row>
      )}
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
      <CompositeKeys model={model} editor={editor} dialect={props.dialect} />
      <div className="flex flex-wrap gap-2">
        <ViewButtons what="table" onShowNeighbours={props.onShowNeighbours} onHide={props.onHide} />
        <PanelButton onClick={props.onDuplicate}>Duplicate</PanelButton>
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
