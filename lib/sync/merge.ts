import type { SchemaGraph } from "../schema/graph";
import { elementsOf, modelKey, parseKey, type ElementChange, type ElementKey, type ElementValue } from "./patch";

/**
 * Whether a change made on an older version can be applied to the current one. Changes
 * that touch elements nobody else changed since are rebased (applied to the current graph);
 * a change to an element that a newer change touched is refused, naming the element, who
 * changed it and what it is now. Last writer wins nowhere in the schema.
 */

/** Who made a version: a tab (its client id), the file on disk, or the server itself. */
export interface ChangeRecord {
  version: number;
  by: string;
  changes: ElementChange[];
}

export interface Conflict {
  key: ElementKey;
  /** The element as a person reads it: `User`, `User.name`, `enum Role`. */
  element: string;
  /** Who changed it since the change's version. */
  by: string;
  /** What it is now (null: removed). */
  now: ElementValue | null;
}

/** `User`, `User.name`, `enum Role`: from the graph the element is (or was) in. */
export function elementLabel(key: ElementKey, ...graphs: SchemaGraph[]): string {
  const { kind, modelId, id } = parseKey(key);
  if (kind === "schema") return "the datasource and generators";
  for (const graph of graphs) {
    if (kind === "enum") {
      const found = graph.enums.find((e) => e.id === id);
      if (found) return `enum ${found.name}`;
      continue;
    }
    const model = graph.models.find((m) => m.id === (kind === "model" ? id : modelId));
    if (!model) continue;
    if (kind === "model") return model.name;
    const field = model.fields.find((f) => f.id === id);
    if (field) return `${model.name}.${field.name}`;
  }
  return key;
}

/**
 * The elements a change depends on: its own; for a removed model, its fields (removing a
 * model someone just edited a field of is a conflict); for a field, its model only when the
 * model is gone (editing a field of a model someone removed is one).
 */
function dependencies(change: ElementChange, current: Map<ElementKey, ElementValue>): ElementKey[] {
  const { kind, id, modelId } = parseKey(change.key);
  if (kind === "model" && change.value === null) {
    return [change.key, ...[...current.keys()].filter((key) => key.startsWith(`field:${id}/`))];
  }
  if (kind === "field" && !current.has(modelKey(modelId!))) return [change.key, modelKey(modelId!)];
  return [change.key];
}

/**
 * The conflicts of `changes`, made on version `base`, with what happened after it (`log`).
 * A change that sets an element to what it already is conflicts with nothing.
 */
export function conflictsOf(changes: ElementChange[], base: number, log: ChangeRecord[], current: SchemaGraph): Conflict[] {
  const newer = new Map<ElementKey, string>();
  for (const record of log) if (record.version > base) for (const change of record.changes) newer.set(change.key, record.by);
  if (!newer.size) return [];
  const elements = elementsOf(current);
  const conflicts: Conflict[] = [];
  for (const change of changes) {
    if (JSON.stringify(elements.get(change.key) ?? null) === JSON.stringify(change.value)) continue;
    const clash = dependencies(change, elements).find((key) => newer.has(key));
    if (clash) {
      conflicts.push({
        key: clash,
        element: elementLabel(clash, current),
        by: newer.get(clash)!,
        now: elements.get(clash) ?? null,
      });
    }
  }
  return conflicts;
}

/**
 * Changes that name what is not there: a field of a model that neither exists nor comes
 * with the change. (A forged or stale request; nothing of it is applied.)
 */
export function missingElements(changes: ElementChange[], current: SchemaGraph): string[] {
  const models = new Set(current.models.map((m) => m.id));
  for (const change of changes) {
    const { kind, id } = parseKey(change.key);
    if (kind === "model") {
      if (change.value) models.add(id!);
      else models.delete(id!);
    }
  }
  return changes.flatMap((change) => {
    const { kind, modelId } = parseKey(change.key);
    return kind === "field" && change.value !== null && !models.has(modelId!)
      ? [`${change.key}: its model ${modelId} does not exist`]
      : [];
  });
}

/**
 * A graph read from the file again, with the ids of the graph it replaces where names match
 * (a model by name, a field by name within it, an enum by name): an edit in an IDE keeps
 * what the canvas knows, and the change between the two is only what the file changed.
 * A model or enum the file did not change stays the very object it was, so that what
 * follows (the diff, the printing, a tab's redraw) skips it at once.
 */
export function keepIdentity(previous: SchemaGraph, reread: SchemaGraph): SchemaGraph {
  const models = new Map(previous.models.map((m) => [m.name, m]));
  const enums = new Map(previous.enums.map((e) => [e.name, e]));
  const ids = new Map<string, string>();
  const unchanged = <T>(was: T, now: T) => (JSON.stringify(was) === JSON.stringify(now) ? was : now);
  const result: SchemaGraph = {
    ...reread,
    models: reread.models.map((model) => {
      const was = models.get(model.name);
      if (!was) return model;
      ids.set(model.id, was.id);
      const fields = new Map(was.fields.map((f) => [f.name, f]));
      return unchanged(was, {
        ...model,
        id: was.id,
        fields: model.fields.map((f) => ({ ...f, id: fields.get(f.name)?.id ?? f.id })),
      });
    }),
    enums: reread.enums.map((item) => {
      const was = enums.get(item.name);
      if (!was) return item;
      ids.set(item.id, was.id);
      return unchanged(was, { ...item, id: was.id });
    }),
  };
  if (reread.order) result.order = reread.order.map((id) => ids.get(id) ?? id);
  return result;
}
