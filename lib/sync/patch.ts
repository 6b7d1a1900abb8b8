import type { Enum, Field, Model, SchemaGraph } from "../schema/graph";

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
  const old = elementsOf(without(before, after));
  const now = elementsOf(without(after, before));
  const changes: ElementChange[] = [];
  for (const [key, value] of now) if (!old.has(key) || !same(old.get(key), value)) changes.push({ key, value });
  for (const key of old.keys()) if (!now.has(key)) changes.push({ key, value: null });
  return changes;
}

/** `graph` without the models and enums it shares (as objects) with `other`. */
function without(graph: SchemaGraph, other: SchemaGraph): SchemaGraph {
  const models = new Set(other.models);
  const enums = new Set(other.enums);
  return { ...graph, models: graph.models.filter((m) => !models.has(m)), enums: graph.enums.filter((e) => !enums.has(e)) };
}

/**
 * The graph with the changes made: elements replaced, added or removed. New models and enums
 * come after the others (in the order the changes name them); the file's block order follows.
 */
export function applyChanges(graph: SchemaGraph, changes: ElementChange[]): SchemaGraph {
  if (!changes.length) return graph;
  const elements = elementsOf(graph);
  const modelOrder = graph.models.map((m) => m.id);
  const enumOrder = graph.enums.map((e) => e.id);
  for (const { key, value } of changes) {
    const { kind, id } = parseKey(key);
    if (value === null) elements.delete(key);
    else elements.set(key, value);
    if (kind === "model" && value && !modelOrder.includes(id!)) modelOrder.push(id!);
    if (kind === "enum" && value && !enumOrder.includes(id!)) enumOrder.push(id!);
  }
  const top = elements.get(SCHEMA_KEY) as SchemaTop;
  const models = modelOrder.flatMap((id) => {
    const shell = elements.get(modelKey(id)) as ModelShell | undefined;
    if (!shell) return [];
    const { fieldIds, ...model } = shell;
    const fields = fieldIds.flatMap((fieldId) => {
      const field = elements.get(fieldKey(id, fieldId)) as Field | undefined;
      return field ? [field] : [];
    });
    return [{ ...model, fields } as Model];
  });
  const enums = enumOrder.flatMap((id) => {
    const item = elements.get(enumKey(id)) as Enum | undefined;
    return item ? [item] : [];
  });
  const present = new Set([...models.map((m) => m.id), ...enums.map((e) => e.id), ...(top.ignoredModels ?? []).map((m) => m.id)]);
  const order = graph.order?.filter((id) => present.has(id));
  return { ...top, models, enums, ...(order ? { order } : {}) };
}
