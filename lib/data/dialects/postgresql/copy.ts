import { once } from "node:events";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { quoteIdentifier } from "../../catalogue";

/**
 * Rows into PostgreSQL by COPY ... FROM STDIN in its text format: the server's fastest way in.
 * Values arrive as the sample plan makes them (booleans 1/0, DateTimes as ISO text, bytes as
 * Buffers, scalar lists as arrays) and are written as PostgreSQL reads them.
 */

/** A column's value kind where it changes how a value is written. */
export type CopyKind = "boolean" | "other";

/** Backslash, tab, newline and carriage return, escaped as COPY's text format reads them. */
function escaped(text: string): string {
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!)
    : text;
}

function plain(value: unknown, kind: CopyKind): string {
  if (kind === "boolean" && typeof value === "number") return value ? "t" : "f";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (Buffer.isBuffer(value)) return `\\x${value.toString("hex")}`;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** An array literal, `{"a","b",NULL}`, each element quoted. */
function arrayLiteral(values: unknown[], kind: CopyKind): string {
  const elements = values.map((value) =>
    value === null || value === undefined ? "NULL" : `"${plain(value, kind).replace(/["\\]/g, "\\$&")}"`,
  );
  return `{${elements.join(",")}}`;
}

/** One field of a COPY text line. */
export function copyField(value: unknown, kind: CopyKind): string {
  if (value === null || value === undefined) return "\\N";
  return escaped(Array.isArray(value) ? arrayLiteral(value, kind) : plain(value, kind));
}

const BATCH = 2000;

/**
 * Copies rows into a table, a batch of lines at a time, waiting when the server is behind;
 * `onBatch` is told how many rows went in so far (the caller reports progress).
 */
export async function copyRows(
  client: pg.ClientBase,
  table: string,
  columns: { name: string; kind: CopyKind }[],
  rows: unknown[][],
  onBatch?: (done: number) => Promise<void> | void,
): Promise<void> {
  const stream = client.query(
    copyFrom(`COPY ${quoteIdentifier(table)} (${columns.map((c) => quoteIdentifier(c.name)).join(", ")}) FROM STDIN`),
  );
  const finished = new Promise<void>((resolve, reject) => {
    stream.on("finish", resolve);
    stream.on("error", reject);
  });
  for (let start = 0; start < rows.length; start += BATCH) {
    let lines = "";
    for (const row of rows.slice(start, start + BATCH)) {
      lines += `${row.map((value, i) => copyField(value, columns[i].kind)).join("\t")}\n`;
    }
    if (!stream.write(lines)) await Promise.race([once(stream, "drain"), finished]);
    await onBatch?.(Math.min(start + BATCH, rows.length));
  }
  stream.end();
  await finished;
}
