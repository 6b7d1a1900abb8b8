import type { Field, Model, SchemaGraph } from "./graph";
import { dialectOf, type Dialect } from "./provider";

/**
 * A schema moved to another database, as a user who switches provider would have to rewrite
 * it by hand: what the target cannot hold is converted where a faithful form exists, dropped
 * with a note where it only tuned the old database, and refused where dropping it would
 * change what the schema means.
 *
 * - To PostgreSQL: a String's `/// @maxLength(n)` becomes `@db.VarChar(n)`.
 * - To SQLite: `@db.VarChar(n)` and `@db.Char(n)` become `/// @maxLength(n)`; other native
 *   types, index methods and operator classes, and the datasource's `extensions` are dropped,
 *   each named in a note; scalar lists (`String[]`) and several database schemas are refused
 *   (SQLite has neither).
 * The revision that follows is a clean first one on the new database (lib/migrate/plan).
 */

export type SwitchResult = { ok: true; graph: SchemaGraph; notes: string[] } | { ok: false; reason: string };

const PROVIDER: Record<Dialect, SchemaGraph["datasource"]["provider"]> = { sqlite: "sqlite", postgresql: "postgresql" };

const lengthOf = (nativeType: string | undefined) => /^(?:VarChar|Char)\((\d+)\)$/.exec(nativeType ?? "")?.[1];

function toPostgres(field: Field, notes: string[], model: Model): Field {
  if (field.type !== "String" || !field.maxLength || field.nativeType) return field;
  notes.push(`${model.name}.${field.name}: /// @maxLength(${field.maxLength}) became @db.VarChar(${field.maxLength}).`);
  const { maxLength, ...rest } = field;
  return { ...rest, nativeType: `VarChar(${maxLength})` };
}

function toSqlite(field: Field, notes: string[], model: Model): Field {
  if (!field.nativeType) return field;
  const { nativeType, ...rest } = field;
  const length = lengthOf(nativeType);
  if (length) {
    notes.push(`${model.name}.${field.name}: @db.${nativeType} became /// @maxLength(${length}).`);
    return { ...rest, maxLength: Number(length) };
  }
  notes.push(`${model.name}.${field.name}: @db.${nativeType} was dropped (SQLite has no such column type).`);
  return rest;
}

function sqliteIndexes(model: Model, notes: string[]): Model {
  const plain = (index: Model["indexes"][number]) => {
    if (!index.type && !index.ops) return index;
    notes.push(`${model.name}: the index on ${index.fields.join(", ")} lost its PostgreSQL method or operator classes.`);
    const { type: _type, ops: _ops, ...rest } = index;
    return rest;
  };
  return { ...model, indexes: model.indexes.map(plain), uniques: model.uniques.map(plain) };
}

export function switchProvider(graph: SchemaGraph, to: Dialect): SwitchResult {
  const from = dialectOf(graph.datasource.provider);
  if (from === to) return { ok: true, graph, notes: [] };
  const notes: string[] = [];
  const config = graph.datasource.config ?? [];
  if (to === "sqlite") {
    const lists = graph.models.flatMap((m) =>
      m.fields.filter((f) => f.list && f.kind !== "object").map((f) => `${m.name}.${f.name}`),
    );
    if (lists.length) return { ok: false, reason: `SQLite has no scalar lists: ${lists.join(", ")} would have nowhere to go.` };
    if (config.some(([key]) => key === "schemas"))
      return { ok: false, reason: "SQLite has one schema per file: the datasource's schemas = [...] would have nowhere to go." };
    if (config.some(([key]) => key === "extensions")) notes.push("The datasource's extensions were dropped (SQLite has none).");
  }
  const models = graph.models.map((model) => {
    const convert = to === "postgresql" ? toPostgres : toSqlite;
    const converted = { ...model, fields: model.fields.map((field) => convert(field, notes, model)) };
    return to === "sqlite" ? sqliteIndexes(converted, notes) : converted;
  });
  const datasource = {
    ...graph.datasource,
    provider: PROVIDER[to],
    ...(graph.datasource.config && { config: config.filter(([key]) => to !== "sqlite" || key !== "extensions") }),
  };
  return { ok: true, graph: { ...graph, datasource, models }, notes };
}
