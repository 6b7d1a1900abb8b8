"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { backReferencesAction, deleteRowsAction, insertRowAction, updateCellAction } from "@/app/data-actions";
import type { CatalogueColumn } from "@/lib/data/catalogue";
import type { Filter } from "@/lib/data/filters";
import type { BackReference, DeleteImpact, GridRow, Sort } from "@/lib/data/rows";
import type { CellValue } from "@/lib/data/values";
import { cellText } from "./cells";
import { DeleteConfirm } from "./DeleteConfirm";
import { FilterBar } from "./FilterBar";
import { GridHeader } from "./GridHeader";
import { GridToolbar } from "./GridToolbar";
import { GridRowView } from "./GridRowView";
import { ReferencesPanel } from "./ReferencesPanel";
import { RowForm } from "./RowForm";
import { useRowPages } from "./use-row-pages";

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
  const [sort, setSort] = useState<Sort | undefined>(undefined);
  const [message, setMessage] = useState<Message>(null);
  const [selected, setSelected] = useState<{ row: number; column: number } | null>(null);
  const [editing, setEditing] = useState<{ row: number; column: number; text: string } | null>(null);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [pendingDelete, setPendingDelete] = useState<{ keys: CellValue[][]; impact: DeleteImpact } | null>(null);
  const [adding, setAdding] = useState(false);
  const [details, setDetails] = useState<{ row: GridRow; references: BackReference[] } | null>(null);
  const [reloads, setReloads] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);

  const { table, rows, setRows, next, loading, count, loadMore } = useRowPages(
    { table: tableName, filters, sort, version: `${props.version}:${reloads}` },
    {
      onFirstPage() {
        setSelected(null);
        setEditing(null);
        setChecked(new Set());
        scrollRef.current?.scrollTo({ top: 0 });
      },
      onError: (text) => setMessage({ tone: "error", text }),
    },
  );

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

  const sortBy = (column: CatalogueColumn) =>
    setSort((current) =>
      current?.column !== column.name
        ? { column: column.name, direction: "asc" }
        : current.direction === "asc"
          ? { column: column.name, direction: "desc" }
          : undefined,
    );
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  return (
    <div className="flex h-full min-h-0 flex-col">
      <GridToolbar
        tableName={tableName}
        filters={filters}
        sort={sort}
        count={count}
        checkedCount={checked.size}
        onDelete={() => void askDelete()}
        onAdd={() => setAdding(true)}
      />
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
        <DeleteConfirm
          impact={pendingDelete.impact}
          onConfirm={() => void confirmDelete()}
          onCancel={() => setPendingDelete(null)}
        />
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
          <GridHeader
            table={table}
            sort={sort}
            allChecked={rows.length > 0 && checked.size === rows.length}
            onCheckAll={(all) => setChecked(all ? new Set(rows.map(keyOf)) : new Set())}
            onSort={sortBy}
          />
          <tbody>
            {padTop > 0 && (
              <tr aria-hidden>
                <td style={{ height: padTop }} />
              </tr>
            )}
            {table &&
              items.map((item) => {
                const row = rows[item.index];
                const rowKey = keyOf(row);
                return (
                  <GridRowView
                    key={rowKey}
                    table={table}
                    row={row}
                    index={item.index}
                    height={ROW_HEIGHT}
                    checked={checked.has(rowKey)}
                    selectedColumn={selected?.row === item.index ? selected.column : null}
                    editing={editing?.row === item.index ? editing : null}
                    onCheck={(on) =>
                      setChecked((current) => {
                        const copy = new Set(current);
                        if (on) copy.add(rowKey);
                        else copy.delete(rowKey);
                        return copy;
                      })
                    }
                    onShowReferences={() => void showDetails(row)}
                    onSelect={(column) => setSelected({ row: item.index, column })}
                    onStartEdit={(column) => startEdit(item.index, column)}
                    onEditText={(text) => editing && setEditing({ ...editing, text })}
                    onCommit={(column, text) => void commitEdit(item.index, column, text)}
                    onCancelEdit={() => {
                      setEditing(null);
                      scrollRef.current?.focus();
                    }}
                    onNavigate={props.onNavigate}
                  />
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
        <ReferencesPanel
          tableName={tableName}
          row={details.row}
          references={details.references}
          onNavigate={props.onNavigate}
          onClose={() => setDetails(null)}
        />
      )}
    </div>
  );
}
