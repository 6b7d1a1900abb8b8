// Sample data (issue #6): generateSampleData as a whole (read the schema, check the database,
// plan, insert in one transaction) against better-sqlite3 inserting the very same planned
// rows with one prepared statement per table in one transaction. Medians of 3 fresh
// migrated projects. Runs on its own (node --import tsx bench/sample.ts) or from bench/run.ts.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { generateSampleData, insertStatement, planSampleRows, readExisting } from "../lib/data/sample";
import { applyRevision } from "../lib/migrate/revision";
import type { Project } from "../lib/project/project";
import { parseSchema } from "../lib/schema/parse";
import { generatedSchema } from "../lib/testing/generated-schema";
import { removeProject, tempProject } from "../lib/testing/temp-project";

const RUNS = 3;
const SEED = 1;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const whole = (value: number) => Math.round(value);

/** A fresh project with its database migrated: a copy of one migrated once (the engine is not what is measured). */
function copyOf(template: Project, schema: string | undefined): Project {
  const project = tempProject(schema);
  fs.copyFileSync(template.databasePath, project.databasePath);
  fs.cpSync(template.migrationsDir, project.migrationsDir, { recursive: true });
  return project;
}

/** better-sqlite3 alone: the plan's rows, a prepared statement per table, one transaction. */
async function insertPlanned(project: Project, rowsPerTable: number): Promise<{ ms: number; rows: number }> {
  const database = new Database(project.databasePath);
  try {
    database.pragma("foreign_keys = ON");
    const graph = parseSchema(fs.readFileSync(project.schemaPath, "utf8"));
    const plan = planSampleRows(graph, await readExisting(database, graph), { rows: rowsPerTable, seed: SEED });
    const start = process.hrtime.bigint();
    database.exec("BEGIN IMMEDIATE");
    // (Neither benchmarked schema has a cycle of foreign keys; if one had, COMMIT would check them.)
    if (plan.deferForeignKeys || plan.tables.some((t) => t.fillLater)) database.pragma("defer_foreign_keys = ON");
    let rows = 0;
    for (const table of plan.tables) {
      if (!table.rows.length) continue;
      const statement = database.prepare(insertStatement(table));
      for (const row of table.rows) statement.run(row);
      rows += table.rows.length;
    }
    database.exec("COMMIT");
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, rows };
  } finally {
    database.close();
  }
}

async function shape(label: string, schema: string | undefined, rowsPerTable: number): Promise<string[]> {
  const template = tempProject(schema);
  try {
    await applyRevision(template, { name: "init" });
    const ours: number[] = [];
    const sqlite: number[] = [];
    let rows = 0;
    for (let run = 0; run < RUNS; run++) {
      const project = copyOf(template, schema);
      const baseline = copyOf(template, schema);
      try {
        const result = await generateSampleData(project, { rows: rowsPerTable, seed: SEED });
        ours.push(result.ms);
        rows = result.rows;
        const same = await insertPlanned(baseline, rowsPerTable);
        if (same.rows !== rows) throw new Error(`the baseline inserted ${same.rows} rows, generateSampleData ${rows}`);
        sqlite.push(same.ms);
      } finally {
        removeProject(project);
        removeProject(baseline);
      }
    }
    const generate = median(ours);
    const insert = median(sqlite);
    return [
      `sample ${label} rows=${rows} rows_per_table=${rowsPerTable} generate_ms=${whole(generate)} rows_per_s=${whole((rows / generate) * 1000)} (median of ${RUNS}, fresh migrated database)`,
      `sample ${label} sqlite_same_rows_one_transaction_ms=${whole(insert)} rows_per_s=${whole((rows / insert) * 1000)}`,
      `sample ${label} generate_vs_sqlite=${(generate / insert).toFixed(2)}x (target: within 3x)`,
    ];
  } finally {
    removeProject(template);
  }
}

/** The figures for issue #6's sample data, one printable line each. */
export async function benchSample(): Promise<string[]> {
  return [...(await shape("tutorial", undefined, 50_000)), ...(await shape("generated20", generatedSchema(20), 500))];
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  for (const line of await benchSample()) console.log(line);
}
