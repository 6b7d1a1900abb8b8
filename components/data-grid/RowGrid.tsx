"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import {
  backReferencesAction,
  countRowsAction,
  deleteRowsAction,
  insertRowAction,
  readRowsAction,
  updateCellAction,
} from "@/app/data-actions";
import { CSV_FORMULA_NOTE } from "@/lib/data/csv";
import type { CatalogueColumn } from "@/lib/data/catalogue";
import type { Filter } from "@/lib/data/filters";
import type { BackReference, Cursor, DeleteImpact, GridRow, GridTable, Sort } from "@/lib/data/rows";
import type { CellValue } from "@/lib/data/values";
import { cellText, CellView, choicesFor, isNumeric } from "./cells";
import { FilterBar } from "./FilterBar";
import { RowForm } from "./RowForm";

const PAGE_SIZE = 100;
const ROW_HEIGHT = 28;

/** Where the grid shows: a table and the filters that narrow it (a foreign-key link is one of these). */
export interface GridView {
  table: string;
  filters: Filter[];
}

type Message = { tone: "error" | "info"; text: string } | null;

const keyOf = (row: GridRow) => JSON.stringify(row.key);

/**
 * One table's rows: sorted and filtered on the server, loaded a page at a time as the user
 * scrolls (only the visible rows are in the DOM), edited in place, inserted and deleted.
 */
export function RowGrid(props: {
  view: GridView;
  version: number;
  onNavigate(view: GridView): void;
  onFiltersChange(filters: Filter[]): void;
  /** Rows were inserted, changed or deleted: the table list's counts are stale. */
  onChanged(): void;
}) {
  const { table: tableName, filters } = props.view;
  const [table, setTable] = useState<GridTable | null>(null);
  const [rows, setRows] = useState<GridRow[]>([]);
  const [next, setNext] = useState<Cursor | null>(null);
  const [loading, setLoading] = useState(false);
  const [count, setCount] = useState<number | null>(null);
  const [sort, setSort] = useState<Sort | undefined>(undefined);
  const [message, setMessage] = useState<Message>(null);
  const [selected, setSelected] = useState<{ row: number; column: number } | null>(null);
  const [editing, setEditing] = useState<{ row: number; column: number; text: string } | null>(null);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [pendingDelete, setPendingDelete] = useState<{ keys: CellValue[][]; impact: DeleteImpact } | null>(null);
  const [adding, setAdding] = useState(false);
  const [details, setDetails] = useState<{ row: GridRow; references: BackReference[] } | null>(null);
  const [reloads, setReloads] = useState(0);
  const request = useRef(0);
  const scrollRef = useRef<HTMLDivElement>(null);

  // The first page whenever the table, its filters, the sort or the data change.
  useEffect(() => {
    const token = ++request.current;
    setLoading(true);
    setCount(null);
    void readRowsAction({ table: tableName, filters, sort, limit: PAGE_SIZE }).then((result) => {
      if (token !== request.current) return;
      setLoading(false);
      if (!result.ok) {
        setRows([]);
        setNext(null);
        return setMessage({ tone: "error", text: result.error });
      }
      setTable(result.page.table);
      setRows(result.page.rows);
      setNext(result.page.next);
      setSelected(null);
      setEditing(null);
      setChecked(new Set());
      scrollRef.current?.scrollTo({ top: 0 });
    });
    // Counting a large filtered table takes longer than a page: it arrives on its own.
    void countRowsAction({ table: tableName, filters }).then((result) => {
      if (token === request.current && result.ok) setCount(result.count);
    });
  }, [tableName, filters, sort, props.version, reloads]);

  const loadMore = useCallback(() => {
    if (!next || loading) return;
    const token = request.current;
    setLoading(true);
    void readRowsAction({ table: tableName, filters, sort, after: next, limit: PAGE_SIZE }).then((result) => {
      if (token !== request.current) return;
      setLoading(false);
      if (!result.ok) return setMessage({ tone: "error", text: result.error });
      setRows((current) => [...current, ...result.page.rows]);
      setNext(result.page.next);
    });
  }, [next, loading, tableName, filters, sort]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastVisible = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (next && !loading && lastVisible >= rows.length - 20) loadMore();
  }, [lastVisible, rows.length, next, loading, loadMore]);

  const columns = table?.columns ?? [];
  const reload = () => setReloads((n) => n + 1);

  const commitEdit = async (row: number, column: number, text: string | null) => {
    const target = rows[row];
    const col = columns[column];
    if (!target || !col) return;
    const result = await updateCellAction({ table: tableName, key: target.key, column: col.name, value: text });
    if (!result.ok) return setMessage({ tone: "error", text: result.error });
    setRows((current) => current.map((r, i) => (i === row ? result.row : r)));
    setEditing(null);
    setMessage(null);
    scrollRef.current?.focus();
  };

  const startEdit = (row: number, column: number) => {
    const col = columns[column];
    if (!col) return;
    setSelected({ row, column });
    setEditing({ row, column, text: cellText(col, rows[row]?.values[col.name] ?? null) });
  };

  const copy = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setMessage({ tone: "info", text: `Copied ${what}.` });
    } catch {
      setMessage({ tone: "error", text: "The browser did not allow copying to the clipboard." });
    }
  };

  const onGridKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (editing) return;
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key === "c") {
      if (selected) {
        const col = columns[selected.column];
        const row = rows[selected.row];
        if (col && row) void copy(cellText(col, row.values[col.name] ?? null), `${col.name}`);
      } else if (checked.size) {
        const lines = rows
          .filter((r) => checked.has(keyOf(r)))
          .map((r) => columns.map((c) => cellText(c, r.values[c.name] ?? null)).join("\t"));
        void copy([columns.map((c) => c.name).join("\t"), ...lines].join("\n"), `${lines.length} rows`);
      }
      event.preventDefault();
      return;
    }
    if (!selected) return;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      const row = Math.min(Math.max(selected.row + move[0], 0), rows.length - 1);
      const column = Math.min(Math.max(selected.column + move[1], 0), columns.length - 1);
      setSelected({ row, column });
      virtualizer.scrollToIndex(row);
    } else if (event.key === "Enter" || event.key === "F2") {
      event.preventDefault();
      startEdit(selected.row, selected.column);
    } else if (event.key === "Escape") setSelected(null);
  };

  const askDelete = async () => {
    const keys = rows.filter((r) => checked.has(keyOf(r))).map((r) => r.key);
    const result = await deleteRowsAction({ table: tableName, keys, commit: false });
    if (!result.ok) return setMessage({ tone: "error", text: result.error });
    setPendingDelete({ keys, impact: result.impact });
  };

  const confirmDelete = async () => {
    if (!pendingDelete) return;
    const result = await deleteRowsAction({ table: tableName, keys: pendingDelete.keys, commit: true });
    setPendingDelete(null);
    if (!result.ok) return setMessage({ tone: "error", text: result.error });
    const parts = result.impact.tables.map((t) => `${t.deleted} row${t.deleted === 1 ? "" : "s"} of ${t.table}`);
    setMessage({ tone: "info", text: `Deleted ${parts.join(", ")}.` });
    props.onChanged();
    reload();
  };

  const showDetails = async (row: GridRow) => {
    const result = await backReferencesAction({ table: tableName, key: row.key });
    if (!result.ok) return setMessage({ tone: "error", text: result.error });
    setDetails({ row, references: result.references });
  };

  const foreignKeyOf = (column: CatalogueColumn) => table?.outgoing.find((k) => k.columns.includes(column.name));
  const sortBy = (column: CatalogueColumn) =>
    setSort((current) =>
      current?.column !== column.name
        ? { column: column.name, direction: "asc" }
        : current.direction === "asc"
          ? { column: column.name, direction: "desc" }
          : undefined,
    );
  const csvHref = `/api/tables/${encodeURIComponent(tableName)}/csv?query=${encodeURIComponent(JSON.stringify({ filters, sort }))}`;
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="flex items-center gap-2 border-b border-slate-200 px-3 py-1.5 text-xs">
        <span role="status" aria-label="Row count" className="text-slate-600">
          {count === null ? "counting…" : `${count.toLocaleString("en-US")} row${count === 1 ? "" : "s"}`}
          {filters.length > 0 && " match"}
        </span>
        <span className="ml-auto" />
        {checked.size > 0 && (
          <button
            type="button"
            onClick={() => void askDelete()}
            className="rounded border border-red-300 px-2 py-0.5 text-red-700 hover:bg-red-50"
          >
            Delete {checked.size} row{checked.size === 1 ? "" : "s"}
          </button>
        )}
        <button
          type="button"
          onClick={() => setAdding(true)}
          className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-50"
        >
          + Row
        </button>
        <a
          href={csvHref}
          download={`${tableName}.csv`}
          title={CSV_FORMULA_NOTE}
          className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-50"
        >
          Export CSV
        </a>
      </div>
      {table && <FilterBar key={tableName} columns={columns} filters={filters} onChange={props.onFiltersChange} />}
      {message && (
        <p
          role={message.tone === "error" ? "alert" : "status"}
          className={`flex items-start gap-2 border-b px-3 py-1.5 text-xs ${
            message.tone === "error" ? "border-red-200 bg-red-50 text-red-800" : "border-sky-200 bg-sky-50 text-sky-800"
          }`}
        >
          <span className="flex-1">{message.text}</span>
          <button type="button" aria-label="Dismiss" onClick={() => setMessage(null)}>
            ×
          </button>
        </p>
      )}
      {adding && table && (
        <RowForm
          table={table}
          onCancel={() => setAdding(false)}
          onSubmit={async (values) => {
            const result = await insertRowAction({ table: tableName, values });
            if (!result.ok) return result.error;
            setAdding(false);
            setMessage({ tone: "info", text: `Inserted a row into ${tableName}.` });
            props.onChanged();
            reload();
            return null;
          }}
        />
      )}
      {pendingDelete && (
        <div
          role="alertdialog"
          aria-label="Confirm delete"
          className="border-b border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900"
        >
          {pendingDelete.impact.blocked ? (
            <p>{pendingDelete.impact.blocked}</p>
          ) : (
            <p>
              Delete{" "}
              {pendingDelete.impact.tables.map((t) => `${t.deleted} row${t.deleted === 1 ? "" : "s"} of ${t.table}`).join(", ")}
              {pendingDelete.impact.tables.some((t) => t.nulled) &&
                `, and set ${pendingDelete.impact.tables
                  .filter((t) => t.nulled)
                  .map((t) => `${t.nulled} reference${t.nulled === 1 ? "" : "s"} in ${t.table}`)
                  .join(", ")} to NULL`}
              ?{pendingDelete.impact.tables.length > 1 && " The foreign keys' ON DELETE actions remove the others with it."}
            </p>
          )}
          <div className="mt-2 flex gap-2">
            {!pendingDelete.impact.blocked && (
              <button type="button" onClick={() => void confirmDelete()} className="rounded bg-red-600 px-3 py-0.5 text-white">
                Delete
              </button>
            )}
            <button type="button" onClick={() => setPendingDelete(null)} className="rounded border border-red-300 px-3 py-0.5">
              {pendingDelete.impact.blocked ? "Close" : "Cancel"}
            </button>
          </div>
        </div>
      )}
      <div
        ref={scrollRef}
        tabIndex={0}
        onKeyDown={onGridKey}
        aria-label={`Rows of ${tableName}`}
        className="min-h-0 flex-1 overflow-auto outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-sky-300"
      >
        <table
          aria-label={`Rows of ${tableName}`}
          aria-rowcount={count ?? undefined}
          className="w-max min-w-full border-collapse text-xs"
        >
          <thead className="sticky top-0 z-10 bg-slate-100">
            <tr>
              <th className="w-20 border-b border-slate-300 px-2 text-left">
                <input
                  type="checkbox"
                  aria-label="Select all loaded rows"
                  checked={rows.length > 0 && checked.size === rows.length}
                  onChange={(e) => setChecked(e.target.checked ? new Set(rows.map(keyOf)) : new Set())}
                />
              </th>
              {columns.map((column) => {
                const key = foreignKeyOf(column);
                return (
                  <th
                    key={column.name}
                    aria-sort={sort?.column === column.name ? (sort.direction === "asc" ? "ascending" : "descending") : "none"}
                    className="whitespace-nowrap border-b border-slate-300 px-3 py-1.5 text-left font-mono font-semibold"
                  >
                    <button
                      type="button"
                      onClick={() => sortBy(column)}
                      title={`${column.type || "untyped"}${column.notNull ? " NOT NULL" : ""}${key ? ` → ${key.references}.${key.referencedColumns.join(", ")}` : ""}. Click to sort.`}
                      className="flex items-center gap-1"
                    >
                      {column.name}
                      {column.primaryKey > 0 && <span className="text-[10px] text-amber-700">PK</span>}
                      {key && <span className="text-[10px] text-sky-700">FK</span>}
                      <span className="text-[10px] font-normal text-slate-400">{column.enumValues ? "enum" : column.kind}</span>
                      {sort?.column === column.name && <span aria-hidden>{sort.direction === "asc" ? "▲" : "▼"}</span>}
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {padTop > 0 && (
              <tr aria-hidden>
                <td style={{ height: padTop }} />
              </tr>
            )}
            {items.map((item) => {
              const row = rows[item.index];
              const rowKey = keyOf(row);
              return (
                <tr key={rowKey} data-index={item.index} style={{ height: ROW_HEIGHT }} className="odd:bg-white even:bg-slate-50">
                  <td className="whitespace-nowrap border-b border-slate-100 px-2">
                    <input
                      type="checkbox"
                      aria-label={`Select row ${row.key.join(", ")}`}
                      checked={checked.has(rowKey)}
                      onChange={(e) =>
                        setChecked((current) => {
                          const copy = new Set(current);
                          if (e.target.checked) copy.add(rowKey);
                          else copy.delete(rowKey);
                          return copy;
                        })
                      }
                    />
                    {table && table.incoming.length > 0 && (
                      <button
                        type="button"
                        aria-label={`Rows pointing at ${tableName} ${row.key.join(", ")}`}
                        title="Rows of other tables that point at this one"
                        onClick={() => void showDetails(row)}
                        className="ml-1 rounded px-1 text-[10px] text-slate-500 hover:bg-sky-100 hover:text-sky-800"
                      >
                        refs
                      </button>
                    )}
                  </td>
                  {columns.map((column, columnIndex) => {
                    const isSelected = selected?.row === item.index && selected.column === columnIndex;
                    const isEditing = editing?.row === item.index && editing.column === columnIndex;
                    const value = row.values[column.name] ?? null;
                    const key = foreignKeyOf(column);
                    return (
                      <td
                        key={column.name}
                        aria-selected={isSelected}
                        onClick={() => setSelected({ row: item.index, column: columnIndex })}
                        onDoubleClick={() => startEdit(item.index, columnIndex)}
                        className={`max-w-xs truncate border-b border-slate-100 px-3 font-mono ${isNumeric(column) ? "text-right" : ""} ${
                          isSelected ? "outline outline-2 -outline-offset-2 outline-sky-500" : ""
                        }`}
                      >
                        {isEditing ? (
                          <CellEditor
                            column={column}
                            text={editing.text}
                            onChange={(text) => setEditing({ ...editing, text })}
                            onCommit={(text) => void commitEdit(item.index, columnIndex, text)}
                            onCancel={() => {
                              setEditing(null);
                              scrollRef.current?.focus();
                            }}
                          />
                        ) : (
                          <span className="flex items-center gap-1">
                            <CellView column={column} value={value} />
                            {key && value !== null && (
                              <button
                                type="button"
                                aria-label={`Open ${key.references} row ${key.referencedColumns.join(", ")} = ${key.columns.map((c) => row.values[c]).join(", ")}`}
                                title={`Open the ${key.references} row this points at`}
                                onClick={(event) => {
                                  event.stopPropagation();
                                  props.onNavigate({
                                    table: key.references,
                                    filters: key.referencedColumns.map((referenced, i) => ({
                                      column: referenced,
                                      op: "equals",
                                      value: String(row.values[key.columns[i]] ?? ""),
                                    })),
                                  });
                                }}
                                className="text-sky-600 hover:text-sky-900"
                              >
                                ↗
                              </button>
                            )}
                          </span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
            {padBottom > 0 && (
              <tr aria-hidden>
                <td style={{ height: padBottom }} />
              </tr>
            )}
          </tbody>
        </table>
        {!loading && rows.length === 0 && !message && (
          <p className="p-4 text-sm text-slate-500">
            {filters.length ? "No rows match the filters." : `${tableName} has no rows yet.`}
          </p>
        )}
        {loading && <p className="p-2 text-xs text-slate-400">Loading…</p>}
      </div>
      {details && (
        <section aria-label="Rows pointing here" className="border-t border-slate-200 bg-slate-50 px-3 py-2 text-xs">
          <header className="mb-1 flex items-center">
            <h3 className="font-semibold">
              Rows pointing at {tableName} {details.row.key.join(", ")}
            </h3>
            <button type="button" aria-label="Close references" onClick={() => setDetails(null)} className="ml-auto">
              ×
            </button>
          </header>
          <ul>
            {details.references.map((reference) => (
              <li key={`${reference.table}:${reference.columns.join(",")}`} className="flex items-center gap-2">
                <span className="font-mono">
                  {reference.table}.{reference.columns.join(", ")}
                </span>
                <span>
                  {reference.count} row{reference.count === 1 ? "" : "s"}
                </span>
                {reference.count > 0 && (
                  <button
                    type="button"
                    onClick={() =>
                      props.onNavigate({
                        table: reference.table,
                        filters: reference.columns.map((column, i) => ({
                          column,
                          op: "equals",
                          value: String(reference.values[i] ?? ""),
                        })),
                      })
                    }
                    className="text-sky-700 underline"
                  >
                    Open {reference.table}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** The editor inside a cell: a list for enums and booleans, text otherwise, and NULL for optional columns. */
function CellEditor(props: {
  column: CatalogueColumn;
  text: string;
  onChange(text: string): void;
  onCommit(text: string | null): void;
  onCancel(): void;
}) {
  const { column } = props;
  const keys = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === "Enter") {
      event.preventDefault();
      props.onCommit(props.text);
    } else if (event.key === "Escape") props.onCancel();
  };
  const choices = choicesFor(column);
  return (
    <span className="flex items-center gap-1">
      {choices ? (
        <select
          autoFocus
          aria-label={`Edit ${column.name}`}
          value={props.text}
          onChange={(e) => props.onChange(e.target.value)}
          onKeyDown={keys}
          className="rounded border border-sky-400 px-1"
        >
          {!choices.includes(props.text) && <option value={props.text}>{props.text || "choose…"}</option>}
          {choices.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      ) : (
        <input
          autoFocus
          aria-label={`Edit ${column.name}`}
          value={props.text}
          onChange={(e) => props.onChange(e.target.value)}
          onKeyDown={keys}
          className="w-48 rounded border border-sky-400 px-1"
        />
      )}
      <button type="button" onClick={() => props.onCommit(props.text)} className="rounded bg-sky-600 px-1.5 text-white">
        Save
      </button>
      {!column.notNull && (
        <button type="button" title="Set to NULL" onClick={() => props.onCommit(null)} className="rounded border px-1.5">
          NULL
        </button>
      )}
    </span>
  );
}
