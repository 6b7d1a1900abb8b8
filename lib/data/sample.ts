/**
 * Sample data for any schema: N rows per table, parents before children, foreign keys
 * pointing at rows that exist, unique columns unique (also against the rows already
 * there), values that fit each column's type and name. Planning is pure: the schema, what
 * the database already holds and a seed decide every value, ids included, so the same
 * seed on the same database always gives the same rows. Inserting is one transaction,
 * a table at a time (planned, inserted, then let go but for its keys).
 */

// The jobs live in lib/data/sample/, each file read top to bottom: types (the public shapes),
// analysis (the schema's tables, relations, unique sets and insert order), existing (the rows
// already there), plan (the rows, a table at a time), relations (foreign keys and unique
// sets, a row at a time), checks (refusals before anything is written) and write (the
// dispatch to each database's writer, lib/data/dialects/<database>/sample). This file is the
// public entry.

export type {
  ExistingData,
  ExistingTable,
  PlannedTable,
  SampleOptions,
  SamplePlan,
  SampleProgress,
  SampleResult,
  SqlValue,
} from "./sample/types";
export { MAX_SAMPLE_ROWS, SampleRefused } from "./sample/types";
export { readExisting } from "./dialects/sqlite/sample";
export { planSampleRows } from "./sample/plan";
export { generateSampleData, insertStatement } from "./sample/write";
