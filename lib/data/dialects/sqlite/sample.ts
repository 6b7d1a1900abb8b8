import Database from "better-sqlite3";
import type { Project } from "../../../project/project";
import type { SchemaGraph } from "../../../schema/graph";
import { quoteIdentifier } from "../../catalogue";
import { analyze, type Analysis } from "../../sample/analysis";
import { capitalize, checkDatabase, list, missingTablesText, type DatabaseColumn } from "../../sample/checks";
import { readExistingWith, type ExistingReader } from "../../sample/existing";
import { planSteps } from "../../sample/plan";
import {
  SampleRefused,
  type ExistingData,
  type PlannedTable,
  type SampleOptions,
  type SampleProgress,
  type SampleResult,
} from "../../sample/types";
import { insertStatement } from "../../sample/write";

/**
 * Sample data on a SQLite file: the plan (lib/data/sample) inserted a row at a time through
 * one prepared statement per table, in one transaction that takes the write lock first,
 * yielding to the event loop every few thousand rows with progress.
 */

const YIELD_EVERY = 4096;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** SQLite's catalogue of columns, for checkDatabase. */
function sqliteColumns(database: Database.Database): DatabaseColumn[] {
  const rows = database
    .prepare(
      `SELECT m.name AS tbl, p.name AS col, p."notnull" AS required, p.dflt_value AS dflt, p.pk AS pk
       FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'`,
    )
    .all() as { tbl: string; col: string; required: number; dflt: string | null; pk: number }[];
  return rows.map((r) => ({ tbl: r.tbl, col: r.col, required: r.required === 1, hasDefault: r.dflt !== null, pk: r.pk > 0 }));
}

/** A SQLite database as \`readExistingWith\` reads it. */
export function sqliteReader(database: Database.Database): ExistingReader {
  return { rows: async (sql) => database.prepare(sql).raw().all() as unknown[][], order: "rowid" };
}

/** What `planSampleRows` needs to know about the rows this SQLite database already holds. */
export function readExisting(database: Database.Database, graph: SchemaGraph): Promise<ExistingData> {
  return readExistingWith(sqliteReader(database), analyze(graph));
}

export async function generateSqliteSample(
  project: Project,
  graph: SchemaGraph,
  analysis: Analysis,
  options: SampleOptions & { onProgress?: (progress: SampleProgress) => void },
): Promise<Omit<SampleResult, "ms">> {
  let database: Database.Database;
  try {
    database = new Database(project.databasePath, { fileMustExist: true });
  } catch {
    const tables = [...analysis.tables.map((s) => s.table), ...analysis.joins.map((j) => j.table)];
    throw new SampleRefused(`${capitalize(missingTablesText(tables))}: run Migrate first.`);
  }
  try {
    database.pragma("busy_timeout = 5000");
    database.pragma("foreign_keys = ON");
    checkDatabase(sqliteColumns(database), analysis);
    let stage = "starting the transaction";
    try {
      // The write lock first, so nothing changes between reading what is there and inserting.
      database.exec("BEGIN IMMEDIATE");
      stage = "reading the rows already there";
      const existing = await readExistingWith(sqliteReader(database), analysis);
      if (analysis.deferForeignKeys) database.pragma("defer_foreign_keys = ON");
      let sinceYield = 0;
      const later: { table: PlannedTable; at: number[]; rowids: (number | bigint)[] }[] = [];
      const done: SampleResult["tables"] = [];
      // Each table is inserted before the next is planned (and its rows then let go).
      const steps = planSteps(graph, analysis, existing, options, true);
      for (;;) {
        stage = "planning the rows";
        const step = steps.next();
        if (step.done) break;
        const table = step.value;
        stage = `inserting into ${table.table}`;
        const total = table.rows.length;
        const at = table.fillLater?.map((column) => table.columns.indexOf(column)) ?? [];
        const rowids: (number | bigint)[] = [];
        if (at.length) later.push({ table, at, rowids });
        if (total) {
          const statement = database.prepare(insertStatement(table));
          const rows = table.rows;
          for (let i = 0; i < total; i++) {
            if (at.length) {
              const staged = rows[i].slice();
              for (const p of at) staged[p] = null;
              rowids.push(statement.run(staged).lastInsertRowid);
            } else statement.run(rows[i]);
            if (++sinceYield >= YIELD_EVERY) {
              sinceYield = 0;
              options.onProgress?.({ table: table.table, done: i + 1, total });
              await yieldToEventLoop();
            }
          }
        }
        options.onProgress?.({ table: table.table, done: total, total });
        done.push({ table: table.table, inserted: total, ...(table.short ? { short: table.short } : {}) });
      }
      // Every table is in: the keys that point at tables inserted later get their values.
      for (const { table, at, rowids } of later) {
        stage = `setting ${table.table}.${table.fillLater!.join(", ")}`;
        const update = database.prepare(
          `UPDATE ${quoteIdentifier(table.table)} SET ${table.fillLater!.map((c) => `${quoteIdentifier(c)} = ?`).join(", ")} WHERE rowid = ?`,
        );
        table.rows.forEach((row, i) => {
          if (at.some((p) => row[p] !== null)) update.run([...at.map((p) => row[p]), rowids[i]]);
        });
      }
      stage = "committing";
      try {
        database.exec("COMMIT");
      } catch (error) {
        // Deferred foreign keys fail at COMMIT without saying where: ask SQLite which rows.
        const planned = new Set(done.map((t) => t.table));
        const broken = analysis.deferForeignKeys
          ? (database.prepare("PRAGMA foreign_key_check").all() as { table: string; parent: string }[]).filter((b) =>
              planned.has(b.table),
            )
          : [];
        if (broken.length) stage = `committing (${list([...new Set(broken.map((b) => `${b.table} → ${b.parent}`))])})`;
        throw error;
      }
      return { tables: done, rows: done.reduce((sum, t) => sum + t.inserted, 0) };
    } catch (error) {
      if (database.inTransaction) database.exec("ROLLBACK");
      if (error instanceof SampleRefused) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new SampleRefused(`Nothing was generated: ${stage} failed: ${message}`);
    }
  } finally {
    database.close();
  }
}
