import { statements } from "../../migrations-dir";

/**
 * What PostgreSQL will not run inside one transaction, and how a revision is applied anyway:
 * - an enum value added (`ALTER TYPE ... ADD VALUE`) cannot be used before its transaction
 *   commits ("unsafe use of new value"), and the designer's natural edit, add a value and make
 *   it the default, does exactly that: the values are added first, each committed;
 * - `CREATE/DROP INDEX CONCURRENTLY` and `REINDEX ... CONCURRENTLY` cannot run in a transaction
 *   block at all: they run after the revision's transaction.
 * The rest stays one transaction. A revision with neither is applied whole, as before.
 */

const ADDS_ENUM_VALUE = /^ALTER TYPE\s.+\sADD VALUE\s/is;
const CONCURRENTLY = /^(CREATE\s+(UNIQUE\s+)?INDEX|DROP\s+INDEX|REINDEX\b.*)\s+CONCURRENTLY\b/is;

export interface TransactionParts {
  /** Enum values to add first, each committed (written IF NOT EXISTS, so a retry does not trip on them). */
  first: string[];
  /** The revision's other statements, one transaction. */
  inside: string;
  /** Statements to run after the transaction, outside any. */
  last: string[];
}

/** The revision in parts when it needs them; undefined when it runs whole in one transaction. */
export function transactionParts(sql: string): TransactionParts | undefined {
  const all = statements(sql);
  const first = all.filter((s) => ADDS_ENUM_VALUE.test(s));
  const last = all.filter((s) => CONCURRENTLY.test(s));
  if (!first.length && !last.length) return undefined;
  const inside = all.filter((s) => !first.includes(s) && !last.includes(s));
  return {
    first: first.map((s) => (/ADD VALUE IF NOT EXISTS/i.test(s) ? s : s.replace(/ADD VALUE/i, "ADD VALUE IF NOT EXISTS"))),
    inside: inside.map((s) => `${s};`).join("\n"),
    last,
  };
}

/** The statement as a rolled-back rehearsal can run it: CONCURRENTLY dropped (the same index, built in the transaction). */
export function rehearsable(statement: string): string {
  return CONCURRENTLY.test(statement) ? statement.replace(/\s+CONCURRENTLY\b/i, "") : statement;
}

/** What the plan says of a revision applied in parts. */
export function partsNote(sql: string): string {
  const parts = transactionParts(sql);
  if (!parts) return "";
  return [
    parts.first.length
      ? `[!] New enum values are added first and committed on their own (PostgreSQL lets no transaction use a value it added): if the rest of the revision fails, they stay.`
      : "",
    parts.last.length
      ? `[!] ${parts.last.length} statement(s) with CONCURRENTLY run after the revision's transaction (PostgreSQL runs them in none).`
      : "",
  ]
    .filter(Boolean)
    .join("\n");
}
