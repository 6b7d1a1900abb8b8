/**
 * Deletes by key with what their cascade does to other tables (counted by temporary
 * triggers), the preview that rolls the transaction back, and the message when a foreign
 * key forbids the delete.
 */

import type Database from "better-sqlite3";
import type { Project } from "../../project/project";
import type { SchemaGraph } from "../../schema/graph";
import {
  columnOf,
  GridRefused,
  quoteIdentifier,
  readCatalogue,
  tableOf,
  type Catalogue,
  type CatalogueTable,
  type ForeignKey,
} from "../catalogue";
import { keyValue, type CellValue, type SqlValue } from "../values";
import { withDatabase } from "./database";
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

/** Rows of the foreign key's table whose key columns hold these values. */
export function countReferencing(database: Database.Database, key: ForeignKey, values: SqlValue[]): number {
  const condition = key.columns.map((c) => `${quoteIdentifier(c)} = ?`).join(" AND ");
  return (
    database.prepare(`SELECT count(*) AS n FROM ${quoteIdentifier(key.table)} WHERE ${condition}`).get(...values) as { n: number }
  ).n;
}

function blockingReferences(database: Database.Database, table: CatalogueTable, keys: CellValue[][]): string {
  const parts: string[] = [];
  for (const key of table.incoming) {
    if (key.onDelete !== "RESTRICT" && key.onDelete !== "NO ACTION") continue;
    let count = 0;
    for (const rowKey of keys) {
      const params: SqlValue[] = [];
      const row = readOne(database, table, keyCondition(table, rowKey, params), params);
      if (!row) continue;
      const referenced = key.referencedColumns.map((c) => keyValue(columnOf(table, c), row.values[c]));
      count += countReferencing(database, key, referenced);
    }
    if (count)
      parts.push(`${count} row${count === 1 ? "" : "s"} of ${key.table} (${key.columns.join(", ")}, ON DELETE ${key.onDelete})`);
  }
  return `Nothing was deleted: ${parts.length ? parts.join(" and ") : "other rows"} still point at it. Delete or re-point those first.`;
}

/**
 * Deletes rows by key, counting what the foreign keys' ON DELETE actions do to other
 * tables (temporary triggers count each row removed or set to NULL). With `commit: false`
 * the transaction is rolled back: the grid's "what will this remove?" before it happens.
 */
export function deleteRows(
  project: Project,
  graph: SchemaGraph | undefined,
  input: { table: string; keys: CellValue[][] },
  options: { commit: boolean },
): DeleteImpact {
  return withDatabase(project, true, (database) => {
    const catalogue = readCatalogue(database, graph);
    const table = tableOf(catalogue, input.table);
    const tables = reachable(catalogue, table);
    database.exec("CREATE TEMP TABLE sf_counts (name TEXT PRIMARY KEY, deleted INTEGER NOT NULL, nulled INTEGER NOT NULL)");
    const insertCount = database.prepare("INSERT INTO temp.sf_counts VALUES (?, 0, 0)");
    tables.forEach((t, i) => {
      insertCount.run(t.name);
      const label = `'${t.name.replaceAll("'", "''")}'`;
      database.exec(
        `CREATE TEMP TRIGGER sf_deleted_${i} AFTER DELETE ON main.${quoteIdentifier(t.name)} BEGIN UPDATE sf_counts SET deleted = deleted + 1 WHERE name = ${label}; END;` +
          `CREATE TEMP TRIGGER sf_updated_${i} AFTER UPDATE ON main.${quoteIdentifier(t.name)} BEGIN UPDATE sf_counts SET nulled = nulled + 1 WHERE name = ${label}; END;`,
      );
    });
    const remove = database.transaction(() => {
      let deleted = 0;
      for (const key of input.keys) {
        const params: SqlValue[] = [];
        deleted += database
          .prepare(`DELETE FROM ${quoteIdentifier(table.name)} WHERE ${keyCondition(table, key, params)}`)
          .run(...params).changes;
      }
      if (deleted === 0) throw new GridRefused(`Those rows of ${table.name} no longer exist; reload the grid.`);
      const counts = database.prepare("SELECT name, deleted, nulled FROM temp.sf_counts").all() as {
        name: string;
        deleted: number;
        nulled: number;
      }[];
      const impact: DeleteImpact = {
        tables: counts
          .filter((c) => c.deleted || c.nulled)
          .sort((a, b) => (a.name === table.name ? -1 : b.name === table.name ? 1 : a.name.localeCompare(b.name)))
          .map((c) => ({ table: c.name, deleted: c.deleted, nulled: c.nulled })),
      };
      if (!options.commit) throw new Preview(impact);
      return impact;
    });
    try {
      return remove();
    } catch (error) {
      if (error instanceof Preview) return error.impact;
      // ON DELETE RESTRICT fails as SQLITE_CONSTRAINT_TRIGGER, NO ACTION as SQLITE_CONSTRAINT_FOREIGNKEY.
      const code = (error as { code?: string }).code;
      if (
        code === "SQLITE_CONSTRAINT_FOREIGNKEY" ||
        (code === "SQLITE_CONSTRAINT_TRIGGER" && /FOREIGN KEY/.test(String(error)))
      ) {
        const blocked = blockingReferences(database, table, input.keys);
        if (options.commit) throw new GridRefused(blocked);
        return { tables: [], blocked };
      }
      throw error;
    }
  });
}

/** Thrown to roll a preview's transaction back with its counts. */
class Preview extends Error {
  constructor(readonly impact: DeleteImpact) {
    super("preview");
  }
}
