/**
 * What planning a table works with, shared by the plan and the relations: the keys that
 * compare values and unique sets, the parent rows a relation may point at, and a table's
 * state while its rows are planned.
 */

import type { Rng, SqlValue, ValueSource } from "../sample-values";
import type { RelationSpec, TableSpec, UniqueSpec } from "./analysis";
import type { PlannedTable } from "./types";

export const keyOf = (value: SqlValue): string =>
  typeof value === "string" ? value : Buffer.isBuffer(value) ? `\u0002${value.toString("hex")}` : String(value);

/** The key of a unique set in a row, or null when a column is NULL (NULLs never collide). */
export function tupleKey(row: SqlValue[], columns: number[]): string | null {
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
export interface ParentRows {
  existing: SqlValue[][];
  planned: SqlValue[][];
  /** Where the referenced columns sit in the parent's planned rows. */
  at: number[];
}

export interface TableState {
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
