import { GridRefused, type CatalogueColumn, type ValueKind } from "./catalogue";

/**
 * The data grid's filters: which operators fit which kind of value. Shared by the server,
 * which enforces them, and the browser, which offers them.
 */

export const FILTER_OPERATORS = [
  "equals",
  "not",
  "contains",
  "starts",
  "ends",
  "gt",
  "gte",
  "lt",
  "lte",
  "null",
  "notnull",
  /** An array holds this element. */
  "has",
  /** A json value at a path equals this value: `address.city = Bikini Bottom`. */
  "path",
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** The operators that make sense for a kind of value (an enum column is text with fixed values). */
export function operatorsFor(column: Pick<CatalogueColumn, "kind" | "enumValues">): FilterOperator[] {
  const always: FilterOperator[] = ["null", "notnull"];
  const kind: ValueKind = column.kind;
  if (kind === "text" && column.enumValues) return ["equals", "not", ...always];
  switch (kind) {
    case "text":
      return ["contains", "equals", "not", "starts", "ends", ...always];
    case "int":
    case "bigint":
    case "float":
    case "decimal":
    case "datetime":
      return ["equals", "not", "gt", "gte", "lt", "lte", ...always];
    case "boolean":
    case "bytes":
      return ["equals", ...always];
    case "json":
      return ["contains", "path", ...always];
    case "array":
      return ["has", ...always];
  }
}

export interface Filter {
  column: string;
  op: FilterOperator;
  value?: string;
}

/**
 * A json path filter's text, `a.b.0 = value`: the path's keys, and the value as JSON when it
 * reads as JSON (`3`, `true`, `"x"`, `null`), else as the text written.
 */
export function jsonPathFilter(text: string): { path: string[]; value: unknown } {
  const at = text.indexOf("=");
  const path = (at < 0 ? "" : text.slice(0, at)).trim();
  if (!path)
    throw new GridRefused(`A json path filter reads "path = value", e.g. address.city = Bikini Bottom; "${text}" is not one.`);
  const written = text.slice(at + 1).trim();
  let value: unknown;
  try {
    value = JSON.parse(written);
  } catch {
    value = written;
  }
  return { path: path.split(".").map((key) => key.trim()), value };
}
