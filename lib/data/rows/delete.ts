/**
 * Deletes by key with what their cascade does to other tables (counted as the database runs
 * it), the preview that rolls the transaction back, and the message when a foreign key
 * forbids the delete.
 */

import type { Project } from "../../project/project";
import type { SchemaGraph } from "../../schema/graph";
import {
  columnOf,
  GridRefused,
  quoteIdentifier,
  tableOf,
  type Catalogue,
  type CatalogueTable,
  type ForeignKey,
} from "../catalogue";
import { Params, type GridDatabase } from "../grid-database";
import { keyValue, type CellValue } from "../values";
import { withGrid } from "./database";
import { keyCondition, readOne } from "./edit";

export interface DeleteImpact {
  /** Rows removed or changed per table, the deleted table first. */
  tables: { table: string; deleted: number; nulled: number }[];
  /** Set when a foreign key forbids the delete (ON DELETE RESTRICT / NO ACTION). */
  blocked?: string;
}

/** Every table a delete here can reach through ON DELETE actions (and the ones that can block it). */
function reachable(catalogue: Catalogue, start: CatalogueTable): CatalogueTable[] {
  const seen = new Map<string, CatalogueTable>([[start.name, start]]);
  const queue = [start];
  while (queue.length) {
    for (const key of queue.shift()!.incoming) {
      const child = catalogue.get(key.table);
      if (child && !seen.has(child.name)) {
        seen.set(child.name, child);
        queue.push(child);
      }
    }
  }
  return [...seen.values()];
}

/** Rows of the foreign key's table whose key columns hold these values (as the grid received them). */
export async function countReferencing(
  database: GridDatabase,
  catalogue: Catalogue,
  key: ForeignKey,
  values: CellValue[],
): Promise<number> {
  const child = tableOf(catalogue, key.table);
  const params = new Params(database);
  const condition = key.columns
    .map((c, i) => {
      const column = columnOf(child, c);
      return `${quoteIdentifier(c)} = ${params.of(column, keyValue(column, values[i]))}`;
    })
    .join(" AND ");
  const [row] = await database.all(`SELECT count(*) AS n FROM ${child.sql} WHERE ${condition}`, params.values);
  return Number(row.n);
}

async function blockingReferences(
  database: GridDatabase,
  catalogue: Catalogue,
  table: CatalogueTable,
  keys: CellValue[][],
): Promise<string> {
  const parts: string[] = [];
  for (const key of table.incoming) {
    if (key.onDelete !== "RESTRICT" && key.onDelete !== "NO ACTION") continue;
    let count = 0;
    for (const rowKey of keys) {
      const row = await readOne(database, table, rowKey);
      if (row)
        count += await countReferencing(
          database,
          catalogue,
          key,
          key.referencedColumns.map((c) => row.values[c]),
        );
    }
    if (count)
      parts.push(`${count} row${count === 1 ? "" : "s"} of ${key.table} (${key.columns.join(", ")}, ON DELETE ${key.onDelete})`);
  }
  return `Nothing was deleted: ${parts.length ? parts.join(" and ") : "other rows"} still point at it. Delete or re-point those first.`;
}

/**
 * Deletes rows by key, counting what the foreign keys' ON DELETE actions do to other
 * tables (each row removed or set to NULL, as the database counts them). With
 * `commit: false` the transaction is rolled back: the grid's "what will this remove?"
 * before it happens.
 */
export function deleteRows(
  project: Project,
  graph: SchemaGraph | undefined,
  input: { table: string; keys: CellValue[][] },
  options: { commit: boolean },
): Promise<DeleteImpact> {
  return withGrid(project, true, async (database) => {
    const catalogue = await database.catalogue(graph);
    const table = tableOf(catalogue, input.table);
    try {
      return await database.transaction(async () => {
        const counted = await database.countChanges(reachable(catalogue, table));
        let deleted = 0;
        for (const key of input.keys) {
          const params = new Params(database);
          deleted += await database.run(
            `DELETE FROM ${table.sql} WHERE ${keyCondition(database, table, key, params)}`,
            params.values,
          );
        }
        if (deleted === 0) throw new GridRefused(`Those rows of ${table.name} no longer exist; reload the grid.`);
        const impact: DeleteImpact = {
          tables: (await counted())
            .filter((c) => c.deleted || c.nulled)
            .sort((a, b) => (a.table === table.name ? -1 : b.table === table.name ? 1 : a.table.localeCompare(b.table))),
        };
        if (!options.commit) throw new Preview(impact);
        return impact;
      });
    } catch (error) {
      if (error instanceof Preview) return error.impact;
      if (database.refusal(error)?.kind !== "foreign-key") throw error;
      const blocked = await blockingReferences(database, catalogue, table, input.keys);
      if (options.commit) throw new GridRefused(blocked);
      return { tables: [], blocked };
    }
  });
}

/** Thrown to roll a preview's transaction back with its counts. */
class Preview extends Error {
  constructor(readonly impact: DeleteImpact) {
    super("preview");
  }
}
