/**
 * Writing sample data: the project's schema read and analysed, then written by its database's
 * dialect (lib/data/dialects/<database>/sample) in one transaction; and the INSERT statement
 * of a planned table.
 */

import fs from "node:fs/promises";
import { isPostgresUrl, type Project } from "../../project/project";
import { parseSchema } from "../../schema/parse";
import { quoteIdentifier } from "../catalogue";
import { generatePostgresSample } from "../dialects/postgresql/sample";
import { generateSqliteSample } from "../dialects/sqlite/sample";
import { analyze } from "./analysis";
import { checkOptions } from "./checks";
import type { PlannedTable, SampleOptions, SampleProgress, SampleResult } from "./types";

/** INSERT INTO "table" ("a", "b") VALUES (?, ?): one statement per table, prepared once. */
export function insertStatement(table: PlannedTable): string {
  return `INSERT INTO ${quoteIdentifier(table.table)} (${table.columns.map(quoteIdentifier).join(", ")}) VALUES (${table.columns.map(() => "?").join(", ")})`;
}

/**
 * Generates `rows` rows for every table of the project's schema and inserts them in one
 * transaction: all of them, or (on any error) none, reporting progress as it goes so a
 * server can stream it.
 */
export async function generateSampleData(
  project: Project,
  options: SampleOptions & { onProgress?: (progress: SampleProgress) => void },
): Promise<SampleResult> {
  const started = performance.now();
  checkOptions(options);
  const graph = parseSchema(await fs.readFile(project.schemaPath, "utf8"));
  const analysis = analyze(graph);
  const written = await (isPostgresUrl(project.databaseUrl) ? generatePostgresSample : generateSqliteSample)(
    project,
    graph,
    analysis,
    options,
  );
  return { ...written, ms: performance.now() - started };
}
