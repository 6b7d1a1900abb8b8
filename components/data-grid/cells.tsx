"use client";

import type { CatalogueColumn } from "@/lib/data/catalogue";
import type { Filter } from "@/lib/data/filters";
import type { CellValue } from "@/lib/data/values";

/** The value as text: what is copied, what the editor starts from, what a filter is given. */
export function cellText(column: CatalogueColumn, value: CellValue): string {
  if (value === null) return "";
  if (column.kind === "boolean") return value === 1 || value === "1" ? "true" : "false";
  if (column.kind === "datetime" && typeof value === "number") return new Date(value).toISOString();
  return String(value);
}

/** A stored DateTime as people read it: 2024-05-01 12:30:00 UTC (the stored text in the tooltip). */
function readableDateTime(value: CellValue): string {
  const time = typeof value === "number" ? value : Date.parse(String(value).replace(" ", "T"));
  if (Number.isNaN(time)) return String(value);
  const iso = new Date(time).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, iso.endsWith(".000Z") ? 19 : 23)} UTC`;
}

const NUMERIC = new Set(["int", "bigint", "float", "decimal"]);

export function isNumeric(column: CatalogueColumn): boolean {
  return NUMERIC.has(column.kind);
}

/** One cell, readable for its type. React renders text only: markup in a value shows as the text it is. */
export function CellView(props: { column: CatalogueColumn; value: CellValue }) {
  const { column, value } = props;
  if (value === null) return <span className="italic text-slate-400">NULL</span>;
  switch (column.kind) {
    case "boolean":
      return <span className={value ? "text-emerald-700" : "text-slate-500"}>{value ? "✓ true" : "✗ false"}</span>;
    case "datetime":
      return <span title={String(value)}>{readableDateTime(value)}</span>;
    case "bytes": {
      const hex = String(value);
      const bytes = (hex.length - 2) / 2;
      return (
        <span title={hex} className="text-violet-700">
          {bytes > 8 ? `${hex.slice(0, 18)}…` : hex} <span className="text-slate-400">({bytes} B)</span>
        </span>
      );
    }
    case "json":
      return (
        <span title={String(value)} className="text-amber-800">
          {String(value)}
        </span>
      );
    default:
      return <span className={isNumeric(column) ? "tabular-nums" : ""}>{String(value)}</span>;
  }
}

export const OPERATOR_LABELS: Record<Filter["op"], string> = {
  equals: "=",
  not: "≠",
  contains: "contains",
  starts: "starts with",
  ends: "ends with",
  gt: ">",
  gte: "≥",
  lt: "<",
  lte: "≤",
  null: "is NULL",
  notnull: "is not NULL",
  has: "has",
  path: "path =",
};

/**
 * The values a column's cell can take, when they are few enough to pick from: true/false, an
 * enum's. An array of enums is typed whole; its filter ("has") picks one element.
 */
export function choicesFor(column: CatalogueColumn, element = false): string[] | undefined {
  const kind = element ? (column.element ?? column.kind) : column.kind;
  if (kind === "boolean") return ["true", "false"];
  return kind === "array" ? undefined : column.enumValues;
}

/** What a filter's value box shows before anything is typed. */
export function filterPlaceholder(column: CatalogueColumn | undefined, op: Filter["op"] | undefined): string {
  if (op === "path") return "address.city = Bikini Bottom";
  if (op === "has") return "one element";
  return column?.kind === "datetime" ? "2024-05-01" : "value";
}

export function describeFilter(filter: Filter): string {
  return `${filter.column} ${OPERATOR_LABELS[filter.op]}${filter.op === "null" || filter.op === "notnull" ? "" : ` ${filter.value ?? ""}`}`;
}
