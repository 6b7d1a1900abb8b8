/** CSV export: every row a filter and sort select, streamed from the database. */

import type { Project } from "../../project/project";
import type { SchemaGraph } from "../../schema/graph";
import { quoteIdentifier, readCatalogue, tableOf } from "../catalogue";
import { cellValue, type CellValue, type SqlValue } from "../values";
import { open, type RowQuery } from "./database";
import { selection } from "./query";

/** Every row a filter and sort select, for CSV export: streamed, not held in memory. */
export function* exportRows(
  project: Project,
  graph: SchemaGraph | undefined,
  query: Omit<RowQuery, "limit" | "after">,
): Generator<{ columns: string[] } | CellValue[]> {
  const database = open(project);
  try {
    const catalogue = readCatalogue(database, graph);
    const table = tableOf(catalogue, query.table);
    const params: SqlValue[] = [];
    const { where, order } = selection(table, query, params);
    yield { columns: table.columns.map((c) => c.name) };
    const statement = database
      .prepare(
        `SELECT ${table.columns.map((c) => quoteIdentifier(c.name)).join(", ")} FROM ${quoteIdentifier(table.name)}${where}${order}`,
      )
      .safeIntegers(true)
      .raw(true);
    for (const row of statement.iterate(...params) as Iterable<unknown[]>) yield row.map(cellValue);
  } finally {
    database.close();
  }
}
