/**
 * The public shapes of sample data: the options, what the database already holds, the plan,
 * progress and result, the refusal the user can act on, and the key of a column set.
 */

import type { SqlValue } from "../sample-values";

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

export const setKey = (columns: string[]) => columns.join(",");
