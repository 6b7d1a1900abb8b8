/**
 * Relations and unique sets, a row at a time: pointing each foreign key at a parent row
 * (overlapping keys together, one-to-one parents used once, self-relations at earlier rows,
 * optional ones sometimes left empty), and giving the row's unique sets values no other row has.
 */

import type { SqlValue } from "../sample-values";
import type { RelationSpec, UniqueSpec } from "./analysis";
import { keyOf, tupleKey, type ParentRows, type TableState } from "./state";

/** Tries to find values that keep a row's unique columns unique before the row is dropped. */
const ATTEMPTS = 40;

/** Gives the row's unique sets values no other row has, or says it cannot. */
export function settleUniques(state: TableState, checked: UniqueSpec[], row: SqlValue[], position: number): boolean {
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
export function relationSteps(relations: RelationSpec[]): RelationStep[] {
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
export function assignStep(state: TableState, step: RelationStep, row: SqlValue[], index: number): boolean {
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
export function assign(state: TableState, relation: RelationSpec, row: SqlValue[], index: number, given?: number[]): boolean {
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
