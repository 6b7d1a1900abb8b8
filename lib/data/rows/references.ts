/** Back references: the rows of other tables that point at a row, counted per foreign key. */

import type { Project } from "../../project/project";
import type { SchemaGraph } from "../../schema/graph";
import { columnOf, GridRefused, readCatalogue, tableOf } from "../catalogue";
import { keyValue, type CellValue, type SqlValue } from "../values";
import { withDatabase } from "./database";
import { countReferencing } from "./delete";
import { keyCondition, readOne } from "./edit";

export interface BackReference {
  /** The child table and its foreign key columns, with the values that point at this row. */
  table: string;
  columns: string[];
  values: CellValue[];
  count: number;
}

/** The rows of other tables that point at this row (a user's addresses), counted per foreign key. */
export function backReferences(
  project: Project,
  graph: SchemaGraph | undefined,
  input: { table: string; key: CellValue[] },
): BackReference[] {
  return withDatabase(project, false, (database) => {
    const catalogue = readCatalogue(database, graph);
    const table = tableOf(catalogue, input.table);
    const params: SqlValue[] = [];
    const row = readOne(database, table, keyCondition(table, input.key, params), params);
    if (!row) throw new GridRefused(`That row of ${table.name} no longer exists; reload the grid.`);
    return table.incoming.map((key) => {
      const values = key.referencedColumns.map((c) => row.values[c] ?? null);
      const bound = key.referencedColumns.map((c, i) => keyValue(columnOf(table, c), values[i]));
      const count = countReferencing(database, key, bound);
      return { table: key.table, columns: key.columns, values, count };
    });
  });
}
