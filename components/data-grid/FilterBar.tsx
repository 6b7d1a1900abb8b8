"use client";

import { useState } from "react";
import type { CatalogueColumn } from "@/lib/data/catalogue";
import { operatorsFor, type Filter } from "@/lib/data/filters";
import { choicesFor, describeFilter, filterPlaceholder, OPERATOR_LABELS } from "./cells";

/** The active filters as removable chips, and a row to add one: column, an operator that fits its type, a value. */
export function FilterBar(props: { columns: CatalogueColumn[]; filters: Filter[]; onChange(filters: Filter[]): void }) {
  const [columnName, setColumnName] = useState(props.columns[0]?.name ?? "");
  const column = props.columns.find((c) => c.name === columnName) ?? props.columns[0];
  const operators = column ? operatorsFor(column) : [];
  const [op, setOp] = useState<Filter["op"]>(operators[0] ?? "equals");
  const [value, setValue] = useState("");
  const operator = operators.includes(op) ? op : operators[0];
  const needsValue = operator !== "null" && operator !== "notnull";
  const choices = column && choicesFor(column, operator === "has");

  const add = () => {
    if (!column || !operator) return;
    props.onChange([...props.filters, { column: column.name, op: operator, ...(needsValue && { value }) }]);
    setValue("");
  };

  return (
    <div className="flex flex-wrap items-center gap-1.5 border-b border-slate-200 px-3 py-1.5 text-xs">
      <form
        aria-label="Add a filter"
        className="flex items-center gap-1"
        onSubmit={(event) => {
          event.preventDefault();
          add();
        }}
      >
        <select
          aria-label="Filter column"
          value={column?.name}
          onChange={(e) => setColumnName(e.target.value)}
          className="rounded border border-slate-300 px-1 py-0.5 font-mono"
        >
          {props.columns.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
        <select
          aria-label="Filter operator"
          value={operator}
          onChange={(e) => setOp(e.target.value as Filter["op"])}
          className="rounded border border-slate-300 px-1 py-0.5"
        >
          {operators.map((o) => (
            <option key={o} value={o}>
              {OPERATOR_LABELS[o]}
            </option>
          ))}
        </select>
        {needsValue &&
          (choices ? (
            <select
              aria-label="Filter value"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              className="rounded border border-slate-300 px-1 py-0.5 font-mono"
            >
              <option value="">choose…</option>
              {choices.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          ) : (
            <input
              aria-label="Filter value"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              placeholder={filterPlaceholder(column, operator)}
              className={`${operator === "path" ? "w-56" : "w-32"} rounded border border-slate-300 px-1 py-0.5 font-mono`}
            />
          ))}
        <button type="submit" className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-50">
          Filter
        </button>
      </form>
      {props.filters.map((filter, index) => (
        <span key={index} className="flex items-center gap-1 rounded-full bg-sky-100 px-2 py-0.5 font-mono text-sky-900">
          {describeFilter(filter)}
          <button
            type="button"
            aria-label={`Remove filter ${describeFilter(filter)}`}
            onClick={() => props.onChange(props.filters.filter((_, i) => i !== index))}
            className="text-sky-700 hover:text-sky-950"
          >
            ×
          </button>
        </span>
      ))}
    </div>
  );
}
