"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { countRowsAction, readRowsAction } from "@/app/data-actions";
import type { Filter } from "@/lib/data/filters";
import type { Cursor, GridRow, GridTable, Sort } from "@/lib/data/rows";

const PAGE_SIZE = 100;

/**
 * One table's rows, a page at a time: the first page (and, on its own, the count) whenever
 * the table, its filters, the sort or the data change (`version`); `loadMore` for the next
 * page. A page that arrives after a newer request is dropped.
 */
export function useRowPages(
  query: { table: string; filters: Filter[]; sort: Sort | undefined; version: string },
  events: { onFirstPage(): void; onError(text: string): void },
) {
  const [table, setTable] = useState<GridTable | null>(null);
  const [rows, setRows] = useState<GridRow[]>([]);
  const [next, setNext] = useState<Cursor | null>(null);
  const [loading, setLoading] = useState(false);
  const [count, setCount] = useState<number | null>(null);
  const request = useRef(0);
  const latest = useRef(events);
  latest.current = events;
  const { table: tableName, filters, sort, version } = query;

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
        return latest.current.onError(result.error);
      }
      setTable(result.page.table);
      setRows(result.page.rows);
      setNext(result.page.next);
      latest.current.onFirstPage();
    });
    // Counting a large filtered table takes longer than a page: it arrives on its own.
    void countRowsAction({ table: tableName, filters }).then((result) => {
      if (token === request.current && result.ok) setCount(result.count);
    });
  }, [tableName, filters, sort, version]);

  const loadMore = useCallback(() => {
    if (!next || loading) return;
    const token = request.current;
    setLoading(true);
    void readRowsAction({ table: tableName, filters, sort, after: next, limit: PAGE_SIZE }).then((result) => {
      if (token !== request.current) return;
      setLoading(false);
      if (!result.ok) return latest.current.onError(result.error);
      setRows((current) => [...current, ...result.page.rows]);
      setNext(result.page.next);
    });
  }, [next, loading, tableName, filters, sort]);

  return { table, rows, setRows, next, loading, count, loadMore };
}
