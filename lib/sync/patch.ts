import { changedBlocks, type Enum, type Field, type Model, type SchemaGraph } from "../schema/graph";

/**
 * A change to a schema as the elements it touches, so that what travels between a tab and
 * the server is the size of the change, not of the schema, and two changes can be told to
 * touch the same element or not (the graph's ids: they survive renames).
 *
 * Elements:
 * - `schema`: the datasource, generators, comments and @@ignore'd models;
 * - `model:<id>`: a model's own properties and the order of its fields (not the fields);
 * - `field:<modelId>/<fieldId>`: one field;
 * - `enum:<id>`: an enum with its values.
 * A null value removes the element. The order of models and enums is not an element: a new
 * one is appended, a removed one leaves, so two tabs adding tables never collide.
 */
export type ElementKey = string;
export type ElementValue = SchemaTop | ModelShell | Field | Enum;
export interface ElementChange {
  key: ElementKey;
  value: ElementValue | null;
}

/** The parts of the graph outside models and enums. */
export type SchemaTop = Omit<SchemaGraph, "models" | "enums" | "order">;
/** A model without its fields, which are elements of their own; `fieldIds` keeps their order. */
export type ModelShell = Omit<Model, "fields"> & { fieldIds: string[] };

export const SCHEMA_KEY = "schema";
export const modelKey = (modelId: string) => `model:${modelId}`;
export const fieldKey = (modelId: string, fieldId: string) => `field:${modelId}/${fieldId}`;
export const enumKey = (enumId: string) => `enum:${enumId}`;

/** The element a key names: its kind and ids. */
export function parseKey(key: ElementKey): { kind: "schema" | "model" | "field" | "enum"; modelId?: string; id?: string } {
  if (key === SCHEMA_KEY) return { kind: "schema" };
  const colon = key.indexOf(":");
  const kind = key.slice(0, colon);
  const rest = key.slice(colon + 1);
  if (kind === "field") {
    const slash = rest.indexOf("/"); // model ids hold no slash (names cannot)
    return { kind, modelId: rest.slice(0, slash), id: rest.slice(slash + 1) };
  }
  if (kind === "model" || kind === "enum") return { kind, id: rest };
  throw new Error(`"${key}" names no element of a schema`);
}

/** Every element of a graph by key, with model and enum order kept beside. */
export function elementsOf(graph: SchemaGraph): Map<ElementKey, ElementValue> {
  const elements = new Map<ElementKey, ElementValue>();
  const { models, enums, order: _order, ...top } = graph;
  elements.set(SCHEMA_KEY, top);
  for (const model of models) {
    const { fields, ...shell } = model;
    elements.set(modelKey(model.id), { ...shell, fieldIds: fields.map((f) => f.id) });
    for (const field of fields) elements.set(fieldKey(model.id, field.id), field);
  }
  for (const item of enums) elements.set(enumKey(item.id), item);
  return elements;
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * The changes that turn `before` into `after`. Operations replace only what they change
 * (immutable updates), so models and enums that are the same objects are skipped at once.
 */
export function diffGraphs(before: SchemaGraph, after: SchemaGraph): ElementChange[] {
  if (before === after) return [];
  const models = changedBlocks(before.models, after.models);
  const enums = changedBlocks(before.enums, after.enums);
  const old = elementsOf({ ...before, models: models.was, enums: enums.was });
  const now = elementsOf({ ...after, models: models.present, enums: enums.present });
  const changes: ElementChange[] = [];
  for (const [key, value] of now) if (!old.has(key) || !same(old.get(key), value)) changes.push({ key, value });
  for (const key of old.keys()) if (!now.has(key)) changes.push({ key, value: null });
  return changes;
}

/** What the changes do to one model: its shell replaced (or removed), fields replaced or removed. */
interface ModelEdit {
  shell?: ModelShell | null;
  fields: Map<string, Field | null>;
}

function rebuiltModel(model: Model | undefined, edit: ModelEdit): Model | null {
  if (edit.shell === null) return null;
  const shell = edit.shell ?? (model && ({ ...model, fieldIds: model.fields.map((f) => f.id) } as ModelShell));
  if (!shell) return null; // fields of a model that is not there: nothing to attach them to
  const { fieldIds, ...rest } = shell;
  const existing = new Map(model?.fields.map((f) => [f.id, f]));
  const fields = fieldIds.flatMap((id) => {
    const field = edit.fields.has(id) ? edit.fields.get(id) : existing.get(id);
    return field ? [field] : [];
  });
  const { fields: _fields, ...withoutFields } = rest as Model;
  return { ...withoutFields, fields };
}

/**
 * The graph with the changes made: elements replaced, added or removed. Models and enums
 * the changes do not touch stay the same objects (so the canvas redraws only what changed,
 * and the next diff skips them at once). New models and enums come after the others.
 */
export function applyChanges(graph: SchemaGraph, changes: ElementChange[]): SchemaGraph {
  if (!changes.length) return graph;
  let top: SchemaTop | undefined;
  const modelEdits = new Map<string, ModelEdit>();
  const enumEdits = new Map<string, Enum | null>();
  const edit = (id: string) => modelEdits.get(id) ?? modelEdits.set(id, { fields: new Map() }).get(id)!;
  for (const { key, value } of changes) {
    const { kind, id, modelId } = parseKey(key);
    if (kind === "schema") top = value as SchemaTop;
    else if (kind === "model") edit(id!).shell = value as ModelShell | null;
    else if (kind === "field") edit(modelId!).fields.set(id!, value as Field | null);
    else enumEdits.set(id!, value as Enum | null);
  }
  const known = new Set(graph.models.map((m) => m.id));
  const models = [
    ...graph.models.flatMap((model) => {
      const change = modelEdits.get(model.id);
      if (!change) return [model];
      const rebuilt = rebuiltModel(model, change);
      return rebuilt ? [rebuilt] : [];
    }),
    ...[...modelEdits].flatMap(([id, change]) => {
      if (known.has(id)) return [];
      const rebuilt = rebuiltModel(undefined, change);
      return rebuilt ? [rebuilt] : [];
    }),
  ];
  const knownEnums = new Set(graph.enums.map((e) => e.id));
  const enums = [
    ...graph.enums.flatMap((item) => {
      if (!enumEdits.has(item.id)) return [item];
      const next = enumEdits.get(item.id);
      return next ? [next] : [];
    }),
    ...[...enumEdits].flatMap(([id, item]) => (!knownEnums.has(id) && item ? [item] : [])),
  ];
  const { models: _m, enums: _e, order: _o, ...current } = graph;
  const result = top ?? current;
  const present = new Set([
    ...models.map((m) => m.id),
    ...enums.map((e) => e.id),
    ...(result.ignoredModels ?? []).map((m) => m.id),
  ]);
  const order = graph.order?.filter((id) => present.has(id));
  return { ...result, models, enums, ...(order ? { order } : {}) };
}
