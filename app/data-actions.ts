"use server";

import { z } from "zod";
import {
  backReferences,
  countRows,
  deleteRows,
  insertRow,
  readRows,
  updateCell,
  type BackReference,
  type DeleteImpact,
  type GridRow,
  type RowsPage,
} from "@/lib/data/rows";
import { FILTER_OPERATORS } from "@/lib/data/filters";
import { seedTutorial, type SeedResult } from "@/lib/data/seed";
import { listTables, type TableSummary } from "@/lib/data/tables";
import type { Project } from "@/lib/project/project";
import type { SchemaGraph } from "@/lib/schema/graph";
import { schemaGraphIfValid } from "@/lib/project/schema-store";
import { attempt, invalidInput, type ActionResult } from "./action-result";
import { databaseProject, describeDatabase, type DatabaseDescription } from "@/lib/project/database-project";

/**
 * The data panel's actions: seeding, and the rows of the database's tables. A table or
 * column named here only picks one from the database's catalogue (lib/data/catalogue).
 */

const name = z.string().min(1).max(500);
const cell = z.union([z.string().max(1_000_000), z.number(), z.null()]);
const key = z.array(cell).min(1).max(32);
const filters = z
  .array(z.object({ column: name, op: z.enum(FILTER_OPERATORS), value: z.string().max(10_000).optional() }))
  .max(50);
const sort = z.object({ column: name, direction: z.enum(["asc", "desc"]) });

/** Work on the rows, given the project and its schema (when valid), on its database (SQLite or PostgreSQL). */
function onRows<T extends object>(
  work: (project: Project, graph: SchemaGraph | undefined) => Promise<T>,
): Promise<ActionResult<T>> {
  return attempt(async () => {
    const project = await databaseProject();
    return work(project, await schemaGraphIfValid(project));
  });
}

export async function seedAction(): Promise<ActionResult<{ result: SeedResult }>> {
  return attempt(async () => ({ result: await seedTutorial(await databaseProject()) }));
}

export async function listTablesAction(): Promise<ActionResult<{ tables: TableSummary[]; database: DatabaseDescription }>> {
  return onRows(async (project, graph) => ({ tables: await listTables(project, graph), database: describeDatabase(project) }));
}

export async function readRowsAction(input: unknown): Promise<ActionResult<{ page: RowsPage }>> {
  const parsed = z
    .object({
      table: name,
      filters: filters.optional(),
      sort: sort.optional(),
      after: z.object({ value: cell.optional(), row: key }).optional(),
      limit: z.number().int().min(1).max(500),
    })
    .safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return onRows(async (project, graph) => ({ page: await readRows(project, graph, parsed.data) }));
}

export async function countRowsAction(input: unknown): Promise<ActionResult<{ count: number }>> {
  const parsed = z.object({ table: name, filters: filters.optional() }).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return onRows(async (project, graph) => ({ count: await countRows(project, graph, parsed.data.table, parsed.data.filters) }));
}

export async function updateCellAction(input: unknown): Promise<ActionResult<{ row: GridRow }>> {
  const parsed = z.object({ table: name, key, column: name, value: z.string().max(1_000_000).nullable() }).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return onRows(async (project, graph) => ({ row: await updateCell(project, graph, parsed.data) }));
}

export async function insertRowAction(input: unknown): Promise<ActionResult<{ row: GridRow }>> {
  const parsed = z.object({ table: name, values: z.record(name, z.string().max(1_000_000).nullable()) }).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return onRows(async (project, graph) => ({ row: await insertRow(project, graph, parsed.data) }));
}

export async function deleteRowsAction(input: unknown): Promise<ActionResult<{ impact: DeleteImpact }>> {
  const parsed = z.object({ table: name, keys: z.array(key).min(1).max(1000), commit: z.boolean() }).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return onRows(async (project, graph) => ({
    impact: await deleteRows(project, graph, parsed.data, { commit: parsed.data.commit }),
  }));
}

export async function backReferencesAction(input: unknown): Promise<ActionResult<{ references: BackReference[] }>> {
  const parsed = z.object({ table: name, key }).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return onRows(async (project, graph) => ({ references: await backReferences(project, graph, parsed.data) }));
}
