/**
 * The data grid's one door to a database: a SQLite file (better-sqlite3) or a PostgreSQL
 * server (pg). The grid's queries (lib/data/rows/) are written once against this interface;
 * what differs between the two is answered by each dialect in lib/data/dialects/: the
 * catalogue, placeholders, how a row without a primary key is named, how a column is read
 * exactly, how a refused write is told apart, and how a cascade is counted.
 */

import type { Catalogue, CatalogueColumn, CatalogueTable } from "./catalogue";
import type { SchemaGraph } from "../schema/graph";
import type { SqlValue } from "./values";

/** Why the database refused a write, in the grid's terms. */
export interface Refusal {
  kind: "foreign-key" | "unique" | "not-null" | "invalid" | "busy";
  /** For a unique refusal: the columns that collided, when the database says. */
  columns?: string[];
  message: string;
}

/** One expression of a row's identity, and the key column it is, if it is one. */
export interface RowIdentity {
  sql: string;
  column?: CatalogueColumn;
}

/** Rows a statement removed or changed per table, its cascades included. */
export interface TableChanges {
  table: string;
  deleted: number;
  nulled: number;
}

export interface GridDatabase {
  /**
   * Where NULLs sort in ascending order, the database's own way (SQLite: first; PostgreSQL:
   * last, and first descending): written without NULLS FIRST/LAST, ORDER BY can walk an index.
   */
  readonly nullsFirst: boolean;
  catalogue(graph: SchemaGraph | undefined): Promise<Catalogue>;
  /** The placeholder for the n-th bound value, from 1. */
  placeholder(n: number): string;
  /**
   * What orders rows last and names a row of a table without a primary key: SQLite's rowid;
   * on PostgreSQL the primary key (ctid for a table without one).
   */
  rowIdentity(table: CatalogueTable): RowIdentity[];
  /** A column in a select list, read exactly (PostgreSQL's arrays and json as their own text). */
  selectColumn(column: CatalogueColumn): string;
  /** `a IS NOT b`, NULLs compared as values. */
  distinct(left: string, right: string): string;
  /** `column LIKE pattern` on the column's text. */
  like(column: CatalogueColumn, pattern: string): string;
  /** `column @> ARRAY[element]`: an array holding the element (PostgreSQL only; SQLite has no arrays). */
  arrayHas(column: CatalogueColumn, element: string): string;
  /** The JSON value at a path of a json column equals a JSON value. */
  jsonPathEquals(column: CatalogueColumn, path: string[], value: unknown, params: Params): string;
  /** A parsed value as the driver binds it for this column. */
  bind(column: CatalogueColumn | undefined, value: SqlValue): unknown;
  all(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  /** Runs a statement; the number of rows it changed. */
  run(sql: string, params: unknown[]): Promise<number>;
  /** A query's rows as arrays, a batch at a time: a million rows never sit in memory. */
  batches(sql: string, params: unknown[], size: number): AsyncGenerator<unknown[][]>;
  /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** Starts counting what the next statements delete and change in these tables (inside a transaction). */
  countChanges(tables: CatalogueTable[]): Promise<() => Promise<TableChanges[]>>;
  /** What a write's error means, or undefined for an error that is not a refusal. */
  refusal(error: unknown): Refusal | undefined;
  close(): Promise<void>;
}

/** Bound values and their placeholders, in the order the SQL text names them. */
export class Params {
  readonly values: unknown[] = [];
  constructor(private readonly database: GridDatabase) {}

  /** Binds a value; returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return this.database.placeholder(this.values.length);
  }

  /** Binds a parsed value as this column takes it; returns its placeholder. */
  of(column: CatalogueColumn | undefined, value: SqlValue): string {
    return this.add(this.database.bind(column, value));
  }
}
