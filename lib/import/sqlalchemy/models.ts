import type { Enum, Field, Model, VerbatimField } from "../../schema/graph";
import type { Dialect } from "../../schema/provider";
import { applyDefaults } from "./defaults";
import { mappedType } from "./types";
import type { ImportNote, PyColumn, PyEnum, PyTable, PyType } from "./reader";

/**
 * The tables of a models.py as Prisma models: one field per column, with its type, nullability,
 * keys, defaults and indexes, and the enums the columns use. Relations come after (relations.ts).
 */

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;

/** A name Prisma accepts: `in progress` -> `in_progress`, `_password` -> `password`, `2fa` -> `v2fa`. */
function identifier(raw: string): string {
  const cleaned = raw.replace(/[^A-Za-z0-9_]/g, "_").replace(/^_+(?=[A-Za-z0-9])/, "");
  return IDENTIFIER.test(cleaned) ? cleaned : `v${cleaned}`;
}
const pascal = (raw: string) =>
  identifier(
    raw
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
      .join(""),
  );

/** The line each field's column (or relationship) is written on. */
export const fieldLine = new WeakMap<Field, number>();

export function baseField(name: string, type: string, kind: Field["kind"] = "scalar"): Field {
  return {
    id: `field:${name}:${Math.random().toString(36).slice(2)}`,
    name,
    type,
    kind,
    list: false,
    optional: false,
    isId: false,
    isUnique: false,
    updatedAt: false,
  };
}

export interface Imported {
  models: Model[];
  enums: Enum[];
  /** Each table's model, by table name. */
  modelOf: Map<string, Model>;
  /** A table's field for a column name. */
  fieldOf: (table: string, column: string) => Field | undefined;
}

/** Prisma enums for the columns' Enum types, made once per enum class or inline value list. */
class Enums {
  readonly used: Enum[] = [];
  private byKey = new Map<string, Enum>();
  constructor(
    private classes: Map<string, PyEnum>,
    private dialect: Dialect,
  ) {}

  nameFor(type: PyType, table: PyTable, column: PyColumn): string | null {
    const members = type.enum
      ? this.classes.get(type.enum)?.members.map((m) => ({ name: m.name, stored: type.valuesCallable ? m.value : m.name }))
      : type.values?.filter((v): v is string => typeof v === "string").map((v) => ({ name: identifier(v), stored: v }));
    if (!members?.length) return null;
    const name = type.enum ?? pascal(String(type.kwargs.name ?? `${table.className ?? table.name}_${column.name}`));
    const key = `${name}:${JSON.stringify(members)}`;
    if (!this.byKey.has(key)) {
      const taken = this.used.some((e) => e.name === name);
      const made: Enum = {
        id: `enum:${name}`,
        name: taken ? `${name}${this.used.length}` : name,
        ...this.typeName(type, name),
        values: members.map((m) => ({ name: m.name, ...(String(m.stored) !== m.name ? { dbName: String(m.stored) } : {}) })),
      };
      this.byKey.set(key, made);
      this.used.push(made);
    }
    return this.byKey.get(key)!.name;
  }

  /** On PostgreSQL, the enum type's name SQLAlchemy creates: name=, else the class name in lower case. */
  private typeName(type: PyType, name: string): { dbName?: string } {
    const typeName = typeof type.kwargs.name === "string" ? type.kwargs.name : type.enum?.toLowerCase();
    return this.dialect === "postgresql" && typeName && typeName !== name ? { dbName: typeName } : {};
  }

  /** The Prisma value a default names: a member (Status.draft) or a stored value ("draft"). */
  valueOf(enumName: string, raw: unknown): string | null {
    const found = this.used.find((e) => e.name === enumName);
    const value = found?.values.find((v) => v.name === raw || v.dbName === raw);
    return value?.name ?? null;
  }
}

function modelName(table: PyTable, taken: Set<string>): string {
  let name = table.className ?? pascal(table.name);
  while (taken.has(name)) name = `${name}Table`;
  taken.add(name);
  return name;
}

interface ColumnContext {
  table: PyTable;
  enums: Enums;
  dialect: Dialect;
  notes: ImportNote[];
}

/** A column's field, or `Unsupported("...")` kept as written when Prisma has no type for it. */
function columnField(column: PyColumn, { table, enums, dialect, notes }: ColumnContext): Field | Omit<VerbatimField, "after"> {
  const name = identifier(column.attr ?? column.name);
  const type = mappedType(column, dialect, (t, c) => enums.nameFor(t, table, c), notes);
  if (!type && !column.foreignKeys.length)
    notes.push({
      line: column.line,
      text: name,
      why: `a column type the importer does not know (${column.type?.name ?? column.annotation?.type ?? "none"}); imported as String`,
    });
  const optional = column.nullable ?? (column.annotation ? column.annotation.optional : !column.primaryKey);
  const mapped = column.name !== name ? ` @map(${JSON.stringify(column.name)})` : "";
  if (type?.unsupported) {
    const written = `${type.type}${optional ? "?" : ""}`;
    return { id: `field:${name}`, name, text: `${name} ${written}${mapped}`, type: written, reason: "unsupported" };
  }
  const field = baseField(name, type?.type ?? "String", type?.kind ?? "scalar");
  if (mapped) field.dbName = column.name;
  field.optional = optional && !type?.list;
  if (type?.list) field.list = true;
  if (type?.maxLength) field.maxLength = type.maxLength;
  if (type?.nativeType) field.nativeType = type.nativeType;
  if (column.comment) field.documentation = column.comment;
  applyDefaults(field, column, dialect, (raw) => (field.kind === "enum" ? enums.valueOf(field.type, raw) : null), notes);
  fieldLine.set(field, column.line);
  return field;
}

/** Keys and indexes: primary_key=, unique=, index= on columns, then the table's constraints. */
function applyKeys(
  table: PyTable,
  model: Model,
  fieldOf: (column: string) => Field | undefined,
  { dialect, notes }: ColumnContext,
) {
  const constraint = table.constraints.find((c) => c.kind === "primaryKey");
  const keyed = constraint?.columns ?? table.columns.filter((c) => c.primaryKey).map((c) => c.name);
  const keyFields = keyed.map(fieldOf).filter((f): f is Field => Boolean(f));
  for (const field of keyFields) field.optional = false;
  if (keyFields.length === 1) {
    keyFields[0].isId = true;
    const column = table.columns.find((c) => c.name === keyed[0]);
    if (
      ["Int", "BigInt"].includes(keyFields[0].type) &&
      column?.autoincrement !== false &&
      !column?.foreignKeys.length &&
      !keyFields[0].default
    )
      keyFields[0].default = "autoincrement()";
  } else if (keyFields.length > 1) model.primaryKey = { fields: keyFields.map((f) => f.name) };
  if (constraint?.name && dialect === "postgresql") {
    if (model.primaryKey) model.primaryKey.dbName = constraint.name;
    else if (keyFields.length === 1) keyFields[0].idDbName = constraint.name;
  } else if (constraint?.name)
    notes.push({ line: constraint.line, text: constraint.name, why: "a primary key name; SQLite keeps none, so it is left out" });
  for (const column of table.columns) {
    const field = fieldOf(column.name)!;
    if (column.unique && !field.isId) {
      field.isUnique = true;
      if (column.index) field.uniqueDbName = `ix_${table.name}_${column.name}`;
    } else if (column.index && !field.isId)
      model.indexes.push({ fields: [field.name], dbName: `ix_${table.name}_${column.name}` });
  }
  for (const constraint of table.constraints) {
    if (constraint.kind !== "unique" && constraint.kind !== "index") continue;
    const fields = constraint.columns.map(fieldOf);
    if (!fields.length || fields.some((f) => !f)) {
      notes.push({
        line: constraint.line,
        text: constraint.name ?? constraint.kind,
        why: `an index over columns that are not all in ${table.name}`,
      });
      continue;
    }
    const index = { fields: fields.map((f) => f!.name), ...(constraint.name ? { dbName: constraint.name } : {}) };
    const list = constraint.kind === "unique" ? model.uniques : model.indexes;
    if (!list.some((i) => i.dbName && i.dbName === index.dbName)) list.push(index);
  }
}

export function importTables(tables: PyTable[], pyEnums: PyEnum[], dialect: Dialect, notes: ImportNote[]): Imported {
  const enums = new Enums(new Map(pyEnums.map((e) => [e.name, e])), dialect);
  const taken = new Set<string>();
  const modelOf = new Map<string, Model>();
  const fields = new Map<string, Map<string, Field>>();
  const untyped: [PyColumn, Field][] = [];
  for (const table of tables) {
    const name = modelName(table, taken);
    const model: Model = {
      id: `model:${name}`,
      name,
      ...(table.name !== name ? { dbName: table.name } : {}),
      fields: [],
      uniques: [],
      indexes: [],
    };
    const byColumn = new Map<string, Field>();
    const context = { table, enums, dialect, notes };
    for (const column of table.columns) {
      const field = columnField(column, context);
      if ("reason" in field) {
        (model.verbatimFields ??= []).push({ ...field, ...(model.fields.length ? { after: model.fields.at(-1)!.id } : {}) });
        continue;
      }
      model.fields.push(field);
      byColumn.set(column.name, field);
      if (!column.type && !column.annotation?.type && column.foreignKeys.length) untyped.push([column, field]);
    }
    applyKeys(table, model, (column) => byColumn.get(column), context);
    modelOf.set(table.name, model);
    fields.set(table.name, byColumn);
  }
  const fieldOf = (table: string, column: string) => fields.get(table)?.get(column);
  typeFromKeys(untyped, fieldOf, notes);
  return {
    models: [...modelOf.values()],
    enums: enums.used,
    modelOf,
    fieldOf,
  };
}

/** A column typed only by its ForeignKey takes the referenced column's type, as SQLAlchemy does. */
function typeFromKeys(untyped: [PyColumn, Field][], fieldOf: Imported["fieldOf"], notes: ImportNote[]) {
  const pending = new Map(untyped);
  for (let pass = 0; pass < 8 && pending.size; pass++)
    for (const [column, field] of pending) {
      const [table, target] = column.foreignKeys[0].target?.split(".").slice(-2) ?? [];
      const referenced = table ? fieldOf(table, target) : undefined;
      if (!referenced || [...pending.values()].includes(referenced)) continue;
      Object.assign(
        field,
        { type: referenced.type, kind: referenced.kind },
        referenced.maxLength ? { maxLength: referenced.maxLength } : {},
        referenced.nativeType ? { nativeType: referenced.nativeType } : {},
      );
      pending.delete(column);
    }
  for (const [column, field] of pending)
    notes.push({
      line: column.line,
      text: field.name,
      why: "a column typed only by a foreign key the importer cannot follow; imported as String",
    });
}
