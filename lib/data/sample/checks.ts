/**
 * Checks that refuse before anything is written, with messages the user can act on: the
 * options, and whether the database has every table and column the schema names.
 */

import { columnName } from "../../schema/graph";
import type { Analysis } from "./analysis";
import { MAX_SAMPLE_ROWS, SampleRefused, type SampleOptions } from "./types";

export function checkOptions(options: SampleOptions): void {
  if (!Number.isInteger(options.rows) || options.rows < 1 || options.rows > MAX_SAMPLE_ROWS) {
    throw new SampleRefused(`Rows per table must be a whole number from 1 to 1,000,000, not ${options.rows}.`);
  }
  if (!Number.isSafeInteger(options.seed)) throw new SampleRefused(`The seed must be a whole number, not ${options.seed}.`);
}

const plural = (count: number, one: string, many = `${one}s`) => (count === 1 ? one : many);

/** A column of the database as its catalogue lists it (each dialect reads its own). */
export interface DatabaseColumn {
  tbl: string;
  col: string;
  required: boolean;
  hasDefault: boolean;
  pk: boolean;
}

/** Refuses unless every table and column the schema names is there (and nothing required is unknown to it). */
export function checkDatabase(catalogue: DatabaseColumn[], analysis: Analysis): void {
  const tables = new Map<string, DatabaseColumn[]>();
  for (const entry of catalogue) tables.set(entry.tbl, [...(tables.get(entry.tbl) ?? []), entry]);
  const expected = [
    ...analysis.tables.map((spec) => ({
      table: spec.table,
      columns: spec.model.fields.filter((f) => f.kind !== "object" && (!f.list || analysis.lists)).map(columnName),
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
      if (p.required && !p.hasDefault && !p.pk && !filled.includes(p.col) && !columns.includes(p.col))
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

export const list = (names: string[]) => (names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0]);
export const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
export const missingTablesText = (tables: string[]) =>
  `the ${plural(tables.length, "table")} ${list(tables)} ${plural(tables.length, "does", "do")} not exist yet`;
