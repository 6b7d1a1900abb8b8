import fs from "node:fs/promises";
import Database from "better-sqlite3";
import type { Project } from "../project/project";
import type { Field, Model, SchemaGraph } from "../schema/graph";
import { parseSchema } from "../schema/parse";
import { relationNameOf } from "../schema/relations";
import { quoteIdentifier } from "./catalogue";
import { columnName } from "./constraints";
import {
  countable,
  hashSeed,
  mulberry32,
  numericType,
  Pools,
  valueSource,
  type Rng,
  type SqlValue,
  type ValueSource,
} from "./sample-values";

/**
 * Sample data for any schema: N rows per table, parents before children, foreign keys
 * pointing at rows that exist, unique columns unique (also against the rows already
 * there), values that fit each column's type and name. Planning is pure: the schema, what
 * the database already holds and a seed decide every value, ids included, so the same
 * seed on the same database always gives the same rows. Inserting is one transaction,
 * a table at a time (planned, inserted, then let go but for its keys).
 */

export type { SqlValue };

/** A reason sample data cannot be generated that the user can act on. Nothing was written. */
export class SampleRefused extends Error {}

export interface SampleOptions {
  /** Rows per table, 1 to 1,000,000. */
  rows: number;
  /** Any integer: the same seed on the same database gives the same rows. */
  seed: number;
}

export const MAX_SAMPLE_ROWS = 1_000_000;

/**
 * What the database already holds that the plan must respect, per table (a table not listed
 * is empty). Column sets are keyed by their column names joined with ",".
 */
export interface ExistingTable {
  rows: number;
  /** Largest value of a column the plan numbers itself (autoincrement ids, unique numbers); null in an empty table. */
  max?: Record<string, number | null>;
  /**
   * The values of column sets, one tuple per row: the keys children may point at, and the
   * values unique columns already hold (for an implicit many-to-many table, its pairs "A,B").
   */
  values?: Record<string, SqlValue[][]>;
}
export type ExistingData = Record<string, ExistingTable>;

export interface PlannedTable {
  table: string;
  columns: string[];
  rows: SqlValue[][];
  /** Rows asked for; `rows.length` is smaller only when the schema allows no more (then `short` says why). */
  wanted: number;
  short?: string;
  /**
   * Optional foreign-key columns that point at a table inserted after this one (a cycle):
   * inserted NULL, then set to their planned values once every table is in.
   */
  fillLater?: string[];
}

export interface SamplePlan {
  /** In insert order: parents before children (tables in a cycle of required keys after the rest), join tables last. */
  tables: PlannedTable[];
  /**
   * A cycle of required foreign keys: no insert order satisfies them, so they are checked at
   * COMMIT (slower: SQLite then looks for children at every parent insert).
   */
  deferForeignKeys: boolean;
}

export interface SampleProgress {
  table: string;
  done: number;
  total: number;
}

export interface SampleResult {
  /** Per table, in insert order; `short` says why a table got fewer rows than asked (a one-to-one parent ran out...). */
  tables: { table: string; inserted: number; short?: string }[];
  /** Rows inserted in all. */
  rows: number;
  /** The whole call: reading the schema, checking the database, planning, inserting, committing. */
  ms: number;
}

const setKey = (columns: string[]) => columns.join(",");
const tableOf = (model: Model) => model.dbName ?? model.name;

const SCALARS = new Set(["String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Json", "Bytes"]);
/** Tries to find values that keep a row's unique columns unique before the row is dropped. */
const ATTEMPTS = 40;
/** Rows dropped in a row before a table is taken to be full (a Boolean @unique has two values). */
const GIVE_UP_AFTER = 100;
const YIELD_EVERY = 4096;

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

interface RelationSpec {
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

interface UniqueSpec {
  names: string[];
  columns: number[];
  /** What changes when a row's values are taken: a counter column, the one-to-one relation, or a re-roll of all. */
  fixer: number | "relation" | "reroll";
  relation?: RelationSpec;
  /** Keeps the taken values in a set (not needed when a numeric counter makes every value new). */
  checked: boolean;
}

interface TableSpec {
  model: Model;
  table: string;
  columns: ColumnSpec[];
  relations: RelationSpec[];
  uniques: UniqueSpec[];
}

interface JoinSpec {
  table: string;
  label: string;
  a: { table: string; column: string };
  b: { table: string; column: string };
}

interface Analysis {
  tables: TableSpec[];
  joins: JoinSpec[];
  /** Per table, the columns children and join tables point at: all a table's rows must keep once inserted. */
  keys: Map<string, string[]>;
  /** Per table, the optional foreign-key columns into tables inserted later (see PlannedTable.fillLater). */
  fillLater: Map<string, string[]>;
  /** A cycle of required foreign keys (see SamplePlan.deferForeignKeys). */
  deferForeignKeys: boolean;
}

function idColumn(model: Model): string | undefined {
  const id =
    model.fields.find((f) => f.isId) ??
    model.fields.find((f) => model.primaryKey?.fields.length === 1 && f.name === model.primaryKey.fields[0]);
  return id && columnName(id);
}

function analyze(graph: SchemaGraph): Analysis {
  const models = graph.models.filter((m) => !m.isView);
  const byName = new Map(models.map((m) => [m.name, m]));
  const specs = models.map((model): TableSpec => {
    const columns: ColumnSpec[] = [];
    for (const field of model.fields) {
      if (field.kind === "object" || field.list) continue;
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
  return { tables: ordered, joins, keys, fillLater, deferForeignKeys };
}

// ---------------------------------------------------------------------------------------
// What the database already holds.

function readExistingWith(database: Database.Database, analysis: Analysis): ExistingData {
  const wanted = new Map<string, { max: Set<string>; sets: Map<string, string[]> }>();
  const need = (table: string) => {
    let entry = wanted.get(table);
    if (!entry) wanted.set(table, (entry = { max: new Set(), sets: new Map() }));
    return entry;
  };
  for (const spec of analysis.tables) {
    const entry = need(spec.table);
    for (const column of spec.columns) if (column.numeric) entry.max.add(column.name);
    for (const unique of spec.uniques) if (unique.checked) entry.sets.set(setKey(unique.names), unique.names);
    for (const relation of spec.relations) need(relation.parent).sets.set(setKey(relation.references), relation.references);
  }
  for (const join of analysis.joins) {
    need(join.a.table).sets.set(join.a.column, [join.a.column]);
    need(join.b.table).sets.set(join.b.column, [join.b.column]);
    need(join.table).sets.set("A,B", ["A", "B"]);
  }
  const existing: ExistingData = {};
  for (const [table, entry] of wanted) {
    const rows = database
      .prepare(`SELECT count(*) FROM ${quoteIdentifier(table)}`)
      .pluck()
      .get() as number;
    if (!rows) continue;
    const max: Record<string, number | null> = {};
    for (const column of entry.max) {
      const value = database
        .prepare(`SELECT max(${quoteIdentifier(column)}) FROM ${quoteIdentifier(table)}`)
        .pluck()
        .get();
      max[column] = value === null || value === undefined ? null : Number(value);
    }
    // In rowid order: the plan picks parents by position, so the same database must list them the same way.
    const values: Record<string, SqlValue[][]> = {};
    for (const [key, columns] of entry.sets) {
      values[key] = database
        .prepare(`SELECT ${columns.map(quoteIdentifier).join(", ")} FROM ${quoteIdentifier(table)} ORDER BY rowid`)
        .raw()
        .all() as SqlValue[][];
    }
    existing[table] = { rows, max, values };
  }
  return existing;
}

/** What `planSampleRows` needs to know about the rows this database already holds. */
export function readExisting(database: Database.Database, graph: SchemaGraph): ExistingData {
  return readExistingWith(database, analyze(graph));
}

// ---------------------------------------------------------------------------------------
// The plan.

const keyOf = (value: SqlValue): string =>
  typeof value === "string" ? value : Buffer.isBuffer(value) ? `\u0002${value.toString("hex")}` : String(value);

/** The key of a unique set in a row, or null when a column is NULL (NULLs never collide). */
function tupleKey(row: SqlValue[], columns: number[]): string | null {
  if (columns.length === 1) {
    const value = row[columns[0]];
    return value === null || value === undefined ? null : keyOf(value);
  }
  let key = "";
  for (const column of columns) {
    const value = row[column];
    if (value === null || value === undefined) return null;
    key += `${keyOf(value)}\u0001`;
  }
  return key;
}

/** The rows a relation may point at: those already in the parent table, then the planned ones. */
interface ParentRows {
  existing: SqlValue[][];
  planned: SqlValue[][];
  /** Where the referenced columns sit in the parent's planned rows. */
  at: number[];
}

interface TableState {
  spec: TableSpec;
  planned: PlannedTable;
  rng: Rng;
  existingRows: number;
  sources: (ValueSource | undefined)[];
  counters: number[];
  taken: Map<UniqueSpec, Set<string>>;
  parents: Map<RelationSpec, ParentRows>;
  /** One-to-one relations: parents in a shuffled order, and how far it has been used. */
  shuffled: Map<RelationSpec, { order: Uint32Array; next: number }>;
  /** Overlapping foreign keys: the parents of a relation by the values of the columns already set. */
  lookups: Map<RelationSpec, Map<string, Map<string, number[]>>>;
  /** Why the last row was dropped. */
  reason?: string;
  full: boolean;
}

function checkOptions(options: SampleOptions): void {
  if (!Number.isInteger(options.rows) || options.rows < 1 || options.rows > MAX_SAMPLE_ROWS) {
    throw new SampleRefused(`Rows per table must be a whole number from 1 to 1,000,000, not ${options.rows}.`);
  }
  if (!Number.isSafeInteger(options.seed)) throw new SampleRefused(`The seed must be a whole number, not ${options.seed}.`);
}

/**
 * Plans `rows` rows for every table of the schema (and about as many pairs for each
 * implicit many-to-many table), given what the database already holds. Pure: the same
 * arguments always give the same plan.
 */
export function planSampleRows(graph: SchemaGraph, existing: ExistingData, options: SampleOptions): SamplePlan {
  const analysis = analyze(graph);
  return { tables: [...planSteps(graph, analysis, existing, options, false)], deferForeignKeys: analysis.deferForeignKeys };
}

/**
 * The plan, a table at a time in insert order, so that a caller can insert each table before
 * the next is planned. With `release`, a table's rows are dropped once the caller has had them
 * (only the key columns other tables point at are kept): a million rows in each of twenty
 * tables then never sit in memory at once. Tables whose keys are filled in a second pass
 * (cycles) are kept whole; those in a cycle of required keys come after the second pass.
 */
function* planSteps(
  graph: SchemaGraph,
  analysis: Analysis,
  existing: ExistingData,
  options: SampleOptions,
  release: boolean,
): Generator<PlannedTable, void, void> {
  checkOptions(options);
  const pools = new Pools(options.seed);
  const states = new Map<string, TableState>();
  const kept = new Map<string, { columns: string[]; rows: SqlValue[][] }>();
  const plannedRows = (table: string) => kept.get(table)?.rows ?? states.get(table)?.planned.rows ?? [];
  const plannedColumns = (table: string) => kept.get(table)?.columns ?? states.get(table)?.planned.columns ?? [];
  const heldBack: PlannedTable[] = [];
  for (const spec of analysis.tables) {
    const before = existing[spec.table];
    const existingRows = before?.rows ?? 0;
    const rng = mulberry32(hashSeed(options.seed, spec.table, existingRows));
    const state: TableState = {
      spec,
      planned: { table: spec.table, columns: spec.columns.map((c) => c.name), rows: [], wanted: options.rows },
      rng,
      existingRows,
      sources: [],
      counters: [],
      taken: new Map(),
      parents: new Map(),
      shuffled: new Map(),
      lookups: new Map(),
      full: false,
    };
    spec.columns.forEach((column, index) => {
      const max = before?.max?.[column.name];
      state.counters[index] = column.numeric ? Math.max(1, Math.floor(max ?? 0) + 1) : existingRows + 1;
      // Foreign-key columns get a source too: a required column of an optional composite key left empty needs a value.
      const enumValues =
        column.field.kind === "enum"
          ? graph.enums.find((e) => e.name === column.field.type)?.values.map((v) => v.dbName ?? v.name)
          : undefined;
      state.sources[index] = valueSource({
        model: spec.model,
        field: column.field,
        enumValues,
        unique: !!column.counter,
        pools,
        rng,
        rows: options.rows,
      });
    });
    for (const unique of spec.uniques) {
      if (!unique.checked) continue;
      const taken = new Set<string>();
      for (const tuple of before?.values?.[setKey(unique.names)] ?? []) {
        const key = tupleKey(
          tuple,
          tuple.map((_, i) => i),
        );
        if (key !== null) taken.add(key);
      }
      state.taken.set(unique, taken);
    }
    states.set(spec.table, state);
    for (const relation of spec.relations) {
      if (relation.deferred) continue;
      state.parents.set(relation, parentRows(relation, existing, plannedRows(relation.parent), plannedColumns(relation.parent)));
    }
    planTable(state);
    const fillLater = analysis.fillLater.get(spec.table);
    if (fillLater) state.planned.fillLater = fillLater;
    if (spec.relations.some((r) => r.deferred && !r.optional)) {
      heldBack.push(state.planned); // inserted once the second pass has filled its keys
      continue;
    }
    yield state.planned;
    if (release && !spec.relations.some((r) => r.deferred)) {
      const columns = analysis.keys.get(spec.table) ?? [];
      const at = columns.map((name) => state.planned.columns.indexOf(name));
      kept.set(spec.table, { columns, rows: columns.length ? state.planned.rows.map((row) => at.map((i) => row[i])) : [] });
      states.delete(spec.table);
    }
  }

  // Foreign keys into tables planned later: every table is planned now, fill them in.
  for (const state of states.values()) {
    const deferred = state.spec.relations.filter((r) => r.deferred);
    for (const relation of deferred) {
      state.parents.set(relation, parentRows(relation, existing, plannedRows(relation.parent), plannedColumns(relation.parent)));
      const rows = state.planned.rows;
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i];
        // What the first pass set stays: the columns another relation set, and (of an optional
        // relation) the required ones, which children may have copied already.
        const fixed: number[] = [];
        relation.columns.forEach((column, j) => {
          const shared = relation.group?.some((r) => r !== relation && !r.deferred && r.columns.includes(column));
          if (row[column] !== null && (relation.optional || shared)) fixed.push(j);
        });
        // A required key with no parent stays NULL, and the database says so.
        if (assign(state, relation, row, i, fixed) && relation.unique) {
          const key = tupleKey(rows[i], relation.unique.columns);
          if (key !== null) state.taken.get(relation.unique)?.add(key);
        }
      }
    }
  }

  yield* heldBack;
  for (const join of analysis.joins) yield planJoin(join, existing, options, plannedRows, plannedColumns);
}

function parentRows(relation: RelationSpec, existing: ExistingData, planned: SqlValue[][], columns: string[]): ParentRows {
  const at = relation.references.map((name) => columns.indexOf(name));
  const before = existing[relation.parent]?.values?.[setKey(relation.references)] ?? [];
  if (!relation.nullableReference || relation.self) return { existing: before, planned, at };
  // A key that may be NULL in the parent (String? @unique): only rows that have one can be pointed at.
  return {
    existing: before.filter((tuple) => tuple.every((value) => value !== null)),
    planned: planned.filter((row) => at.every((i) => row[i] !== null)),
    at,
  };
}

function planTable(state: TableState): void {
  const { spec, rng, sources, counters, planned } = state;
  const width = spec.columns.length;
  const generated = spec.columns
    .map((column, index) => ({ index, column, source: sources[index]! }))
    .filter((c) => !c.column.relation)
    .map(({ index, column, source }) => ({
      index,
      source,
      counter: !!column.counter,
      nullRate: column.field.optional ? source.nullRate : 0,
    }));
  const now = relationSteps(spec.relations.filter((r) => !r.deferred));
  // Keys into tables planned later: NULL for now, but a required column of an optional key
  // (a tenant id) gets its value now, as the row needs one whatever the relation points at.
  const later = spec.relations
    .filter((r) => r.deferred)
    .flatMap((r) => r.columns)
    .map((index) => ({ index, source: spec.columns[index].field.optional ? undefined : sources[index] }));
  const checked = spec.uniques.filter((u) => u.checked);
  const rows = planned.rows;
  let droppedInARow = 0;

  for (let i = 0; i < planned.wanted; i++) {
    const row: SqlValue[] = new Array(width);
    const position = state.existingRows + i + 1;
    for (let c = 0; c < generated.length; c++) {
      const column = generated[c];
      if (column.nullRate && rng() < column.nullRate) row[column.index] = null;
      else row[column.index] = column.source.value(column.counter ? counters[column.index]++ : position);
    }
    for (const column of later) row[column.index] = column.source ? column.source.value(position) : null;
    let ok = true;
    for (let r = 0; r < now.length && ok; r++) ok = assignStep(state, now[r], row, rows.length);
    if (ok && checked.length) ok = settleUniques(state, checked, row, position);
    if (!ok) {
      if (state.full || ++droppedInARow >= GIVE_UP_AFTER) break;
      continue;
    }
    droppedInARow = 0;
    for (const unique of checked) {
      const key = tupleKey(row, unique.columns);
      if (key !== null) state.taken.get(unique)!.add(key);
    }
    rows.push(row);
  }
  if (rows.length < planned.wanted) {
    planned.short = `${spec.table} got ${rows.length} of ${planned.wanted} rows: ${state.reason ?? "its unique values ran out"}.`;
  }
}

/** Gives the row's unique sets values no other row has, or says it cannot. */
function settleUniques(state: TableState, checked: UniqueSpec[], row: SqlValue[], position: number): boolean {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    let clash: UniqueSpec | undefined;
    for (const unique of checked) {
      const key = tupleKey(row, unique.columns);
      if (key !== null && state.taken.get(unique)!.has(key)) {
        clash = unique;
        break;
      }
    }
    if (!clash) return true;
    if (typeof clash.fixer === "number") {
      row[clash.fixer] = state.sources[clash.fixer]!.value(state.counters[clash.fixer]++);
    } else if (clash.fixer === "relation") {
      if (!assignStep(state, stepOf(clash.relation!), row, state.planned.rows.length)) return false;
    } else {
      const redone = new Set<RelationSpec | RelationSpec[]>();
      for (const column of clash.columns) {
        const relation = state.spec.columns[column].relation;
        if (relation) {
          const step = stepOf(relation);
          if (relation.deferred || redone.has(step)) continue;
          redone.add(step);
          if (!assignStep(state, step, row, state.planned.rows.length)) return false;
        } else row[column] = state.sources[column]!.value(position);
      }
    }
  }
  const names = checked.map((u) => u.names.join(", ")).join("; ");
  state.reason = `no more distinct values for its unique columns (${names})`;
  return false;
}

type RelationStep = RelationSpec | RelationSpec[];

/** The relations to assign, overlapping ones as one step (their group, without the deferred members). */
function relationSteps(relations: RelationSpec[]): RelationStep[] {
  const steps: RelationStep[] = [];
  for (const relation of relations) {
    if (!relation.group) steps.push(relation);
    else if (!steps.some((s) => Array.isArray(s) && s.includes(relation))) steps.push(relation.group.filter((r) => !r.deferred));
  }
  return steps;
}

function stepOf(relation: RelationSpec): RelationStep {
  return relation.group ? relation.group.filter((r) => !r.deferred) : relation;
}

/** Assigns one relation, or a group of overlapping ones together (a few tries to find parents that agree). */
function assignStep(state: TableState, step: RelationStep, row: SqlValue[], index: number): boolean {
  if (!Array.isArray(step)) return assign(state, step, row, index);
  for (let attempt = 0; attempt < 10; attempt++) {
    for (const relation of step) clearKey(relation, row);
    if (step.every((relation) => assign(state, relation, row, index))) return true;
  }
  return false;
}

/**
 * A relation some of whose columns another relation of the row has set already: only parents
 * with those values will do (looked up by them, not searched).
 */
function assignMatching(state: TableState, relation: RelationSpec, row: SqlValue[], index: number, fixed: number[]): boolean {
  const parents = state.parents.get(relation)!;
  const existingCount = parents.existing.length;
  const size = existingCount + (relation.self ? index : parents.planned.length);
  const value = (k: number, j: number) =>
    k < existingCount ? parents.existing[k][j] : parents.planned[k - existingCount][parents.at[j]];
  const keyAt = (values: (j: number) => SqlValue) => fixed.map((j) => keyOf(values(j) as Exclude<SqlValue, null>)).join("\u0001");
  const wanted = keyAt((j) => row[relation.columns[j]]);
  let matches: number[];
  if (relation.self) {
    matches = [];
    for (let k = 0; k < size; k++) if (keyAt((j) => value(k, j)) === wanted) matches.push(k);
  } else {
    let bySignature = state.lookups.get(relation);
    if (!bySignature) state.lookups.set(relation, (bySignature = new Map()));
    const signature = fixed.join(",");
    let lookup = bySignature.get(signature);
    if (!lookup) {
      lookup = new Map();
      for (let k = 0; k < size; k++) {
        const key = keyAt((j) => value(k, j));
        const list = lookup.get(key);
        if (list) list.push(k);
        else lookup.set(key, [k]);
      }
      bySignature.set(signature, lookup);
    }
    matches = lookup.get(wanted) ?? [];
  }
  const taken = relation.unique ? state.taken.get(relation.unique) : undefined;
  const start = (state.rng() * matches.length) | 0;
  for (let t = 0; t < matches.length; t++) {
    const k = matches[(start + t) % matches.length];
    if (taken?.size && taken.has(parentKey(parents, k) ?? "")) continue;
    copyParent(relation, parents, row, k);
    return true;
  }
  if (relation.optional && leaveEmpty(state, relation, row, index, fixed)) return true;
  state.reason = `${relation.label} found no ${relation.parentModel.name} that agrees with the row's other foreign keys`;
  return false;
}

function copyParent(relation: RelationSpec, parents: ParentRows, row: SqlValue[], k: number): void {
  const columns = relation.columns;
  if (k < parents.existing.length) {
    const tuple = parents.existing[k];
    for (let j = 0; j < columns.length; j++) row[columns[j]] = tuple[j];
  } else {
    const parent = parents.planned[k - parents.existing.length];
    for (let j = 0; j < columns.length; j++) row[columns[j]] = parent[parents.at[j]];
  }
}

function clearKey(relation: RelationSpec, row: SqlValue[]): void {
  for (let j = 0; j < relation.columns.length; j++) row[relation.columns[j]] = null;
}

/**
 * An optional relation left empty: its optional columns NULL (a key with a NULL in it points
 * at nothing, and SQLite does not check it). A required column of it (a tenant id shared
 * with another key) still needs a value: a real parent's. Columns in `keep` are set already.
 * False when no column could be NULL.
 */
function leaveEmpty(state: TableState, relation: RelationSpec, row: SqlValue[], index: number, keep: number[] = []): boolean {
  const parents = state.parents.get(relation)!;
  const size = parents.existing.length + (relation.self ? index : parents.planned.length);
  let k = -1;
  let nulled = false;
  for (let j = 0; j < relation.columns.length; j++) {
    if (keep.includes(j)) continue;
    const column = relation.columns[j];
    if (state.spec.columns[column].field.optional) {
      row[column] = null;
      nulled = true;
      continue;
    }
    if (k < 0 && size > 0) k = (state.rng() * size) | 0;
    row[column] =
      k < 0
        ? state.sources[column]!.value(state.existingRows + index + 1)
        : k < parents.existing.length
          ? parents.existing[k][j]
          : parents.planned[k - parents.existing.length][parents.at[j]];
  }
  return nulled;
}

/** A required self-relation with no earlier row to point at: the row points at itself. */
function pointAtItself(state: TableState, relation: RelationSpec, row: SqlValue[]): void {
  for (let j = 0; j < relation.columns.length; j++) {
    row[relation.columns[j]] = row[state.planned.columns.indexOf(relation.references[j])];
  }
}

function parentKey(parents: ParentRows, k: number): string | null {
  const existingCount = parents.existing.length;
  const values = k < existingCount ? parents.existing[k] : parents.at.map((at) => parents.planned[k - existingCount][at]);
  return tupleKey(
    values,
    values.map((_, i) => i),
  );
}

function shuffledParents(state: TableState, relation: RelationSpec, size: number): { order: Uint32Array; next: number } {
  let shuffled = state.shuffled.get(relation);
  if (!shuffled) {
    const order = new Uint32Array(size);
    for (let k = 0; k < size; k++) order[k] = k;
    for (let k = size - 1; k > 0; k--) {
      const j = (state.rng() * (k + 1)) | 0;
      const t = order[k];
      order[k] = order[j];
      order[j] = t;
    }
    shuffled = { order, next: 0 };
    state.shuffled.set(relation, shuffled);
  }
  return shuffled;
}

/**
 * Points the row's foreign key at a parent row. Returns false when there is none to point at
 * and the key is required (the row is dropped).
 */
function assign(state: TableState, relation: RelationSpec, row: SqlValue[], index: number, given?: number[]): boolean {
  // Positions of the key whose values are set already (by an overlapping relation): the parent must match them.
  let fixed = given;
  if (!fixed && relation.group) {
    fixed = [];
    for (let j = 0; j < relation.columns.length; j++) {
      const value = row[relation.columns[j]];
      if (value !== null && value !== undefined) fixed.push(j);
    }
  }
  if (fixed?.length) return assignMatching(state, relation, row, index, fixed);
  const parents = state.parents.get(relation)!;
  // A self-relation points at earlier rows only: the tree never loops.
  const size = parents.existing.length + (relation.self ? index : parents.planned.length);

  if (relation.unique) {
    const taken = state.taken.get(relation.unique)!;
    if (relation.self) {
      // Each row points at the one before it: every row is used once.
      const key = size > 0 ? parentKey(parents, size - 1) : null;
      if (key !== null && !taken.has(key)) copyParent(relation, parents, row, size - 1);
      else if (relation.optional) leaveEmpty(state, relation, row, index);
      else pointAtItself(state, relation, row);
      return true;
    }
    const shuffled = shuffledParents(state, relation, size);
    while (shuffled.next < shuffled.order.length) {
      const k = shuffled.order[shuffled.next++];
      if (taken.size && taken.has(parentKey(parents, k) ?? "")) continue;
      copyParent(relation, parents, row, k);
      return true;
    }
    if (relation.optional) {
      leaveEmpty(state, relation, row, index);
      return true;
    }
    state.full = true;
    state.reason = `each row needs its own ${relation.parentModel.name} (${relation.label} is one-to-one) and there are no more`;
    return false;
  }

  if (size === 0) {
    if (relation.optional) leaveEmpty(state, relation, row, index);
    else if (relation.self) pointAtItself(state, relation, row);
    else {
      state.full = true;
      state.reason = `${relation.label} needs a ${relation.parentModel.name} row and there is none`;
      return false;
    }
    return true;
  }
  if (relation.optional && state.rng() < (relation.self ? 0.2 : 0.1)) leaveEmpty(state, relation, row, index);
  else copyParent(relation, parents, row, (state.rng() * size) | 0);
  return true;
}

function planJoin(
  join: JoinSpec,
  existing: ExistingData,
  options: SampleOptions,
  plannedRows: (table: string) => SqlValue[][],
  plannedColumns: (table: string) => string[],
): PlannedTable {
  const side = (end: JoinSpec["a"]) => {
    const before = existing[end.table]?.values?.[end.column] ?? [];
    const rows = plannedRows(end.table);
    const at = plannedColumns(end.table).indexOf(end.column);
    return {
      count: before.length + rows.length,
      value: (k: number) => (k < before.length ? before[k][0] : rows[k - before.length][at]),
    };
  };
  const a = side(join.a);
  const b = side(join.b);
  const pairs = existing[join.table]?.values?.["A,B"] ?? [];
  const taken = new Set(pairs.map((pair) => `${keyOf(pair[0])}\u0001${keyOf(pair[1])}`));
  const self = join.a.table === join.b.table;
  const possible = a.count * b.count - (self ? a.count : 0) - taken.size;
  const wanted = Math.max(0, Math.min(options.rows, possible));
  const rng = mulberry32(hashSeed(options.seed, join.table, existing[join.table]?.rows ?? 0));
  const rows: SqlValue[][] = [];
  for (let tries = 0; rows.length < wanted && tries < wanted * 20; tries++) {
    const i = (rng() * a.count) | 0;
    const j = (rng() * b.count) | 0;
    if (self && i === j) continue;
    const left = a.value(i);
    const right = b.value(j);
    const key = `${keyOf(left)}\u0001${keyOf(right)}`;
    if (taken.has(key)) continue;
    taken.add(key);
    rows.push([left, right]);
  }
  const planned: PlannedTable = { table: join.table, columns: ["A", "B"], rows, wanted: options.rows };
  if (rows.length < options.rows) {
    planned.short = `${join.table} got ${rows.length} of ${options.rows} pairs: ${join.label} has no more distinct pairs to join.`;
  }
  return planned;
}

// ---------------------------------------------------------------------------------------
// Into the database.

const plural = (count: number, one: string, many = `${one}s`) => (count === 1 ? one : many);

/** Refuses unless every table and column the schema names is there (and nothing required is unknown to it). */
function checkDatabase(database: Database.Database, analysis: Analysis): void {
  const catalogue = database
    .prepare(
      `SELECT m.name AS tbl, p.name AS col, p."notnull" AS required, p.dflt_value AS dflt, p.pk AS pk
       FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'`,
    )
    .all() as { tbl: string; col: string; required: number; dflt: string | null; pk: number }[];
  const tables = new Map<string, typeof catalogue>();
  for (const entry of catalogue) tables.set(entry.tbl, [...(tables.get(entry.tbl) ?? []), entry]);
  const expected = [
    ...analysis.tables.map((spec) => ({
      table: spec.table,
      columns: spec.model.fields.filter((f) => f.kind !== "object" && !f.list).map(columnName),
      filled: spec.columns.map((c) => c.name),
    })),
    ...analysis.joins.map((join) => ({ table: join.table, columns: ["A", "B"], filled: ["A", "B"] })),
  ];
  const missingTables: string[] = [];
  const missingColumns: string[] = [];
  const unknownColumns: string[] = [];
  for (const { table, columns, filled } of expected) {
    const present = tables.get(table);
    if (!present) {
      missingTables.push(table);
      continue;
    }
    const names = new Set(present.map((p) => p.col));
    for (const column of columns) if (!names.has(column)) missingColumns.push(`${table}.${column}`);
    for (const p of present) {
      if (p.required && p.dflt === null && !p.pk && !filled.includes(p.col) && !columns.includes(p.col))
        unknownColumns.push(`${table}.${p.col}`);
    }
  }
  const behind = [
    ...(missingTables.length ? [missingTablesText(missingTables)] : []),
    ...(missingColumns.length
      ? [
          `the ${plural(missingColumns.length, "column")} ${list(missingColumns)} ${plural(missingColumns.length, "is", "are")} missing`,
        ]
      : []),
  ];
  const unfillable = unknownColumns.length
    ? `the required ${plural(unknownColumns.length, "column")} ${list(unknownColumns)} ${plural(unknownColumns.length, "is", "are")} in the database, and sample data has no values for ${plural(unknownColumns.length, "it", "them")} (not in the schema, or @ignore or Unsupported there)`
    : undefined;
  if (behind.length)
    throw new SampleRefused(`${capitalize([...behind, ...(unfillable ? [unfillable] : [])].join("; "))}: run Migrate first.`);
  if (unfillable) throw new SampleRefused(`${capitalize(unfillable)}.`);
}

const list = (names: string[]) => (names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0]);
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const missingTablesText = (tables: string[]) =>
  `the ${plural(tables.length, "table")} ${list(tables)} ${plural(tables.length, "does", "do")} not exist yet`;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** INSERT INTO "table" ("a", "b") VALUES (?, ?): one statement per table, prepared once. */
export function insertStatement(table: PlannedTable): string {
  return `INSERT INTO ${quoteIdentifier(table.table)} (${table.columns.map(quoteIdentifier).join(", ")}) VALUES (${table.columns.map(() => "?").join(", ")})`;
}

/**
 * Generates `rows` rows for every table of the project's schema and inserts them in one
 * transaction: all of them, or (on any error) none. Yields to the event loop every few
 * thousand rows, reporting progress, so a server can stream it.
 */
export async function generateSampleData(
  project: Project,
  options: SampleOptions & { onProgress?: (progress: SampleProgress) => void },
): Promise<SampleResult> {
  const started = performance.now();
  checkOptions(options);
  const graph = parseSchema(await fs.readFile(project.schemaPath, "utf8"));
  const analysis = analyze(graph);
  let database: Database.Database;
  try {
    database = new Database(project.databasePath, { fileMustExist: true });
  } catch {
    const tables = [...analysis.tables.map((s) => s.table), ...analysis.joins.map((j) => j.table)];
    throw new SampleRefused(`${capitalize(missingTablesText(tables))}: run Migrate first.`);
  }
  try {
    database.pragma("busy_timeout = 5000");
    database.pragma("foreign_keys = ON");
    checkDatabase(database, analysis);
    let stage = "starting the transaction";
    try {
      // The write lock first, so nothing changes between reading what is there and inserting.
      database.exec("BEGIN IMMEDIATE");
      stage = "reading the rows already there";
      const existing = readExistingWith(database, analysis);
      if (analysis.deferForeignKeys) database.pragma("defer_foreign_keys = ON");
      let sinceYield = 0;
      const later: { table: PlannedTable; at: number[]; rowids: (number | bigint)[] }[] = [];
      const done: SampleResult["tables"] = [];
      // Each table is inserted before the next is planned (and its rows then let go).
      const steps = planSteps(graph, analysis, existing, options, true);
      for (;;) {
        stage = "planning the rows";
        const step = steps.next();
        if (step.done) break;
        const table = step.value;
        stage = `inserting into ${table.table}`;
        const total = table.rows.length;
        const at = table.fillLater?.map((column) => table.columns.indexOf(column)) ?? [];
        const rowids: (number | bigint)[] = [];
        if (at.length) later.push({ table, at, rowids });
        if (total) {
          const statement = database.prepare(insertStatement(table));
          const rows = table.rows;
          for (let i = 0; i < total; i++) {
            if (at.length) {
              const staged = rows[i].slice();
              for (const p of at) staged[p] = null;
              rowids.push(statement.run(staged).lastInsertRowid);
            } else statement.run(rows[i]);
            if (++sinceYield >= YIELD_EVERY) {
              sinceYield = 0;
              options.onProgress?.({ table: table.table, done: i + 1, total });
              await yieldToEventLoop();
            }
          }
        }
        options.onProgress?.({ table: table.table, done: total, total });
        done.push({ table: table.table, inserted: total, ...(table.short ? { short: table.short } : {}) });
      }
      // Every table is in: the keys that point at tables inserted later get their values.
      for (const { table, at, rowids } of later) {
        stage = `setting ${table.table}.${table.fillLater!.join(", ")}`;
        const update = database.prepare(
          `UPDATE ${quoteIdentifier(table.table)} SET ${table.fillLater!.map((c) => `${quoteIdentifier(c)} = ?`).join(", ")} WHERE rowid = ?`,
        );
        table.rows.forEach((row, i) => {
          if (at.some((p) => row[p] !== null)) update.run([...at.map((p) => row[p]), rowids[i]]);
        });
      }
      stage = "committing";
      try {
        database.exec("COMMIT");
      } catch (error) {
        // Deferred foreign keys fail at COMMIT without saying where: ask SQLite which rows.
        const planned = new Set(done.map((t) => t.table));
        const broken = analysis.deferForeignKeys
          ? (database.prepare("PRAGMA foreign_key_check").all() as { table: string; parent: string }[]).filter((b) =>
              planned.has(b.table),
            )
          : [];
        if (broken.length) stage = `committing (${list([...new Set(broken.map((b) => `${b.table} → ${b.parent}`))])})`;
        throw error;
      }
      return { tables: done, rows: done.reduce((sum, t) => sum + t.inserted, 0), ms: performance.now() - started };
    } catch (error) {
      if (database.inTransaction) database.exec("ROLLBACK");
      if (error instanceof SampleRefused) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new SampleRefused(`Nothing was generated: ${stage} failed: ${message}`);
    }
  } finally {
    database.close();
  }
}
