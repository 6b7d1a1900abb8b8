import { GridRefused, type CatalogueColumn } from "./catalogue";
import { characterCount } from "./constraints";

/**
 * Values between the grid and its database. What a user types is text; each column's kind
 * says what that text must be and how it is stored (the way Prisma's SQLite adapter stores
 * it, so Prisma Client reads back what the grid wrote; PostgreSQL's dialect binds the same
 * values in its own types). What the database returns is turned into something JSON can
 * carry without losing digits or bytes.
 */

type ScalarValue = string | number | bigint | Buffer | null;
/** A parsed value; an array for a PostgreSQL array column (or its own literal, `{a,b}`, as text). */
export type SqlValue = ScalarValue | ScalarValue[];

/** A cell as the browser receives it: big integers as text, bytes as 0x-hex. */
export type CellValue = string | number | null;

/** How Prisma's better-sqlite3 adapter writes a DateTime: ISO 8601 with +00:00. */
export function storedDateTime(time: Date | number): string {
  return new Date(time).toISOString().replace("Z", "+00:00");
}

const describe = (column: CatalogueColumn) => `${column.name} (${column.type || "untyped"})`;

function refuse(column: CatalogueColumn, text: string, expected: string): never {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  throw new GridRefused(`${describe(column)} takes ${expected}; "${shown}" is not one.`);
}

/**
 * An array typed as JSON (`["a", "b"]`, each element checked as the column's elements are),
 * or as PostgreSQL writes one (`{a,b}`), which the server checks.
 */
function parseArray(column: CatalogueColumn, text: string): SqlValue {
  const trimmed = text.trim();
  if (trimmed.startsWith("{") && trimmed.endsWith("}")) return trimmed;
  let elements: unknown;
  try {
    elements = JSON.parse(trimmed);
  } catch {
    elements = undefined;
  }
  if (!Array.isArray(elements)) return refuse(column, text, 'an array, written ["a", "b"] or {a,b}');
  const element: CatalogueColumn = { ...column, kind: column.element ?? "text", element: undefined };
  return elements.map((value) =>
    value === null ? null : (parseValue(element, typeof value === "string" ? value : JSON.stringify(value)) as ScalarValue),
  );
}

/** Parses one typed value for a column; NULL is handled by the caller. */
export function parseValue(column: CatalogueColumn, text: string): SqlValue {
  const trimmed = text.trim();
  switch (column.kind) {
    case "array":
      return parseArray(column, text);
    case "int": {
      if (!/^[-+]?\d+$/.test(trimmed)) refuse(column, text, "a whole number");
      const value = Number(trimmed);
      if (!Number.isSafeInteger(value)) refuse(column, text, "a whole number between -9007199254740991 and 9007199254740991");
      return value;
    }
    case "bigint": {
      if (!/^[-+]?\d+$/.test(trimmed)) refuse(column, text, "a whole number");
      const value = BigInt(trimmed);
      if (value > 9223372036854775807n || value < -9223372036854775808n) refuse(column, text, "a 64-bit whole number");
      return value;
    }
    case "float":
    case "decimal": {
      if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) refuse(column, text, "a number");
      return Number(trimmed);
    }
    case "boolean": {
      const lowered = trimmed.toLowerCase();
      if (["true", "1", "yes"].includes(lowered)) return 1;
      if (["false", "0", "no"].includes(lowered)) return 0;
      return refuse(column, text, "true or false");
    }
    case "datetime": {
      // A date alone means midnight UTC, as Prisma reads "2024-05-01".
      const time = /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? Date.parse(`${trimmed}T00:00:00Z`) : Date.parse(trimmed);
      if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed) || Number.isNaN(time))
        refuse(column, text, "a date and time such as 2024-05-01T12:30:00Z");
      return storedDateTime(new Date(time));
    }
    case "json": {
      try {
        return JSON.stringify(JSON.parse(text));
      } catch {
        return refuse(column, text, "JSON");
      }
    }
    case "bytes": {
      const hex = trimmed.replace(/^0x/i, "");
      if (hex.length % 2 || !/^[0-9a-f]*$/i.test(hex)) refuse(column, text, "bytes written as hexadecimal, e.g. 0x48656c6c6f");
      return Buffer.from(hex, "hex");
    }
    case "text": {
      if (column.enumValues && !column.enumValues.includes(text)) {
        throw new GridRefused(`${column.name} is one of ${column.enumValues.join(", ")}; "${text}" is not.`);
      }
      if (column.maxLength && characterCount(text) > column.maxLength) {
        throw new GridRefused(`${column.name} holds at most ${column.maxLength} characters; this has ${characterCount(text)}.`);
      }
      return text;
    }
  }
}

/** A value to write into a column: null, or text parsed by the column's kind. NULL where NOT NULL is refused. */
export function columnValue(column: CatalogueColumn, input: string | null): SqlValue {
  if (input === null) {
    if (column.notNull) throw new GridRefused(`${column.name} is required: it cannot be NULL.`);
    return null;
  }
  return parseValue(column, input);
}

/** A value read with safe integers on, as the browser receives it. */
export function cellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (Buffer.isBuffer(value)) return `0x${value.toString("hex")}`;
  if (typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : storedDateTime(value);
  return String(value);
}

/** The inverse of cellValue for keys and cursors the browser sends back. */
export function keyValue(column: CatalogueColumn | undefined, value: CellValue): SqlValue {
  if (value === null) return null;
  if (column?.kind === "bytes" && typeof value === "string" && value.startsWith("0x")) return Buffer.from(value.slice(2), "hex");
  if ((column?.kind === "bigint" || column?.kind === "int") && typeof value === "string" && /^-?\d+$/.test(value)) {
    return BigInt(value);
  }
  return value;
}
