import { createHash, type Hash } from "node:crypto";
import type Database from "better-sqlite3";
import { quoteIdentifier as quote, quoteLiteral as literal } from "../schema/identifiers";
import type { DatabaseRename } from "../schema/renames";
import type { UnexplainedChange } from "./data-loss";
import type { ValueRename } from "./dialects/sqlite/enum-values";

/**
 * The rehearsal's check of values, not only counts: every column that exists before and
 * after a revision (renames followed), in every table that survives it, must hold the same
 * values. A revision whose SQL rewrites values its plan does not explain (an UPDATE smuggled
 * into a name, a trigger, a hand-edited migration.sql) is caught here.
 *
 * - A table whose primary key the revision keeps is compared row by row: each value with the
 *   value of the same key before (the original is attached to the copy), all columns in one
 *   join, so a value moved to another row counts, and the report has an example.
 * - A table without one is compared column by column by a digest of its values' multiset
 *   (sorted, hashed with their storage class).
 *
 * Explained, so not compared: columns the revision adds, drops or retypes (reported as losses
 * and casts), tables that lose rows (reported), and the NULLs of a column made required,
 * which take its default as the plan shows. Enum values renamed on the canvas are compared
 * under their new names.
 */

interface ColumnState {
  type: string;
  notNull: boolean;
  /** Position in the primary key (1, 2...), 0 outside it. */
  pk: number;
  default: string | null;
}

/** A column compared: its name after and before, and what a NULL before may have become. */
interface Compared {
  column: string;
  source: string;
  /** The column was made required: NULLs before became this (SQL), or anything when undefined. */
  filledWith?: string | "anything";
  /** Enum values the revision renamed in this column: each value before is expected as its new name. */
  renamed?: ValueRename[];
}

/** A value before, as the revision is expected to leave it: renamed enum values under their new names. */
function expected(compared: Compared, column: string): string {
  if (!compared.renamed?.length) return column;
  const cases = compared.renamed.map((r) => `WHEN ${literal(r.from)} THEN ${literal(r.to)}`).join(" ");
  return `(CASE ${column} ${cases} ELSE ${column} END)`;
}

function columnsOf(database: Database.Database, schema: string, table: string): Map<string, ColumnState> {
  const rows = database.prepare(`PRAGMA ${schema}.table_info(${quote(table)})`).all() as {
    name: string;
    type: string;
    notnull: number;
    pk: number;
    dflt_value: string | null;
  }[];
  return new Map(
    rows.map((c) => [c.name, { type: c.type.toUpperCase(), notNull: c.notnull === 1, pk: c.pk, default: c.dflt_value }]),
  );
}

/** The primary key's columns, in key order. */
function keyOf(columns: Map<string, ColumnState>): string[] {
  return [...columns]
    .filter(([, c]) => c.pk > 0)
    .sort(([, a], [, b]) => a.pk - b.pk)
    .map(([name]) => name);
}

/** Whether the value before (o) and after (n) differ: content or storage class, NULL-safe. */
function differs(compared: Compared): string {
  const o = expected(compared, `o.${quote(compared.source)}`);
  const n = `n.${quote(compared.column)}`;
  const changed = `(${n} IS NOT ${o} OR typeof(${n}) <> typeof(${o}))`;
  if (compared.filledWith === undefined) return changed;
  // The default is SQL the revision itself wrote for this column; CURRENT_TIMESTAMP and the like fill anything.
  const filled = compared.filledWith === "anything" ? "0" : `(${n} IS NOT (${compared.filledWith}))`;
  return `CASE WHEN ${o} IS NULL THEN ${filled} ELSE ${changed} END`;
}

/** Row by row, through the key: how many values of each column changed, with an example. */
function compareByKey(
  copy: Database.Database,
  place: { table: string; source: string; key: string[]; sourceKey: string[] },
  compared: Compared[],
): UnexplainedChange[] {
  const join = place.key.map((k, i) => `n.${quote(k)} = o.${quote(place.sourceKey[i])}`).join(" AND ");
  const sums = compared.map((c, i) => `sum(${differs(c)}) AS d${i}`).join(", ");
  const from = `FROM main.${quote(place.table)} n JOIN original.${quote(place.source)} o ON ${join}`;
  const counts = copy
    .prepare(
      `SELECT count(*) AS matched, (SELECT count(*) FROM main.${quote(place.table)}) AS total${sums ? `, ${sums}` : ""} ${from}`,
    )
    .get() as Record<string, number | null>;
  const changes: UnexplainedChange[] = [];
  if (counts.matched !== counts.total) {
    changes.push({ table: place.table, column: "(new rows)", rows: Number(counts.total) - Number(counts.matched) });
  }
  compared.forEach((c, i) => {
    const rows = Number(counts[`d${i}`] ?? 0);
    if (!rows) return;
    const example = copy
      .prepare(
        `SELECT coalesce(CAST(o.${quote(c.source)} AS TEXT), 'NULL') || ' → ' || coalesce(CAST(n.${quote(c.column)} AS TEXT), 'NULL') ${from} WHERE ${differs(c)} LIMIT 1`,
      )
      .pluck()
      .get() as string;
    changes.push({ table: place.table, column: c.column, rows, example });
  });
  return changes;
}

/**
 * sf_digest(x): the SHA-256 of the texts in the order given (the query sorts them). Each
 * text is a value through SQLite's quote(), which tells 1, 1.0, '1' and x'31' apart.
 */
function registerDigest(database: Database.Database): void {
  database.aggregate("sf_digest", {
    start: (): Hash | null => null,
    step: (hash: Hash | null, text: unknown) => (hash ?? createHash("sha256")).update(`${String(text)}\n`),
    result: (hash: Hash | null) => (hash ?? createHash("sha256")).digest("hex"),
  });
}

function digest(copy: Database.Database, schema: "main" | "original", table: string, value: string, where: string) {
  return copy
    .prepare(`SELECT sf_digest(quote(v)) FROM (SELECT ${value} AS v FROM ${schema}.${quote(table)} ${where} ORDER BY v)`)
    .pluck()
    .get() as string;
}

/**
 * Without a key to follow rows: each column's multiset of values. A column made required is
 * compared without NULLs before and without its default on both sides.
 */
function compareByDigest(
  copy: Database.Database,
  place: { table: string; source: string },
  compared: Compared[],
): UnexplainedChange[] {
  registerDigest(copy);
  const changed = (c: Compared) => {
    if (c.filledWith === "anything") return false;
    const before = c.filledWith ? `WHERE ${quote(c.source)} IS NOT NULL AND ${quote(c.source)} IS NOT (${c.filledWith})` : "";
    const after = c.filledWith ? `WHERE ${quote(c.column)} IS NOT (${c.filledWith})` : "";
    return (
      digest(copy, "original", place.source, expected(c, quote(c.source)), before) !==
      digest(copy, "main", place.table, quote(c.column), after)
    );
  };
  return compared.filter(changed).map((c) => ({ table: place.table, column: c.column }));
}

/**
 * The columns whose values the revision changed without saying so. `copy` is the rehearsed
 * database with the original attached as `original`; `tables` are the tables to compare
 * (their names after the revision, with no rows lost).
 */
export function unexplainedChanges(
  copy: Database.Database,
  tables: string[],
  renames: DatabaseRename[],
  valueRenames: ValueRename[] = [],
): UnexplainedChange[] {
  const changes: UnexplainedChange[] = [];
  for (const table of tables) {
    const source = renames.find((r) => r.kind === "table" && r.to === table)?.from ?? table;
    const sourceColumn = (name: string) =>
      renames.find((r) => r.kind === "column" && r.table === table && r.to === name)?.from ?? name;
    const before = columnsOf(copy, "original", source);
    const after = columnsOf(copy, "main", table);
    const compared: Compared[] = [];
    for (const [column, now] of after) {
      const was = before.get(sourceColumn(column));
      if (!was || was.type !== now.type) continue; // added, or retyped (reported as casts)
      const filled = now.notNull && !was.notNull;
      const filledWith = !filled ? undefined : !now.default || /CURRENT_|\(/i.test(now.default) ? "anything" : now.default;
      const renamed = valueRenames.filter((r) => r.table === table && r.column === column);
      compared.push({ column, source: sourceColumn(column), filledWith, ...(renamed.length ? { renamed } : {}) });
    }
    const key = keyOf(after);
    const sourceKey = key.map(sourceColumn);
    // The key places values in rows when the revision keeps it (renamed or not).
    const keyKept = key.length > 0 && sourceKey.join("\0") === keyOf(before).join("\0");
    changes.push(
      ...(keyKept
        ? compareByKey(copy, { table, source, key, sourceKey }, compared)
        : compareByDigest(copy, { table, source }, compared)),
    );
  }
  return changes;
}
