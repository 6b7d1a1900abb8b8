/** What a rehearsal reports; plain data and words, shared by the server, the CLI and the page. */

export interface DataLoss {
  /**
   * values-changed: a type change casts values into others ("012" → 12); values-unfit: values
   * the new type cannot hold stay as they were (SQLite keeps "abc" in an INTEGER column),
   * where Prisma Client cannot read them.
   */
  kind: "table-dropped" | "column-dropped" | "rows-deleted" | "values-changed" | "values-unfit";
  table: string;
  column?: string;
  /** Rows (or non-null values, for a column) that would be lost. */
  rows: number;
  /** One of them, as the user would recognise it. */
  example?: string;
  /** The column's new declared type (values-unfit). */
  type?: string;
}

/** Values a revision changes that its plan does not explain (see lib/migrate/value-check). */
export interface UnexplainedChange {
  table: string;
  /** The column, or "(new rows)" when rows appeared that the original does not have. */
  column: string;
  /** How many values changed (compared row by row), when known. */
  rows?: number;
  /** One of them, before → after. */
  example?: string;
}

/** "user_account.fullname (3 values, e.g. Sandy Cheeks → x)" */
export function describeUnexplained(change: UnexplainedChange): string {
  const detail = [change.rows ? `${change.rows} value(s)` : "", change.example ? `e.g. ${change.example}` : ""].filter(Boolean);
  return `${change.table}.${change.column}${detail.length ? ` (${detail.join(", ")})` : ""}`;
}

export type Rehearsal =
  | { ok: true; losses: DataLoss[] }
  | {
      ok: false;
      revision: string;
      error: string;
      statement?: string;
      duplicates?: { values: string; count: number }[];
      /** Columns whose values the revision rewrites without the plan saying so (lib/migrate/value-check). */
      unexplained?: UnexplainedChange[];
    };

/** One line a person reads: "3 rows of address (the table is dropped)". */
export function describeLoss(loss: DataLoss): string {
  if (loss.kind === "table-dropped") return `${loss.rows} row(s) of ${loss.table} (the table is dropped)`;
  if (loss.kind === "column-dropped") return `${loss.rows} value(s) of ${loss.table}.${loss.column} (the column is dropped)`;
  if (loss.kind === "values-changed") {
    return `${loss.rows} value(s) of ${loss.table}.${loss.column} change when cast to the new type (e.g. ${loss.example})`;
  }
  if (loss.kind === "values-unfit") {
    return `${loss.rows} value(s) of ${loss.table}.${loss.column} are not ${loss.type} and would stay as they are, unreadable by Prisma Client (e.g. "${loss.example}")`;
  }
  return `${loss.rows} row(s) of ${loss.table} (deleted)`;
}
