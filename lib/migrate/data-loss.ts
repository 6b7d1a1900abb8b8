/** What a rehearsal reports; plain data and words, shared by the server, the CLI and the page. */

export interface DataLoss {
  kind: "table-dropped" | "column-dropped" | "rows-deleted";
  table: string;
  column?: string;
  /** Rows (or non-null values, for a column) that would be lost. */
  rows: number;
}

export type Rehearsal =
  | { ok: true; losses: DataLoss[] }
  | { ok: false; revision: string; error: string; statement?: string; duplicates?: { values: string; count: number }[] };

/** One line a person reads: "3 rows of address (the table is dropped)". */
export function describeLoss(loss: DataLoss): string {
  if (loss.kind === "table-dropped") return `${loss.rows} row(s) of ${loss.table} (the table is dropped)`;
  if (loss.kind === "column-dropped") return `${loss.rows} value(s) of ${loss.table}.${loss.column} (the column is dropped)`;
  return `${loss.rows} row(s) of ${loss.table} (deleted)`;
}
