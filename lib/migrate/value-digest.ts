import { createHash, type Hash } from "node:crypto";
import type Database from "better-sqlite3";
import type { DatabaseRename } from "../schema/renames";
import { quoteIdentifier as quote } from "../schema/identifiers";

/**
 * The rehearsal's check of values, not only counts: a digest of every column's values
 * before and after a revision, in every table that survives it. Each value is hashed with
 * its row's primary key (so a value moved to another row counts), in key order; a table
 * without a primary key the revision keeps is compared by its values' multiset. A revision whose SQL rewrites values that its plan does not explain (an
 * UPDATE smuggled into a name, a trigger, a hand-edited migration.sql) changes a digest.
 *
 * Explained, so not compared: columns the revision drops or retypes (reported as losses
 * and casts), tables that lose rows (reported), and NULLs a column made required is filled
 * with (its default, which the plan shows).
 */

export interface UnexplainedChange {
  table: string;
  column: string;
}

interface ColumnState {
  type: string;
  notNull: boolean;
  /** Position in the primary key (1, 2...), 0 outside it. */
  pk: number;
}

/**
 * sf_digest(x): the SHA-256 of the texts in the order given (the query sorts them). Each text
 * is a row's key and value through SQLite's quote(), which tells 1, 1.0, '1' and x'31' apart.
 */
function registerDigest(database: Database.Database): void {
  database.aggregate("sf_digest", {
    start: (): Hash | null => null,
    step: (hash: Hash | null, text: unknown) => (hash ?? createHash("sha256")).update(`${String(text)}\n`),
    result: (hash: Hash | null) => (hash ?? createHash("sha256")).digest("hex"),
  });
}

function columnsOf(database: Database.Database, schema: string, table: string): Map<string, ColumnState> {
  const rows = database.prepare(`PRAGMA ${schema}.table_info(${quote(table)})`).all() as {
    name: string;
    type: string;
    notnull: number;
    pk: number;
  }[];
  return new Map(rows.map((c) => [c.name, { type: c.type.toUpperCase(), notNull: c.notnull === 1, pk: c.pk }]));
}

/** The primary key's columns, in key order. */
function keyOf(columns: Map<string, ColumnState>): string[] {
  return [...columns]
    .filter(([, c]) => c.pk > 0)
    .sort(([, a], [, b]) => a.pk - b.pk)
    .map(([name]) => name);
}

/** Values left out of a digest: NULLs, or every value equal to one (SQLite's IS NOT). */
type Excluded = { nulls: true } | { value: unknown } | undefined;

/** A default that is not a constant (CURRENT_TIMESTAMP, a function): its fill cannot be told apart. */
const UNCOMPARABLE = "uncomparable";

/** Where a value sits: the table, the column, and the key columns that place it in its row. */
interface Place {
  schema: "main" | "original";
  table: string;
  column: string;
  key: string[];
}

function digest(place: Place, database: Database.Database, excluded: Excluded): string {
  const c = quote(place.column);
  const where = !excluded ? "" : "nulls" in excluded ? `WHERE ${c} IS NOT NULL` : `WHERE ${c} IS NOT @excluded`;
  const key = place.key.map(quote);
  // Key and value as one text per row (the digest reads one argument); sorted by key, or by value.
  const row = [...key, c].map((k) => `quote(${k})`).join(" || ',' || ");
  const order = key.length ? key.join(", ") : c;
  const statement = database
    .prepare(
      `SELECT sf_digest(v) FROM (SELECT ${row} AS v FROM ${place.schema}.${quote(place.table)} ${where} ORDER BY ${order})`,
    )
    .safeIntegers(true)
    .pluck();
  return (excluded && "value" in excluded ? statement.get({ excluded: excluded.value }) : statement.get()) as string;
}

/**
 * A column made required is filled with its default where it was NULL (as the plan says):
 * both sides are compared without NULLs and without that default.
 */
function filledDefault(copy: Database.Database, table: string, column: string): Excluded | typeof UNCOMPARABLE {
  const fallback = (
    copy.prepare(`PRAGMA main.table_info(${quote(table)})`).all() as { name: string; dflt_value: string | null }[]
  ).find((c) => c.name === column)?.dflt_value;
  if (fallback === null || fallback === undefined) return { nulls: true };
  if (/CURRENT_|\(/i.test(fallback)) return UNCOMPARABLE;
  // The default is SQL the revision itself wrote for this column: evaluated as SQLite does.
  return { value: copy.prepare(`SELECT ${fallback}`).safeIntegers(true).pluck().get() };
}

/**
 * The columns whose values the revision changed without saying so. `copy` is the rehearsed
 * database with the original attached as `original`; `tables` are the tables to compare
 * (their names after the revision, with no rows lost).
 */
export function unexplainedChanges(copy: Database.Database, tables: string[], renames: DatabaseRename[]): UnexplainedChange[] {
  registerDigest(copy);
  const changes: UnexplainedChange[] = [];
  for (const table of tables) {
    const sourceTable = renames.find((r) => r.kind === "table" && r.to === table)?.from ?? table;
    const sourceColumn = (name: string) =>
      renames.find((r) => r.kind === "column" && r.table === table && r.to === name)?.from ?? name;
    const before = columnsOf(copy, "original", sourceTable);
    const after = columnsOf(copy, "main", table);
    // The key places values in rows when the revision keeps it (renamed or not).
    const key = keyOf(after);
    const keyKept = key.length > 0 && key.map(sourceColumn).join("\0") === keyOf(before).join("\0");
    for (const [column, now] of after) {
      const was = before.get(sourceColumn(column));
      if (!was || was.type !== now.type) continue; // added, or retyped (reported as casts)
      const excluded = now.notNull && !was.notNull ? filledDefault(copy, table, column) : undefined;
      if (excluded === UNCOMPARABLE) continue;
      const old = digest(
        { schema: "original", table: sourceTable, column: sourceColumn(column), key: keyKept ? key.map(sourceColumn) : [] },
        copy,
        excluded,
      );
      const current = digest({ schema: "main", table, column, key: keyKept ? key : [] }, copy, excluded);
      if (old !== current) changes.push({ table, column });
    }
  }
  return changes;
}
