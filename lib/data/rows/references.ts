/** Back references: the rows of other tables that point at a row, counted per foreign key. */

import type { Project } from "../../project/project";
import type { SchemaGraph } from "../../schema/graph";
import { GridRefused, tableOf } from "../catalogue";
import type { CellValue } from "../values";
import { withGrid } from "./database";
import { countReferencing } from "./delete";
import { readOne } from "./edit";

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
): Promise<BackReference[]> {
  return withGrid(project, false, async (database) => {
    const catalogue = await database.catalogue(graph);
    const table = tableOf(catalogue, input.table);
    const row = await readOne(database, table, input.key);
    if (!row) throw new GridRefused(`That row of ${table.name} no longer exists; reload the grid.`);
    const references: BackReference[] = [];
    for (const key of table.incoming) {
      const values = key.referencedColumns.map((c) => row.values[c] ?? null);
      references.push({
        table: key.table,
        columns: key.columns,
        values,
        count: await countReferencing(database, catalogue, key, values),
      });
    }
    return references;
  });
}
