/**
 * The data grid's queries: a page of rows (filtered, sorted, continued from a cursor), the
 * count, edits, inserts, deletes with what their cascade removes, and a row's
 * back-references. Names come from the catalogue; every value is a bound parameter.
 */

// The jobs live in lib/data/rows/, each file read top to bottom: database (opening it, and
// the grid's shapes), query (filters, keyset cursors, pages and counts), edit (a row by its
// key, cell updates and inserts, refusals explained), delete (deletes and the cascade
// preview), references (back references) and export (CSV rows). This file is the public entry.

export type { Cursor, GridRow, GridTable, RowQuery, RowsPage, Sort } from "./rows/database";
export { countRows, countRowsIn, queryRows, readRows } from "./rows/query";
export type { CellEdit } from "./rows/edit";
export { insertRow, updateCell } from "./rows/edit";
export type { DeleteImpact } from "./rows/delete";
export { deleteRows } from "./rows/delete";
export type { BackReference } from "./rows/references";
export { backReferences } from "./rows/references";
export { exportRows } from "./rows/export";
