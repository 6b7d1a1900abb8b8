import Database from "better-sqlite3";
import type { Project } from "../project/project";
import { quoteIdentifier, readCatalogue } from "./catalogue";

export interface TableSummary {
  name: string;
  rowCount: number;
  /** The schema's model for this table, when the schema has one (the canvas node it belongs to). */
  model?: string;
}

/** Every table of the database with its row count; empty when the database does not exist yet. */
export function listTables(project: Project, graph?: Parameters<typeof readCatalogue>[1]): TableSummary[] {
  let database: Database.Database;
  try {
    database = new Database(project.databasePath, { readonly: true, fileMustExist: true });
  } catch {
    return [];
  }
  try {
    return [...readCatalogue(database, graph).values()].map((table) => ({
      name: table.name,
      rowCount: (database.prepare(`SELECT count(*) AS n FROM ${quoteIdentifier(table.name)}`).get() as { n: number }).n,
      ...(table.model && { model: table.model }),
    }));
  } finally {
    database.close();
  }
}
