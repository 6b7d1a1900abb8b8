"use client";

import { REFERENTIAL_ACTIONS, type SchemaGraph } from "@/lib/schema/graph";
import {
  deleteRelation,
  oppositeField,
  owningSide,
  RELATION_KINDS,
  relationKindOf,
  setReferentialActions,
  setRelationKind,
  type RelationKind,
} from "@/lib/schema/relations";
import type { SchemaEditor } from "../canvas/editor-context";
import { DeleteButton, Row } from "./controls";

export function RelationInspector(props: { graph: SchemaGraph; modelId: string; fieldId: string; editor: SchemaEditor }) {
  const { graph, editor } = props;
  const owner = owningSide(graph, props.modelId, props.fieldId);
  if (!owner) return <p className="text-sm text-slate-500">This relation no longer exists.</p>;
  const opposite = oppositeField(graph, owner.model.id, owner.field.id);
  const kind = relationKindOf(graph, owner.model.id, owner.field.id);
  const relation = owner.field.relation;
  const hasForeignKey = Boolean(relation?.fields?.length);
  const select = "rounded border border-slate-300 px-1 py-1 text-sm font-normal normal-case tracking-normal";
  return (
    <div className="flex flex-col gap-3">
      <h3 className="font-mono text-sm">
        {owner.model.name}.{owner.field.name} → {owner.field.type}
        {opposite ? ` (back: ${opposite.model.name}.${opposite.field.name})` : ""}
      </h3>
      {relation?.name && <p className="text-xs text-slate-500">Relation name “{relation.name}”</p>}
      {hasForeignKey && (
        <p className="text-xs text-slate-600">
          Foreign key{" "}
          <span className="font-mono">
            {owner.model.name}.{relation!.fields!.join(", ")}
          </span>{" "}
          references{" "}
          <span className="font-mono">
            {owner.field.type}.{relation!.references?.join(", ")}
          </span>
        </p>
      )}
      <Row label="Kind">
        <select
          aria-label="Relation kind"
          className={select}
          value={kind}
          onChange={(e) => {
            const next = e.target.value as RelationKind;
            editor.edit("Change relation kind", (g) => setRelationKind(g, owner.model.id, owner.field.id, next));
          }}
        >
          {RELATION_KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </Row>
      {hasForeignKey &&
        (["onDelete", "onUpdate"] as const).map((key) => (
          <Row key={key} label={key === "onDelete" ? "On delete" : "On update"}>
            <select
              aria-label={key === "onDelete" ? "On delete" : "On update"}
              className={select}
              value={relation?.[key] ?? ""}
              onChange={(e) =>
                editor.edit(`Change ${key}`, (g) =>
                  setReferentialActions(g, owner.model.id, owner.field.id, {
                    [key]: (e.target.value || undefined) as (typeof REFERENTIAL_ACTIONS)[number] | undefined,
                  }),
                )
              }
            >
              <option value="">Prisma&apos;s default</option>
              {REFERENTIAL_ACTIONS.map((action) => (
                <option key={action}>{action}</option>
              ))}
            </select>
          </Row>
        ))}
      <DeleteButton
        onClick={() => {
          editor.edit("Delete relation", (g) => deleteRelation(g, owner.model.id, owner.field.id));
          editor.focus(null);
        }}
      >
        Delete relation
      </DeleteButton>
    </div>
  );
}
