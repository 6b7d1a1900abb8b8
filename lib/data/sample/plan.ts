/**
 * The plan: a table at a time in insert order, each table's rows generated, its relations
 * assigned and its unique sets kept unique; then the keys into tables planned later, and the
 * pairs of the implicit many-to-many tables. Pure: the same arguments give the same plan.
 */

import type { SchemaGraph } from "../../schema/graph";
import { hashSeed, mulberry32, Pools, valueSource, type SqlValue } from "../sample-values";
import { analyze, type Analysis, type JoinSpec, type RelationSpec } from "./analysis";
import { checkOptions } from "./checks";
import { assign, assignStep, relationSteps, settleUniques } from "./relations";
import { keyOf, tupleKey, type ParentRows, type TableState } from "./state";
import { setKey, type ExistingData, type PlannedTable, type SampleOptions, type SamplePlan } from "./types";

// ---------------------------------------------------------------------------------------
// The plan.

/** Rows dropped in a row before a table is taken to be full (a Boolean @unique has two values). */
const GIVE_UP_AFTER = 100;

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
export function* planSteps(
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
