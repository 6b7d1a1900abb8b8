import type pg from "pg";
import type { Project } from "../../../project/project";
import { connectPostgres } from "../../../project/postgres";
import type { SchemaGraph } from "../../../schema/graph";
import { quoteIdentifier } from "../../catalogue";
import { columnName } from "../../../schema/graph";
import type { Analysis } from "../../sample/analysis";
import { checkDatabase, list, type DatabaseColumn } from "../../sample/checks";
import { readExistingWith } from "../../sample/existing";
import { planSteps } from "../../sample/plan";
import { SampleRefused, type PlannedTable, type SampleOptions, type SampleProgress, type SampleResult } from "../../sample/types";
import { projectSchemas } from "./catalogue";
import { copyRows, type CopyKind } from "./copy";

/**
 * Sample data on PostgreSQL: the same plan as on SQLite (lib/data/sample), written by COPY a
 * table at a time in one transaction that holds the tables against other writers. Ids the
 * plan numbered move their sequences past them, so the next insert does not collide.
 */

const COLUMNS = `
SELECT c.relname AS tbl, a.attname AS col, a.attnotnull AS required,
       a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '' AS "hasDefault",
       coalesce(a.attnum = ANY(pk.conkey), false) AS pk
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_constraint pk ON pk.conrelid = c.oid AND pk.contype = 'p'
WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p')`;

/** Per table, the columns whose values are written differently (Booleans, planned as 1/0). */
export function copyKinds(analysis: Analysis): Map<string, Map<string, CopyKind>> {
  return new Map(
    analysis.tables.map((spec) => [
      spec.table,
      new Map(spec.columns.map((c) => [c.name, c.field.type === "Boolean" ? ("boolean" as const) : ("other" as const)])),
    ]),
  );
}

/** The primary key's columns of a planned table, from its model. */
function keyColumns(analysis: Analysis, table: string): string[] {
  const model = analysis.tables.find((t) => t.table === table)?.model;
  if (!model) return [];
  const id = model.fields.find((f) => f.isId);
  if (id) return [columnName(id)];
  return (model.primaryKey?.fields ?? []).map((name) => columnName(model.fields.find((f) => f.name === name) ?? { name }));
}

/** Keys into tables inserted later (a cycle of optional keys), set once every table is in: copied beside, then joined. */
async function fillLater(client: pg.ClientBase, analysis: Analysis, table: PlannedTable, kinds: Map<string, CopyKind>) {
  const key = keyColumns(analysis, table.table);
  const columns = [...key, ...table.fillLater!];
  const at = columns.map((c) => table.columns.indexOf(c));
  if (!key.length || at.some((i) => i < 0)) {
    throw new SampleRefused(`${table.table} points at a table inserted after it, and has no key planned to set it by.`);
  }
  const names = columns.map(quoteIdentifier).join(", ");
  await client.query(
    `CREATE TEMP TABLE sf_later ON COMMIT DROP AS SELECT ${names} FROM ${quoteIdentifier(table.table)} WITH NO DATA`,
  );
  const rows = table.rows.filter((row) => table.fillLater!.some((c) => row[table.columns.indexOf(c)] !== null));
  await copyRows(
    client,
    "sf_later",
    columns.map((name) => ({ name, kind: kinds.get(name) ?? "other" })),
    rows.map((row) => at.map((i) => row[i])),
  );
  const set = table.fillLater!.map((c) => `${quoteIdentifier(c)} = l.${quoteIdentifier(c)}`).join(", ");
  const match = key.map((c) => `t.${quoteIdentifier(c)} = l.${quoteIdentifier(c)}`).join(" AND ");
  await client.query(`UPDATE ${quoteIdentifier(table.table)} t SET ${set} FROM sf_later l WHERE ${match}`);
  await client.query("DROP TABLE sf_later");
}

/** Sequences behind ids the plan numbered itself (autoincrement()) move past the largest (tables found on the search path). */
async function advanceSequences(client: pg.ClientBase, analysis: Analysis) {
  for (const spec of analysis.tables) {
    for (const column of spec.columns.filter((c) => c.field.default === "autoincrement()")) {
      await client.query(
        `SELECT setval(pg_get_serial_sequence($1, $2), m) FROM (SELECT max(${quoteIdentifier(column.name)}) AS m FROM ${quoteIdentifier(spec.table)}) AS largest WHERE m IS NOT NULL`,
        [quoteIdentifier(spec.table), column.name],
      );
    }
  }
}

export async function generatePostgresSample(
  project: Project,
  graph: SchemaGraph,
  analysis: Analysis,
  options: SampleOptions & { onProgress?: (progress: SampleProgress) => void },
): Promise<Omit<SampleResult, "ms">> {
  if (analysis.deferForeignKeys) {
    throw new SampleRefused(
      "The schema has a cycle of required foreign keys: PostgreSQL checks each at its row (Prisma's keys are not DEFERRABLE), so no order of inserts satisfies them.",
    );
  }
  // The project's schema, and in a multi-schema project every one its models live in (@@schema):
  // the tables are named on the search path (a name used in two of them is ambiguous).
  const schemas = [
    ...new Set([projectSchemas(project.databaseUrl, graph)[0], ...graph.models.flatMap((m) => (m.schema ? [m.schema] : []))]),
  ];
  const client = await connectPostgres(project.databaseUrl);
  try {
    checkDatabase((await client.query<DatabaseColumn>(COLUMNS, [schemas])).rows, analysis);
    const tables = [...analysis.tables.map((s) => s.table), ...analysis.joins.map((j) => j.table)];
    const kinds = copyKinds(analysis);
    let stage = "starting the transaction";
    try {
      await client.query("BEGIN");
      await client.query(`SET LOCAL search_path TO ${schemas.map(quoteIdentifier).join(", ")}`);
      // Other writers wait, so nothing changes between reading what is there and inserting; readers do not.
      if (tables.length) await client.query(`LOCK TABLE ${tables.map(quoteIdentifier).join(", ")} IN SHARE ROW EXCLUSIVE MODE`);
      stage = "reading the rows already there";
      const existing = await readExistingWith(
        { rows: async (sql) => (await client.query<unknown[]>({ text: sql, rowMode: "array" })).rows, order: "ctid" },
        analysis,
      );
      const later: PlannedTable[] = [];
      const done: SampleResult["tables"] = [];
      stage = "planning the rows";
      for (const table of planSteps(graph, analysis, existing, options, true)) {
        stage = `inserting into ${table.table}`;
        const total = table.rows.length;
        const blank = new Set((table.fillLater ?? []).map((c) => table.columns.indexOf(c)));
        if (blank.size) later.push(table);
        const rows = blank.size ? table.rows.map((row) => row.map((value, i) => (blank.has(i) ? null : value))) : table.rows;
        const columns = table.columns.map((name) => ({ name, kind: kinds.get(table.table)?.get(name) ?? ("other" as const) }));
        await copyRows(client, table.table, columns, rows, (n) => options.onProgress?.({ table: table.table, done: n, total }));
        options.onProgress?.({ table: table.table, done: total, total });
        done.push({ table: table.table, inserted: total, ...(table.short ? { short: table.short } : {}) });
        stage = "planning the rows";
      }
      for (const table of later) {
        stage = `setting ${table.table}.${list(table.fillLater!)}`;
        await fillLater(client, analysis, table, kinds.get(table.table) ?? new Map());
      }
      stage = "moving the id sequences past the new ids";
      await advanceSequences(client, analysis);
      stage = "committing";
      await client.query("COMMIT");
      return { tables: done, rows: done.reduce((sum, t) => sum + t.inserted, 0) };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      if (error instanceof SampleRefused) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new SampleRefused(`Nothing was generated: ${stage} failed: ${message}`);
    }
  } finally {
    await client.end().catch(() => {});
  }
}
