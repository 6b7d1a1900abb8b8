/**
 * Analysis of the schema graph: which columns each table's rows fill, the relations they
 * set, the unique sets to keep unique, the implicit many-to-many join tables, and the
 * insert order (parents before children; cycles deferred).
 */

import { tableName as tableOf, type Field, type Model, type SchemaGraph } from "../../schema/graph";
import { dialectOf } from "../../schema/provider";
import { relationNameOf } from "../../schema/relations";
import { columnName } from "../../schema/graph";
import { countable, numericType } from "../sample-values";
import { SampleRefused } from "./types";

const SCALARS = new Set(["String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Json", "Bytes"]);

// ---------------------------------------------------------------------------------------
// What the schema asks for: columns, relations, unique sets, insert order.

interface ColumnSpec {
  name: string;
  field: Field;
  /** Set by this relation rather than generated. */
  relation?: RelationSpec;
  /** Generated around a counter because it keeps a unique set unique. */
  counter?: boolean;
  /** ...a numeric counter, which starts above the largest value in the table. */
  numeric?: boolean;
}

export interface RelationSpec {
  label: string;
  parent: string;
  parentModel: Model;
  /** The child's foreign-key columns (indexes into its columns) and the parent columns they reference. */
  columns: number[];
  references: string[];
  optional: boolean;
  /** One-to-one: the foreign key is unique, so each parent is used once. */
  unique?: UniqueSpec;
  self: boolean;
  /** A referenced column may be NULL in the parent (a `String? @unique`). */
  nullableReference: boolean;
  /** The parent comes later in the insert order (a cycle): filled once every table is planned. */
  deferred: boolean;
  /**
   * Relations of this table that share a column with this one (a composite key that repeats
   * a tenant id), required ones and wider keys first: filled together, each later one
   * matching what the earlier ones set.
   */
  group?: RelationSpec[];
}

export interface UniqueSpec {
  names: string[];
  columns: number[];
  /** What changes when a row's values are taken: a counter column, the one-to-one relation, or a re-roll of all. */
  fixer: number | "relation" | "reroll";
  relation?: RelationSpec;
  /** Keeps the taken values in a set (not needed when a numeric counter makes every value new). */
  checked: boolean;
}

export interface TableSpec {
  model: Model;
  table: string;
  columns: ColumnSpec[];
  relations: RelationSpec[];
  uniques: UniqueSpec[];
}

export interface JoinSpec {
  table: string;
  label: string;
  a: { table: string; column: string };
  b: { table: string; column: string };
}

export interface Analysis {
  tables: TableSpec[];
  joins: JoinSpec[];
  /** Per table, the columns children and join tables point at: all a table's rows must keep once inserted. */
  keys: Map<string, string[]>;
  /** Per table, the optional foreign-key columns into tables inserted later (see PlannedTable.fillLater). */
  fillLater: Map<string, string[]>;
  /** A cycle of required foreign keys (see SamplePlan.deferForeignKeys). */
  deferForeignKeys: boolean;
  /** The database has scalar lists (PostgreSQL): `String[]` columns are filled too. */
  lists: boolean;
}

function idColumn(model: Model): string | undefined {
  const id =
    model.fields.find((f) => f.isId) ??
    model.fields.find((f) => model.primaryKey?.fields.length === 1 && f.name === model.primaryKey.fields[0]);
  return id && columnName(id);
}

export function analyze(graph: SchemaGraph): Analysis {
  const lists = dialectOf(graph.datasource.provider) === "postgresql";
  const models = graph.models.filter((m) => !m.isView);
  const byName = new Map(models.map((m) => [m.name, m]));
  const specs = models.map((model): TableSpec => {
    const columns: ColumnSpec[] = [];
    for (const field of model.fields) {
      if (field.kind === "object" || (field.list && !lists)) continue;
      // dbgenerated("expression") becomes the column's DEFAULT: the database fills it. A bare dbgenerated() does not.
      if (/^dbgenerated\(.+\)$/.test(field.default ?? "")) continue;
      if (field.kind === "scalar" && !SCALARS.has(field.type)) {
        if (field.optional || field.default) continue;
        throw new SampleRefused(`${model.name}.${field.name} has type ${field.type}, which sample data cannot fill.`);
      }
      columns.push({ name: columnName(field), field });
    }
    const indexOf = (fieldName: string) => columns.findIndex((c) => c.field.name === fieldName);

    const relations: RelationSpec[] = [];
    for (const field of model.fields) {
      if (field.kind !== "object" || !field.relation?.fields?.length) continue;
      const parentModel = byName.get(field.type);
      const indexes = field.relation.fields.map(indexOf);
      if (!parentModel || indexes.some((i) => i < 0)) continue;
      const referenced = (field.relation.references ?? []).map((name) => parentModel.fields.find((f) => f.name === name));
      const references = referenced.map((f, i) => (f ? columnName(f) : field.relation!.references![i]));
      const relation: RelationSpec = {
        label: `${model.name}.${field.name}`,
        parent: tableOf(parentModel),
        parentModel,
        columns: indexes,
        references,
        optional: indexes.some((i) => columns[i].field.optional),
        self: parentModel === model,
        nullableReference: referenced.some((f) => f?.optional),
        deferred: false,
      };
      for (const i of indexes) columns[i].relation = relation;
      relations.push(relation);
    }
    // Foreign keys that share a column: [conversationId, projectId] and [runId, projectId] must agree on projectId.
    const groups = relations.map((r) => [r]);
    for (let a = 0; a < relations.length; a++) {
      for (let b = a + 1; b < relations.length; b++) {
        if (groups[a] === groups[b] || !relations[a].columns.some((c) => relations[b].columns.includes(c))) continue;
        const merged = [...groups[a], ...groups[b]];
        for (const r of merged) groups[relations.indexOf(r)] = merged;
      }
    }
    for (const group of new Set(groups)) {
      if (group.length < 2) continue;
      // Required before optional, other tables before the model itself, wider keys first: what
      // must hold decides the shared columns, and what may stay empty follows.
      const rank = (r: RelationSpec) => (r.optional ? 2 : 0) + (r.self ? 1 : 0);
      const ordered = [...group].sort(
        (x, y) => rank(x) - rank(y) || y.columns.length - x.columns.length || relations.indexOf(x) - relations.indexOf(y),
      );
      for (const r of ordered) r.group = ordered;
    }

    const sets = [
      ...model.fields.filter((f) => f.isId || f.isUnique).map((f) => [f.name]),
      ...(model.primaryKey ? [model.primaryKey.fields] : []),
      ...model.uniques.map((u) => u.fields),
    ];
    const uniques: UniqueSpec[] = [];
    const seen = new Set<string>();
    for (const fieldNames of sets) {
      const indexes = fieldNames.map(indexOf);
      const key = [...fieldNames].sort().join(",");
      if (indexes.some((i) => i < 0) || seen.has(key)) continue;
      seen.add(key);
      const unique: UniqueSpec = { names: indexes.map((i) => columns[i].name), columns: indexes, fixer: "reroll", checked: true };
      const sorted = [...indexes].sort().join(",");
      const relation = relations.find((r) => [...r.columns].sort().join(",") === sorted);
      if (relation) {
        unique.fixer = "relation";
        unique.relation = relation;
        relation.unique = unique;
      } else {
        // The last column that can take endless distinct values carries a counter: [year, number] numbers `number`.
        const fixer = indexes.filter((i) => !columns[i].relation && countable(columns[i].field)).at(-1);
        if (fixer !== undefined) {
          unique.fixer = fixer;
          columns[fixer].counter = true;
          if (numericType(columns[fixer].field)) {
            columns[fixer].numeric = true;
            unique.checked = false;
          }
        }
      }
      uniques.push(unique);
    }
    return { model, table: tableOf(model), columns, relations, uniques };
  });

  // A key the database fills in (dbgenerated) is not known to the plan, so nothing can point at it.
  for (const spec of specs) {
    for (const relation of spec.relations) {
      const parent = specs.find((s) => s.model === relation.parentModel)!;
      const unknown = relation.references.find((name) => !parent.columns.some((c) => c.name === name));
      if (unknown) {
        throw new SampleRefused(
          `${relation.label} points at ${parent.table}.${unknown}, which the database fills in itself, so sample rows cannot point at it.`,
        );
      }
    }
  }

  // Parents before children. Where a cycle allows no such order, a model whose remaining
  // parents are only optional goes first; the foreign keys to later tables are deferred.
  const ordered: TableSpec[] = [];
  const placed = new Set<Model>();
  const remaining = [...specs];
  const ready = (spec: TableSpec, requiredOnly: boolean) =>
    spec.relations.every((r) => r.self || placed.has(r.parentModel) || (requiredOnly && r.optional));
  while (remaining.length) {
    let index = remaining.findIndex((s) => ready(s, false));
    if (index < 0) index = remaining.findIndex((s) => ready(s, true));
    if (index < 0) index = 0;
    const [spec] = remaining.splice(index, 1);
    for (const r of spec.relations) r.deferred = !r.self && !placed.has(r.parentModel);
    placed.add(spec.model);
    ordered.push(spec);
  }

  // Implicit many-to-many relations: Prisma's `_AToB` tables, A pointing at the model whose name sorts first.
  const joins: JoinSpec[] = [];
  const joinNames = new Set<string>();
  for (const model of models) {
    for (const field of model.fields) {
      if (field.kind !== "object" || !field.list || field.relation?.fields?.length) continue;
      const other = byName.get(field.type);
      if (!other) continue;
      const name = relationNameOf(model, field);
      const opposite = other.fields.find(
        (f) => f !== field && f.kind === "object" && f.list && f.type === model.name && relationNameOf(other, f) === name,
      );
      if (!opposite || joinNames.has(name)) continue;
      joinNames.add(name);
      const [first, second] = model.name <= other.name ? [model, other] : [other, model];
      const a = idColumn(first);
      const b = idColumn(second);
      if (!a || !b) continue;
      joins.push({
        table: `_${name}`,
        label: `${model.name}.${field.name}`,
        a: { table: tableOf(first), column: a },
        b: { table: tableOf(second), column: b },
      });
    }
  }
  const keys = new Map<string, string[]>();
  const keep = (table: string, columns: string[]) => keys.set(table, [...new Set([...(keys.get(table) ?? []), ...columns])]);
  for (const spec of ordered) for (const relation of spec.relations) keep(relation.parent, relation.references);
  for (const join of joins) {
    keep(join.a.table, [join.a.column]);
    keep(join.b.table, [join.b.column]);
  }
  const fillLater = new Map<string, string[]>();
  let deferForeignKeys = false;
  for (const spec of ordered) {
    const later = new Set<string>();
    for (const relation of spec.relations.filter((r) => r.deferred)) {
      if (!relation.optional) deferForeignKeys = true;
      else for (const column of relation.columns) if (spec.columns[column].field.optional) later.add(spec.columns[column].name);
    }
    if (later.size)
      fillLater.set(
        spec.table,
        spec.columns.filter((c) => later.has(c.name)).map((c) => c.name),
      );
  }
  return { tables: ordered, joins, keys, fillLater, deferForeignKeys, lists };
}
