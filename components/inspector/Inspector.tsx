"use client";

import { datasourceSchemas, type SchemaGraph } from "@/lib/schema/graph";
import { dialectOf } from "@/lib/schema/provider";
import type { Focus, SchemaEditor } from "../canvas/editor-context";
import { SidePanel } from "../SidePanel";
import { EnumInspector } from "./EnumInspector";
import { FieldInspector } from "./FieldInspector";
import { ModelInspector } from "./ModelInspector";
import { RelationInspector } from "./RelationInspector";
import { ViewInspector } from "./ViewInspector";

/** The selected table, field, relation or enum, every property editable. */
export function Inspector(props: {
  graph: SchemaGraph;
  focus: Focus;
  colors: Record<string, string | undefined>;
  problems: Record<string, string[]>;
  editor: SchemaEditor;
  onDuplicate(modelId: string): void;
  onShowNeighbours(nodeId: string): void;
  onHide(nodeId: string): void;
}) {
  const { graph, focus, editor, problems } = props;
  let body: React.ReactNode = <p className="text-sm text-slate-500">It is gone (deleted or undone).</p>;
  // A view, or a field of one: read-only (Prisma does not migrate views).
  const viewId = focus.kind === "model" ? focus.id : focus.kind === "field" ? focus.modelId : undefined;
  const view = graph.models.find((m) => m.id === viewId && m.isView);
  if (view) {
    body = (
      <ViewInspector model={view} onShowNeighbours={() => props.onShowNeighbours(view.id)} onHide={() => props.onHide(view.id)} />
    );
  } else if (focus.kind === "model") {
    const model = graph.models.find((m) => m.id === focus.id);
    if (model)
      body = (
        <ModelInspector
          model={model}
          color={props.colors[model.id]}
          problems={problems[model.id] ?? []}
          editor={editor}
          onDuplicate={() => props.onDuplicate(model.id)}
          onShowNeighbours={() => props.onShowNeighbours(model.id)}
          onHide={() => props.onHide(model.id)}
          dialect={dialectOf(graph.datasource.provider)}
          schemas={datasourceSchemas(graph)}
        />
      );
  } else if (focus.kind === "field") {
    const model = graph.models.find((m) => m.id === focus.modelId);
    const field = model?.fields.find((f) => f.id === focus.id);
    if (model && field)
      body = <FieldInspector graph={graph} model={model} field={field} problems={problems[field.id] ?? []} editor={editor} />;
  } else if (focus.kind === "enum") {
    const enumeration = graph.enums.find((e) => e.id === focus.id);
    if (enumeration) body = <EnumInspector enumeration={enumeration} problems={problems[enumeration.id] ?? []} editor={editor} />;
  } else {
    body = <RelationInspector graph={graph} modelId={focus.modelId} fieldId={focus.fieldId} editor={editor} />;
  }
  return (
    <SidePanel label="Inspector" title="Inspector" width="w-80" onClose={() => editor.focus(null)}>
      <div className="min-h-0 flex-1 overflow-auto p-4">{body}</div>
    </SidePanel>
  );
}
