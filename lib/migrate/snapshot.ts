import type { DatabaseRename } from "../schema/renames";
import type { DataLoss } from "./data-loss";

/**
 * What a rehearsal compares, on any database: each table's rows and each column's non-null
 * values and declared type, before and after the revisions, and what went missing between.
 */

export interface Snapshot {
  /** Per table: its rows, and per column its non-null values and declared type. */
  tables: Map<string, { rows: number; columns: Map<string, { values: number; type: string }> }>;
}

/** Tables and columns that held data and are gone, and tables that lost rows. */
export function compare(before: Snapshot, after: Snapshot): DataLoss[] {
  const losses: DataLoss[] = [];
  for (const [table, old] of before.tables) {
    const now = after.tables.get(table);
    if (!now) {
      if (old.rows > 0) losses.push({ kind: "table-dropped", table, rows: old.rows });
      continue;
    }
    if (now.rows < old.rows) losses.push({ kind: "rows-deleted", table, rows: old.rows - now.rows });
    for (const [column, { values }] of old.columns) {
      if (!now.columns.has(column) && values > 0) losses.push({ kind: "column-dropped", table, column, rows: values });
    }
  }
  return losses;
}

/** The snapshot as it reads after the renames: a renamed table or column is not lost. */
export function renamed(before: Snapshot, renames: DatabaseRename[]): Snapshot {
  const tables = new Map(before.tables);
  for (const rename of renames) {
    if (rename.kind === "table" && tables.has(rename.from)) {
      tables.set(rename.to, tables.get(rename.from)!);
      tables.delete(rename.from);
    }
  }
  for (const rename of renames) {
    if (rename.kind !== "column") continue;
    const table = tables.get(rename.table);
    if (!table?.columns.has(rename.from)) continue;
    const columns = new Map(table.columns);
    columns.set(rename.to, columns.get(rename.from)!);
    columns.delete(rename.from);
    tables.set(rename.table, { ...table, columns });
  }
  return { tables };
}
