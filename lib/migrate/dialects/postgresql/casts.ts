import type pg from "pg";
import type { DatabaseRename } from "../../../schema/renames";
import { quoteIdentifier as quote } from "../../../schema/identifiers";
import type { DataLoss } from "../../data-loss";
import type { Snapshot } from "../../snapshot";

/**
 * Values a revision changes, on PostgreSQL. A type change casts them into others: a DOUBLE PRECISION 3.5 made INTEGER
 * is 4, a NUMERIC(10,2) 1.55 made NUMERIC(10,1) is 1.6, a TIMESTAMP made DATE loses its time,
 * a column dropped and added again for a type PostgreSQL cannot cast loses every value. The
 * old values of each such column are kept beside (by primary key), the revisions run again,
 * and every value that reads differently is counted, with an example. PostgreSQL refuses the
 * values a new type cannot hold at all (the rehearsal reports that statement). A hand-written
 * UPDATE changes them outright: every column is compared then.
 */

export interface TypeChange {
  table: string;
  column: string;
}

/** Columns that held values and whose declared type the revisions change (names as they are after). */
export function typeChanges(before: Snapshot, after: Snapshot): TypeChange[] {
  const typeOf = (snapshot: Snapshot, { table, column }: TypeChange) => snapshot.tables.get(table)?.columns.get(column)?.type;
  return keptColumns(before, after).filter((kept) => typeOf(before, kept) !== typeOf(after, kept));
}

/**
 * Whether revisions write rows themselves (a hand-written UPDATE, DELETE, INSERT or MERGE):
 * then every column is compared, as SQLite's value check compares every column.
 */
export function writesRows(revisions: string[]): boolean {
  return revisions.some((sql) => /\b(UPDATE|DELETE\s+FROM|INSERT\s+INTO|MERGE\s+INTO)\b/i.test(sql.replace(/--[^\n]*/g, "")));
}

/** Every column that held values and is still there (names as they are after). */
export function keptColumns(before: Snapshot, after: Snapshot): TypeChange[] {
  const kept: TypeChange[] = [];
  for (const [table, now] of after.tables) {
    const old = before.tables.get(table);
    if (!old) continue;
    for (const column of now.columns.keys()) if ((old.columns.get(column)?.values ?? 0) > 0) kept.push({ table, column });
  }
  return kept;
}

export interface KeptValues extends TypeChange {
  /** The temporary table holding the key and the old value as text. */
  holder: string;
  /** The key's columns as they are named after the revisions. */
  key: string[];
}

const sourceTable = (table: string, renames: DatabaseRename[]) =>
  renames.find((r) => r.kind === "table" && r.to === table)?.from ?? table;
const sourceColumn = (table: string, column: string, renames: DatabaseRename[]) =>
  renames.find((r) => r.kind === "column" && r.table === table && r.to === column)?.from ?? column;

/** Before the revisions run (in their transaction): each changed column's values as text, by primary key. */
export async function keepOldValues(
  client: pg.ClientBase,
  changes: TypeChange[],
  renames: DatabaseRename[],
  /** How SQL names a table the snapshot named (`schema.table` outside the current schema). */
  sqlOf: (table: string) => string = quote,
): Promise<KeptValues[]> {
  const kept: KeptValues[] = [];
  for (const [i, change] of changes.entries()) {
    const source = sourceTable(change.table, renames);
    const { rows } = await client.query<{ name: string }>(
      `SELECT a.attname AS name FROM pg_constraint c
         JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(num, at) ON true
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num
        WHERE c.contype = 'p' AND c.conrelid = to_regclass($1) ORDER BY k.at`,
      [sqlOf(source)],
    );
    if (!rows.length) continue; // rows cannot be matched without a key
    const oldKey = rows.map((r) => r.name);
    const holder = `sf_cast_${i}`;
    await client.query(
      `CREATE TEMP TABLE ${holder} ON COMMIT DROP AS SELECT ${oldKey.map((k, j) => `${quote(k)} AS k${j}`).join(", ")}, ${quote(sourceColumn(change.table, change.column, renames))}::text AS v FROM ${sqlOf(source)} WHERE ${quote(sourceColumn(change.table, change.column, renames))} IS NOT NULL`,
    );
    const key = oldKey.map((k) => renames.find((r) => r.kind === "column" && r.table === change.table && r.from === k)?.to ?? k);
    kept.push({ ...change, holder, key });
  }
  return kept;
}

const NUMBER = `'^[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?$'`;

/** After the revisions ran again: the kept values that now read differently (numbers compared as numbers). */
export async function castLosses(
  client: pg.ClientBase,
  kept: KeptValues[],
  sqlOf: (table: string) => string = quote,
): Promise<DataLoss[]> {
  const losses: DataLoss[] = [];
  for (const { table, column, holder, key } of kept) {
    const now = `n.${quote(column)}::text`;
    const { rows } = await client.query<{ n: number; example: string | null }>(
      `SELECT count(*)::int AS n, min(o.v || ' → ' || coalesce(${now}, 'NULL')) AS example
         FROM ${holder} o JOIN ${sqlOf(table)} n ON ${key.map((k, j) => `n.${quote(k)} = o.k${j}`).join(" AND ")}
        WHERE ${now} IS DISTINCT FROM o.v
          AND NOT CASE WHEN ${now} ~ ${NUMBER} AND o.v ~ ${NUMBER} THEN ${now}::numeric = o.v::numeric ELSE false END`,
    );
    if (rows[0].n) losses.push({ kind: "values-changed", table, column, rows: rows[0].n, example: rows[0].example ?? "" });
  }
  return losses;
}
