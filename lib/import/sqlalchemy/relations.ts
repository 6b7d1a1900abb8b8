import type { Field, Model } from "../../schema/graph";
import type { Dialect } from "../../schema/provider";
import { freeName, lowerFirst } from "../../schema/relations";
import { baseField, fieldLine, type Imported } from "./models";
import type { ImportNote, PyRelationship, PyTable } from "./reader";

/**
 * Foreign keys as Prisma relations: a relation field beside the key's columns and a back-relation
 * on the referenced model, named after the relationship() that SQLAlchemy declares for each side
 * where there is one (back_populates, backref, foreign_keys and primaryjoin disambiguate).
 */

interface ForeignKey {
  table: PyTable;
  columns: string[];
  targetTable: string;
  targetColumns: string[];
  onDelete?: string | null;
  onUpdate?: string | null;
  /** The constraint's name, as written. */
  name?: string | null;
  line: number;
}
const ACTIONS: Record<string, NonNullable<NonNullable<Field["relation"]>["onDelete"]>> = {
  CASCADE: "Cascade",
  "SET NULL": "SetNull",
  RESTRICT: "Restrict",
  "NO ACTION": "NoAction",
  "SET DEFAULT": "SetDefault",
};
const split = (target: string) => {
  const parts = target.split(".");
  return { table: parts.at(-2) ?? "", column: parts.at(-1) ?? "" };
};

/** Every foreign key of a table: column-level ForeignKey()s and ForeignKeyConstraint()s. */
function foreignKeysOf(table: PyTable, notes: ImportNote[]): ForeignKey[] {
  const found: ForeignKey[] = [];
  for (const column of table.columns)
    for (const fk of column.foreignKeys) {
      if (!fk.target)
        notes.push({ line: fk.line, text: column.name, why: "a foreign key whose target the importer cannot find" });
      else
        found.push({
          table,
          columns: [column.name],
          targetTable: split(fk.target).table,
          targetColumns: [split(fk.target).column],
          onDelete: fk.onDelete,
          name: fk.name,
          onUpdate: fk.onUpdate,
          line: fk.line,
        });
    }
  for (const constraint of table.constraints) {
    if (constraint.kind !== "foreignKey" || !constraint.targets?.length) continue;
    const targets = constraint.targets.map((t) => (t ? split(t) : null));
    if (targets.some((t) => !t) || new Set(targets.map((t) => t!.table)).size !== 1) {
      notes.push({
        line: constraint.line,
        text: constraint.name ?? "ForeignKeyConstraint",
        why: "a foreign key whose target the importer cannot find",
      });
      continue;
    }
    found.push({
      table,
      columns: constraint.columns,
      targetTable: targets[0]!.table,
      targetColumns: targets.map((t) => t!.column),
      onDelete: constraint.onDelete,
      name: constraint.name,
      onUpdate: constraint.onUpdate,
      line: constraint.line,
    });
  }
  return found;
}

const targetOf = (r: PyRelationship) => r.target ?? r.annotation?.type ?? null;
const isList = (r: PyRelationship) => r.uselist ?? r.annotation?.list ?? null;
/** How strongly a relationship's foreign_keys/primaryjoin point at a key: 2 it names it, 0 it names another. */
function pointsAt(r: PyRelationship, fk: ForeignKey, others: ForeignKey[]): number {
  const text = `${r.foreignKeys ?? ""} ${r.primaryjoin ?? ""}`;
  const names = (key: ForeignKey) => key.columns.map((c) => key.table.columns.find((col) => col.name === c)?.attr ?? c);
  const named = (key: ForeignKey) => names(key).some((n) => new RegExp(`\\b${n}\\b`).test(text));
  if (named(fk)) return 2;
  return others.some((o) => o !== fk && named(o)) ? 0 : 1;
}
function best(candidates: PyRelationship[], fk: ForeignKey, others: ForeignKey[]): PyRelationship | undefined {
  const scored = candidates.map((r) => ({ r, score: pointsAt(r, fk, others) })).filter((c) => c.score > 0);
  return scored.sort((a, b) => b.score - a.score)[0]?.r;
}

/**
 * The relationship() on the referenced class that lists this key's rows: one naming this class,
 * else (a class or Table() used as `secondary=`) one going through this table.
 */
function backOf(
  table: PyTable,
  target: PyTable,
  forward: PyRelationship | undefined,
  fk: ForeignKey,
  siblings: ForeignKey[],
  used: Set<PyRelationship>,
) {
  const open = target.relationships.filter((r) => !used.has(r) && !r.viewonly);
  const direct = open.filter(
    (r) =>
      table.className &&
      !r.secondary &&
      targetOf(r) === table.className &&
      !r.remoteSide &&
      (!forward?.backPopulates || r.attr === forward.backPopulates) &&
      (!r.backPopulates || !forward || r.backPopulates === forward.attr),
  );
  return (
    best(direct, fk, siblings) ??
    best(
      open.filter((r) => r.secondary === table.name),
      fk,
      siblings,
    )
  );
}

function isUniqueSet(model: Model, fields: Field[]): boolean {
  const names = fields
    .map((f) => f.name)
    .sort()
    .join(",");
  if (fields.length === 1 && (fields[0].isId || fields[0].isUnique)) return true;
  return [model.primaryKey, ...model.uniques].some((i) => i && [...i.fields].sort().join(",") === names);
}

interface ResolvedKey {
  fk: ForeignKey;
  target: PyTable;
  model: Model;
  targetModel: Model;
  fkFields: Field[];
  referenced: Field[];
}

/** A key whose both ends are fields of this file, the referenced ones unique; else noted, and null. */
function resolve(fk: ForeignKey, byTable: Map<string, PyTable>, imported: Imported, notes: ImportNote[]): ResolvedKey | null {
  const target = byTable.get(fk.targetTable);
  const refused = (text: string, why: string): null => {
    notes.push({ line: fk.line, text, why });
    return null;
  };
  if (!target)
    return refused(
      `${fk.targetTable}.${fk.targetColumns.join(", ")}`,
      `a foreign key to ${fk.targetTable}, which is not a table in this file`,
    );
  const targetModel = imported.modelOf.get(target.name)!;
  const fkFields = fk.columns.map((c) => imported.fieldOf(fk.table.name, c));
  const referenced = fk.targetColumns.map((c) => imported.fieldOf(target.name, c));
  if (fkFields.some((f) => !f) || referenced.some((f) => !f))
    return refused(fk.columns.join(", "), "a foreign key over columns that are not in its tables");
  if (!isUniqueSet(targetModel, referenced as Field[]))
    return refused(
      `${fk.targetTable}.${fk.targetColumns.join(", ")}`,
      "a foreign key to columns that are not unique; Prisma relations need a unique target, so it is a plain column",
    );
  const model = imported.modelOf.get(fk.table.name)!;
  return { fk, target, model, targetModel, fkFields: fkFields as Field[], referenced: referenced as Field[] };
}

/** The relationship()s that name each side of a key: the many-to-one beside it, the list on the other class. */
function sidesOf({ fk, target }: ResolvedKey, keys: ForeignKey[], used: Set<PyRelationship>) {
  const table = fk.table;
  const self = table.name === target.name;
  const siblings = keys.filter((k) => k.table === table && k.targetTable === fk.targetTable);
  const forward = table.className
    ? best(
        table.relationships.filter(
          (r) =>
            !used.has(r) &&
            !r.secondary &&
            targetOf(r) === target.className &&
            isList(r) !== true &&
            (!self || r.remoteSide || isList(r) === false),
        ),
        fk,
        siblings,
      )
    : undefined;
  if (forward) used.add(forward);
  const back = target.className ? backOf(table, target, forward, fk, siblings, used) : undefined;
  if (back) used.add(back);
  return { forward, back };
}

/** Whether the key is one-to-one: unique already, or declared so by its back relationship (a unique constraint is then added, and said). */
function oneToOne(
  { fk, model, targetModel, fkFields }: ResolvedKey,
  back: PyRelationship | undefined,
  notes: ImportNote[],
): boolean {
  if (!fk.table.className) return false;
  if (isUniqueSet(model, fkFields)) return true;
  const declared =
    back?.uselist === false ||
    (back !== undefined && !back.secondary && back.annotation !== null && !back.annotation.list && back.uselist !== true);
  if (!declared) return false;
  if (fkFields.length === 1) fkFields[0].isUnique = true;
  else model.uniques.push({ fields: fkFields.map((f) => f.name) });
  notes.push({
    line: back!.line,
    text: `${targetModel.name}.${back!.attr}`,
    why: `a one-to-one relationship (uselist=False or a single Mapped[...]): Prisma needs ${model.name}.${fkFields.map((f) => f.name).join(", ")} unique, so a unique constraint is added`,
  });
  return true;
}

/** The @relation(...) of the key's side: fields, references, actions and, on PostgreSQL, its name. */
function relationOf(key: ResolvedKey, name: string | undefined, cascade: boolean, dialect: Dialect, notes: ImportNote[]) {
  const { fk } = key;
  const onDelete = ACTIONS[(fk.onDelete ?? "").toUpperCase()] ?? (cascade ? "Cascade" : undefined);
  const onUpdate = ACTIONS[(fk.onUpdate ?? "").toUpperCase()];
  if (fk.name && dialect !== "postgresql")
    notes.push({
      line: fk.line,
      text: fk.name,
      why: "a foreign key name; Prisma's SQLite connector names none, so it is left out",
    });
  return {
    ...(name ? { name } : {}),
    fields: key.fkFields.map((f) => f.name),
    references: key.referenced.map((f) => f.name),
    ...(onDelete ? { onDelete } : {}),
    ...(onUpdate ? { onUpdate } : {}),
    ...(fk.name && dialect === "postgresql" ? { dbName: fk.name } : {}),
  };
}

export function importRelations(
  tables: PyTable[],
  imported: Imported,
  dialect: Dialect,
  notes: ImportNote[],
): Set<PyRelationship> {
  const byTable = new Map(tables.map((t) => [t.name, t]));
  const used = new Set<PyRelationship>();
  const keys = tables.flatMap((t) => foreignKeysOf(t, notes));
  const pairKey = (a: string, b: string) => [a, b].sort().join("|");
  const pairs = new Map<string, number>();
  for (const fk of keys)
    pairs.set(pairKey(fk.table.name, fk.targetTable), (pairs.get(pairKey(fk.table.name, fk.targetTable)) ?? 0) + 1);

  for (const fk of keys) {
    const key = resolve(fk, byTable, imported, notes);
    if (!key) continue;
    const { model, targetModel, fkFields } = key;
    const { forward, back } = sidesOf(key, keys, used);
    // Two relations between the same models (or one to itself) need names on both sides.
    const named = (pairs.get(pairKey(fk.table.name, fk.targetTable)) ?? 0) > 1 || fk.table.name === fk.targetTable;
    const relationName = named ? `${model.name}_${fk.columns.join("_")}` : undefined;
    const single = oneToOne(key, back, notes);

    const forwardName =
      forward?.attr ??
      back?.backref ??
      freeName(model, fk.columns.length === 1 && named ? stripId(fkFields[0].name) : lowerFirst(targetModel.name));
    const forwardField = baseField(forwardName, targetModel.name, "object");
    forwardField.optional = fkFields.some((f) => f.optional);
    const cascade = /delete/.test(back?.cascade ?? "") || /delete/.test(forward?.cascade ?? "");
    forwardField.relation = relationOf(key, relationName, cascade, dialect, notes);
    place(model, forwardField, forward?.line ?? fkFields.at(-1)!);

    const backName =
      back?.attr ?? forward?.backref ?? freeName(targetModel, single ? lowerFirst(model.name) : `${lowerFirst(model.name)}s`);
    const backField = baseField(backName, model.name, "object");
    Object.assign(backField, { list: !single, optional: single, relation: relationName ? { name: relationName } : {} });
    place(targetModel, backField, back?.line);
  }
  return used;
}

const stripId = (name: string) => name.replace(/_?[iI][dD]$/, "") || name;
const DECLARED = new WeakSet<Field>();
/** A relation field goes where its relationship() is written, else after its key, else last. */
function place(model: Model, field: Field, after: number | Field | undefined): void {
  if (typeof after === "object") {
    model.fields.splice(model.fields.indexOf(after) + 1, 0, field);
    return;
  }
  if (after === undefined) {
    model.fields.push(field);
    return;
  }
  fieldLine.set(field, after);
  DECLARED.add(field);
  model.fields.push(field);
}

/** Relation fields declared in the class move to the place of their relationship(). */
export function orderDeclared(model: Model): void {
  const declared = model.fields.filter((f) => DECLARED.has(f));
  const rest = model.fields.filter((f) => !DECLARED.has(f));
  for (const field of declared) {
    const line = fieldLine.get(field)!;
    const before = rest.findLastIndex((f) => (fieldLine.get(f) ?? Infinity) < line);
    rest.splice(before + 1, 0, field);
  }
  model.fields = rest;
}
