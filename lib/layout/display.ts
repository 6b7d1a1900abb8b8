import { modelMembers, type Model, type ModelMember } from "../schema/graph";

/**
 * How much of each table the canvas shows: every field; the keys and relations only (the
 * primary key, unique fields, foreign keys and relation fields: what a diagram of a big
 * schema is read for); or the table's name alone, its edges joining the tables.
 */
export const DISPLAY_MODES = ["all", "keys", "names"] as const;
export type DisplayMode = (typeof DISPLAY_MODES)[number];

export const DISPLAY_LABELS: Record<DisplayMode, string> = {
  all: "All fields",
  keys: "Keys and relations",
  names: "Table names",
};

/** The fields of a model that are keys: in its primary key or a unique, a foreign key, or a relation. */
function keyNames(model: Model): Set<string> {
  const names = new Set<string>();
  for (const field of model.fields) {
    if (field.isId || field.isUnique || field.kind === "object") names.add(field.name);
    for (const key of field.relation?.fields ?? []) names.add(key);
  }
  for (const index of [model.primaryKey, ...model.uniques]) for (const name of index?.fields ?? []) names.add(name);
  return names;
}

/** The rows a table shows in a display mode, in their printed order. */
export function shownMembers(model: Model, mode: DisplayMode): ModelMember[] {
  if (mode === "names") return [];
  const members = modelMembers(model);
  if (mode === "all") return members;
  const keys = keyNames(model);
  return members.filter((member) => !member.verbatim && keys.has(member.name));
}

export function isDisplayMode(value: unknown): value is DisplayMode {
  return (DISPLAY_MODES as readonly unknown[]).includes(value);
}
