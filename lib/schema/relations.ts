import type { Field, Model, Relation, SchemaGraph } from "./graph";
import { defaultRelationName } from "./naming";
import { fieldNames, newId, withFields } from "./operations";

/**
 * Relations as a person draws them: from one table to another. Each kind becomes the
 * fields Prisma needs on both sides (the foreign key, the relation field with its
 * @relation, the back-relation), named after the tables, with a relation name wherever
 * two relations join the same pair of models.
 */

export const RELATION_KINDS = ["one-to-many", "one-to-one", "many-to-many"] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

/** A refusal the person can act on: "Address has no primary key to reference". */
export class RelationRefused extends Error {}

export const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
const plural = (name: string) =>
  /(s|x|sh|ch)$/.test(name) ? `${name}es` : /[^aeiou]y$/.test(name) ? `${name.slice(0, -1)}ies` : `${name}s`;
const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();

/** `wanted`, or `wanted2`, `wanted3`... : the first name no field of the model has. */
export function freeName(model: Model, wanted: string, alsoTaken: string[] = []): string {
  const taken = new Set([...fieldNames(model), ...alsoTaken]);
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${wanted}${n}`)) return `${wanted}${n}`;
}

function singleIdField(model: Model): Field {
  const ids = model.fields.filter((f) => f.isId);
  if (ids.length === 1 && ids[0].kind === "scalar") return ids[0];
  if (!ids.length && model.primaryKey?.fields.length === 1) {
    const field = model.fields.find((f) => f.name === model.primaryKey!.fields[0]);
    if (field) return field;
  }
  throw new RelationRefused(
    ids.length || model.primaryKey
      ? `${model.name} has a primary key over several fields; relate to it from the inspector's composite key instead`
      : `${model.name} has no primary key (@id) for a relation to reference`,
  );
}

/** The name the relation between these two models has, explicit or Prisma's default. */
export function relationNameOf(model: Model, field: Field): string {
  return field.relation?.name ?? defaultRelationName(model.name, field.type);
}

/** The other side of a relation field: the field in the related model with the same relation name. */
export function oppositeField(graph: SchemaGraph, modelId: string, fieldId: string): { model: Model; field: Field } | undefined {
  const model = graph.models.find((m) => m.id === modelId);
  const field = model?.fields.find((f) => f.id === fieldId);
  if (!model || !field || field.kind !== "object") return undefined;
  const other = graph.models.find((m) => m.name === field.type);
  if (!other) return undefined;
  const name = relationNameOf(model, field);
  const opposite = other.fields.find(
    (f) => f.id !== field.id && f.kind === "object" && f.type === model.name && relationNameOf(other, f) === name,
  );
  return opposite ? { model: other, field: opposite } : undefined;
}

/** The relation field that carries the foreign key (or, for many-to-many, the first side). */
export function owningSide(graph: SchemaGraph, modelId: string, fieldId: string): { model: Model; field: Field } | undefined {
  const model = graph.models.find((m) => m.id === modelId);
  const field = model?.fields.find((f) => f.id === fieldId);
  if (!model || !field) return undefined;
  if (field.relation?.fields?.length) return { model, field };
  const opposite = oppositeField(graph, modelId, fieldId);
  if (opposite?.field.relation?.fields?.length) return opposite;
  if (!opposite) return { model, field };
  // Many-to-many: the side whose model comes first in the schema owns the edge.
  const order = (id: string) => graph.models.findIndex((m) => m.id === id);
  return order(model.id) <= order(opposite.model.id) ? { model, field } : opposite;
}

export function relationKindOf(graph: SchemaGraph, modelId: string, fieldId: string): RelationKind {
  const owner = owningSide(graph, modelId, fieldId);
  if (!owner) return "one-to-many";
  if (!owner.field.relation?.fields?.length) return "many-to-many";
  const opposite = oppositeField(graph, owner.model.id, owner.field.id);
  return opposite && !opposite.field.list ? "one-to-one" : "one-to-many";
}

function pairHasRelation(a: Model, b: Model): boolean {
  return (
    a.fields.some((f) => f.kind === "object" && f.type === b.name) ||
    b.fields.some((f) => f.kind === "object" && f.type === a.name)
  );
}

function mapFields(graph: SchemaGraph, update: (model: Model, field: Field) => Field): SchemaGraph {
  return {
    ...graph,
    models: graph.models.map((model) => ({ ...model, fields: model.fields.map((field) => update(model, field)) })),
  };
}

function withModels(graph: SchemaGraph, changed: Model[]): SchemaGraph {
  const byId = new Map(changed.map((m) => [m.id, m]));
  return { ...graph, models: graph.models.map((m) => byId.get(m.id) ?? m) };
}

function objectField(name: string, type: string, options: Partial<Field> = {}): Field {
  return {
    id: newId("field"),
    name,
    type,
    kind: "object",
    list: false,
    optional: false,
    isId: false,
    isUnique: false,
    updatedAt: false,
    ...options,
  };
}

/**
 * Relates `from` to `to`. One-to-many and one-to-one put the foreign key in `from` (the
 * field dragged from, when it fits, else a new `<to>_id` field); many-to-many joins
 * them through Prisma's implicit join table.
 */
export function connectModels(
  graph: SchemaGraph,
  options: { fromModelId: string; toModelId: string; fromFieldId?: string; kind?: RelationKind },
): { graph: SchemaGraph; relationFieldId: string } {
  const kind = options.kind ?? "one-to-many";
  const from = graph.models.find((m) => m.id === options.fromModelId);
  const to = graph.models.find((m) => m.id === options.toModelId);
  if (!from || !to) throw new RelationRefused("Both ends of a relation must be tables");
  const self = from.id === to.id;
  const needsName = self || pairHasRelation(from, to);
  const relationName = needsName ? freeRelationName(graph, `${from.name}${self ? "Self" : to.name}`) : undefined;
  const target = singleIdField(to);

  if (kind === "many-to-many") {
    singleIdField(from);
    const forward = objectField(freeName(from, lowerFirst(plural(to.name))), to.name, {
      list: true,
      ...(relationName ? { relation: { name: relationName } } : {}),
    });
    const backName = freeName(to, lowerFirst(plural(from.name)), self ? [forward.name] : []);
    const back = objectField(self ? `${backName}Of` : backName, from.name, {
      list: true,
      ...(relationName ? { relation: { name: relationName } } : {}),
    });
    if (self)
      return { graph: withModels(graph, [{ ...from, fields: [...from.fields, forward, back] }]), relationFieldId: forward.id };
    return {
      graph: withModels(graph, [
        { ...from, fields: [...from.fields, forward] },
        { ...to, fields: [...to.fields, back] },
      ]),
      relationFieldId: forward.id,
    };
  }

  const dragged = from.fields.find((f) => f.id === options.fromFieldId);
  const reuse = dragged && dragged.kind === "scalar" && !dragged.isId && dragged.type === target.type && !dragged.list;
  const snakeStyle = from.fields.some((f) => f.name.includes("_")) || Boolean(from.dbName?.includes("_"));
  const baseFk = self
    ? snakeStyle
      ? "parent_id"
      : "parentId"
    : snakeStyle
      ? `${snake(to.name)}_${target.name}`
      : `${lowerFirst(to.name)}${target.name.charAt(0).toUpperCase()}${target.name.slice(1)}`;
  const foreignKey: Field = reuse
    ? { ...dragged, isUnique: kind === "one-to-one" ? true : dragged.isUnique, optional: self ? true : dragged.optional }
    : {
        id: newId("field"),
        name: freeName(from, baseFk),
        type: target.type,
        kind: "scalar",
        list: false,
        optional: self,
        isId: false,
        isUnique: kind === "one-to-one",
        updatedAt: false,
      };
  const relation: Relation = {
    ...(relationName ? { name: relationName } : {}),
    fields: [foreignKey.name],
    references: [target.name],
  };
  const forward = objectField(freeName(from, self ? "parent" : lowerFirst(to.name), [foreignKey.name]), to.name, {
    optional: foreignKey.optional,
    relation,
  });
  const backBase = self ? "children" : kind === "one-to-one" ? lowerFirst(from.name) : lowerFirst(plural(from.name));
  const back = objectField(freeName(to, backBase, self ? [foreignKey.name, forward.name] : []), from.name, {
    list: kind === "one-to-many",
    optional: kind === "one-to-one",
    ...(relationName ? { relation: { name: relationName } } : {}),
  });
  const fromFields = reuse ? from.fields.map((f) => (f.id === foreignKey.id ? foreignKey : f)) : [...from.fields, foreignKey];
  if (self)
    return { graph: withModels(graph, [{ ...from, fields: [...fromFields, forward, back] }]), relationFieldId: forward.id };
  return {
    graph: withModels(graph, [
      { ...from, fields: [...fromFields, forward] },
      { ...to, fields: [...to.fields, back] },
    ]),
    relationFieldId: forward.id,
  };
}

function freeRelationName(graph: SchemaGraph, wanted: string): string {
  const taken = new Set(
    graph.models.flatMap((m) => m.fields.filter((f) => f.kind === "object").map((f) => relationNameOf(m, f))),
  );
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${wanted}${n}`)) return `${wanted}${n}`;
}

/** Removes both relation fields and the foreign keys no other relation uses. */
export function deleteRelation(graph: SchemaGraph, modelId: string, fieldId: string): SchemaGraph {
  const owner = owningSide(graph, modelId, fieldId);
  if (!owner) throw new Error(`No relation field ${fieldId}`);
  const opposite = oppositeField(graph, owner.model.id, owner.field.id);
  const doomed = new Set([owner.field.id, opposite?.field.id].filter(Boolean) as string[]);
  const foreignKeys = new Set(owner.field.relation?.fields ?? []);
  return {
    ...graph,
    models: graph.models.map((model) => {
      if (!model.fields.some((f) => doomed.has(f.id))) return model;
      const kept = model.fields.filter((f) => !doomed.has(f.id));
      const stillUsed = new Set(kept.flatMap((f) => f.relation?.fields ?? []));
      const inIndexes = new Set([model.primaryKey, ...model.uniques, ...model.indexes].flatMap((b) => b?.fields ?? []));
      return withFields(
        model,
        kept.filter(
          (f) =>
            !(
              model.id === owner.model.id &&
              foreignKeys.has(f.name) &&
              !stillUsed.has(f.name) &&
              !f.isId &&
              !inIndexes.has(f.name)
            ),
        ),
      );
    }),
  };
}

/** Changes a relation's kind; the relation keeps its name and its foreign key where the new kind has one. */
export function setRelationKind(graph: SchemaGraph, modelId: string, fieldId: string, kind: RelationKind): SchemaGraph {
  const current = relationKindOf(graph, modelId, fieldId);
  if (current === kind) return graph;
  const owner = owningSide(graph, modelId, fieldId)!;
  const opposite = oppositeField(graph, owner.model.id, owner.field.id);
  if (current !== "many-to-many" && kind !== "many-to-many" && opposite) {
    const fk = owner.field.relation?.fields ?? [];
    // The back-relation's default name follows the kind: comments (one-to-many) / comment (one-to-one).
    const singular = lowerFirst(owner.model.name);
    const [from, to] = kind === "one-to-one" ? [plural(singular), singular] : [singular, plural(singular)];
    const rename = opposite.field.name === from && !opposite.model.fields.some((f) => f.name === to);
    return mapFields(graph, (model, field) => {
      if (model.id === owner.model.id && fk.length === 1 && field.name === fk[0])
        return { ...field, isUnique: kind === "one-to-one" };
      if (field.id === opposite.field.id) {
        return { ...field, list: kind === "one-to-many", optional: kind === "one-to-one", ...(rename ? { name: to } : {}) };
      }
      return field;
    });
  }
  const to = graph.models.find((m) => m.name === owner.field.type)!;
  const without = deleteRelation(graph, owner.model.id, owner.field.id);
  return connectModels(without, { fromModelId: owner.model.id, toModelId: to.id, kind }).graph;
}

/** Sets onDelete / onUpdate on the side that holds the foreign key. */
export function setReferentialActions(
  graph: SchemaGraph,
  modelId: string,
  fieldId: string,
  actions: Pick<Relation, "onDelete" | "onUpdate">,
): SchemaGraph {
  const owner = owningSide(graph, modelId, fieldId);
  if (!owner?.field.relation?.fields?.length)
    throw new RelationRefused("Only a relation with a foreign key has referential actions");
  const relation: Relation = { ...owner.field.relation };
  for (const key of ["onDelete", "onUpdate"] as const) {
    if (key in actions) {
      if (actions[key]) relation[key] = actions[key];
      else delete relation[key];
    }
  }
  return withModels(graph, [
    { ...owner.model, fields: owner.model.fields.map((f) => (f.id === owner.field.id ? { ...f, relation } : f)) },
  ]);
}
