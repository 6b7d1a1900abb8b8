import type { Project } from "../project/project";
import type { SchemaGraph } from "../schema/graph";
import { GridRefused } from "./catalogue";
import { withGrid } from "./rows/database";

export interface TableSummary {
  name: string;
  rowCount: number;
  /** The schema's model for this table, when the schema has one (the canvas node it belongs to). */
  model?: string;
}

/** Every table of the database with its row count; empty when the database does not exist yet. */
export async function listTables(project: Project, graph?: SchemaGraph): Promise<TableSummary[]> {
  try {
    return await withGrid(project, false, async (database) => {
      const summaries: TableSummary[] = [];
      for (const table of (await database.catalogue(graph)).values()) {
        const [row] = await database.all(`SELECT count(*) AS n FROM ${table.sql}`, []);
        summaries.push({ name: table.name, rowCount: Number(row.n), ...(table.model && { model: table.model }) });
      }
      return summaries;
    });
  } catch (error) {
    if (error instanceof GridRefused) return [];
    throw error;
  }
}
