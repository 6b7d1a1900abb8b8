"use server";

import { z } from "zod";
import { seedTutorial, type SeedResult } from "@/lib/data/seed";
import { listTables, readRows, type RowPage, type TableSummary } from "@/lib/data/tables";
import { currentProject } from "@/lib/project/project";
import { attempt, invalidInput, type ActionResult } from "./action-result";

/** The data panel's actions: seeding, and the rows of the database's tables. */

export async function seedAction(): Promise<ActionResult<{ result: SeedResult }>> {
  return attempt(async () => ({ result: await seedTutorial(currentProject()) }));
}

export async function listTablesAction(): Promise<ActionResult<{ tables: TableSummary[] }>> {
  return attempt(async () => ({ tables: listTables(currentProject()) }));
}

export async function readRowsAction(input: unknown): Promise<ActionResult<{ page: RowPage }>> {
  const parsed = z
    .object({ table: z.string().min(1), page: z.number().int().min(0), pageSize: z.number().int().min(1).max(500) })
    .safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return attempt(async () => ({ page: readRows(currentProject(), parsed.data.table, parsed.data) }));
}
