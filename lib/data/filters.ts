import type { CatalogueColumn, ValueKind } from "./catalogue";

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
      return ["contains", ...always];
  }
}

export interface Filter {
  column: string;
  op: FilterOperator;
  value?: string;
}
