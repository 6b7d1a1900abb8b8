/**
 * Reading what the database already holds that a plan must respect: row counts, the largest
 * values of self-numbered columns, the keys children may point at and the values unique
 * columns already hold.
 */

import { quoteIdentifier } from "../catalogue";
import type { SqlValue } from "../sample-values";
import type { Analysis } from "./analysis";
import { setKey, type ExistingData } from "./types";

// ---------------------------------------------------------------------------------------
// What the database already holds.

/** Reads a database for `readExistingWith`: rows as arrays, and a stable order for a table's rows. */
export interface ExistingReader {
  rows(sql: string): Promise<unknown[][]>;
  /** rowid on SQLite; ctid on PostgreSQL (stable while the transaction holds the tables). */
  order: string;
}

export async function readExistingWith(reader: ExistingReader, analysis: Analysis): Promise<ExistingData> {
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
    const rows = Number((await reader.rows(`SELECT count(*) FROM ${quoteIdentifier(table)}`))[0][0]);
    if (!rows) continue;
    const max: Record<string, number | null> = {};
    for (const column of entry.max) {
      const [[value]] = await reader.rows(`SELECT max(${quoteIdentifier(column)}) FROM ${quoteIdentifier(table)}`);
      max[column] = value === null || value === undefined ? null : Number(value);
    }
    // In a stable order: the plan picks parents by position, so the same database must list them the same way.
    const values: Record<string, SqlValue[][]> = {};
    for (const [key, columns] of entry.sets) {
      values[key] = (await reader.rows(
        `SELECT ${columns.map(quoteIdentifier).join(", ")} FROM ${quoteIdentifier(table)} ORDER BY ${reader.order}`,
      )) as SqlValue[][];
    }
    existing[table] = { rows, max, values };
  }
  return existing;
}
