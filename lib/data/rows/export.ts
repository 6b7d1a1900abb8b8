/** CSV export: every row a filter and sort select, streamed from the database. */

import type { Project } from "../../project/project";
import type { SchemaGraph } from "../../schema/graph";
import { tableOf } from "../catalogue";
import { Params } from "../grid-database";
import { cellValue, type CellValue } from "../values";
import { openGrid, type RowQuery } from "./database";
import { selection } from "./query";

/**
 * Every row a filter and sort select, for CSV export, a batch at a time: streamed, not held
 * in memory. The first step yields the header, once the table, columns and filter values
 * have been checked.
 */
export async function* exportRows(
  project: Project,
  graph: SchemaGraph | undefined,
  query: Omit<RowQuery, "limit" | "after">,
): AsyncGenerator<{ columns: string[] } | CellValue[][]> {
  const database = await openGrid(project);
  try {
    const table = tableOf(await database.catalogue(graph), query.table);
    const params = new Params(database);
    const { where, order } = selection(database, table, query, params);
    yield { columns: table.columns.map((c) => c.name) };
    const columns = table.columns.map((c) => database.selectColumn(c)).join(", ");
    for await (const batch of database.batches(`SELECT ${columns} FROM ${table.sql}${where}${order}`, params.values, 2000)) {
      yield batch.map((row) => row.map(cellValue));
    }
  } finally {
    await database.close();
  }
}
