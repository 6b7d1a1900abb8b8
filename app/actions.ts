"use server";

import { z } from "zod";
import { attempt, invalidInput, refused, type ActionResult } from "./action-result";
import { databaseProject } from "@/lib/project/database-project";
import { applyRevision, planRevision, resetDatabase, type ApplyResult, type RevisionPlan } from "@/lib/migrate/revision";
import { importTooLarge, MAX_IMPORT_BYTES } from "@/lib/boundary/limits";
import { importAny, importUpload, type Imported } from "@/lib/import/open-any";
import { detectDrift, reconcileDrift, type Drift, type Reconciled } from "@/lib/migrate/drift";
import { readHistory, type RevisionEntry } from "@/lib/migrate/history";
import { rollbackLast, type RollbackResult } from "@/lib/migrate/rollback";
import { schemaDdl } from "@/lib/migrate/schema-sql";
import { currentProject, projectDialect } from "@/lib/project/project";
import { openSchema, readLayout, replaceSchema, type Layout } from "@/lib/project/schema-store";
import { boardById, type Board } from "@/lib/layout/board";
import { updatePresence } from "@/lib/sync/presence";
import { rateLimiter } from "@/lib/sync/rate-limit";
import { currentHead } from "@/lib/sync/schema-head";
import type { SchemaGraph } from "@/lib/schema/graph";
import { checkSchemaText, type TextDiagnostic } from "@/lib/schema/text-check";

/**
 * The browser's way in, beside the routes of app/api (a tab's edits go to api/schema). Each
 * action parses its input, calls one lib function and returns a result; none throws to the
 * browser.
 */

const allowPresence = rateLimiter({ perSecond: 10, burst: 20 });

/** A tab says who it is and what it has selected; every other open tab is told. */
export async function presenceAction(input: unknown): Promise<ActionResult<object>> {
  const parsed = z
    .object({
      by: z.string().min(8).max(64),
      name: z.string().trim().max(40),
      selection: z.array(z.string().max(500)).max(200),
    })
    .safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  if (!allowPresence(parsed.data.by)) return { ok: false, error: "Too many presence updates from this tab." };
  updatePresence(currentProject().schemaPath, parsed.data);
  return { ok: true };
}

/** The schema as the server holds it now (a tab that must catch up: after a conflict, or a restart). */
export async function readSchemaHeadAction(): Promise<
  ActionResult<{
    graph: SchemaGraph;
    version: number;
    hash: string;
    layout: Layout;
    board: Board;
    fileProblems?: string[];
  }>
> {
  return attempt(async () => {
    const project = currentProject();
    const head = await currentHead(project);
    const { file } = await readLayout(project, head.graph);
    return {
      graph: head.graph,
      version: head.version,
      hash: head.hash,
      layout: file.positions,
      board: boardById(head.graph, file.board),
      fileProblems: head.fileProblems,
    };
  });
}

export async function previewRevisionAction(): Promise<ActionResult<{ plan: RevisionPlan }>> {
  return attempt(async () => ({ plan: await planRevision(await databaseProject()) }));
}

export async function applyRevisionAction(input: unknown): Promise<ActionResult<{ result: ApplyResult }>> {
  const parsed = z
    .object({
      name: z
        .string()
        .trim()
        .min(1, "give the revision a name")
        .max(100)
        .regex(/[A-Za-z0-9]/, "use letters or digits in the name"),
      expectedSql: z.string().optional(),
      acceptDataLoss: z.boolean().optional(),
    })
    .safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return attempt(async () => ({ result: await applyRevision(await databaseProject(), parsed.data) }));
}

export async function readSchemaTextAction(): Promise<ActionResult<{ text: string; version: string }>> {
  try {
    const { text, version } = await openSchema(currentProject());
    return { ok: true, text, version };
  } catch (error) {
    return refused(error);
  }
}

export async function checkSchemaTextAction(
  input: unknown,
): Promise<ActionResult<{ graph: SchemaGraph }> & { diagnostics?: TextDiagnostic[] }> {
  const parsed = z.string().max(MAX_IMPORT_BYTES).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const result = checkSchemaText(parsed.data);
  return result.ok
    ? result
    : { ok: false, error: "The text is not a valid schema yet; the file is unchanged.", diagnostics: result.diagnostics };
}

export async function exportSqlAction(): Promise<ActionResult<{ sql: string }>> {
  return attempt(async () => ({ sql: await schemaDdl((await openSchema(await databaseProject())).text) }));
}

/**
 * An uploaded schema.prisma, models.py or SQLite database, imported into a schema text
 * that the browser shows for confirmation; nothing is written here.
 */
export async function importFileAction(form: FormData): Promise<ActionResult<Imported>> {
  const file = form.get("file");
  if (!(file instanceof File)) return { ok: false, error: "Choose a file to import." };
  if (file.size > MAX_IMPORT_BYTES) return { ok: false, error: `${importTooLarge(file.name, file.size)}.` };
  const dialect = projectDialect(currentProject());
  return attempt(async () => ({ ...(await importUpload(file.name, Buffer.from(await file.arrayBuffer()), dialect)) }));
}

/** A live PostgreSQL database's schema, by the engine's introspection of its URL (nothing is written). */
export async function importDatabaseAction(input: unknown): Promise<ActionResult<Imported>> {
  const parsed = z
    .string()
    .max(2000)
    .regex(/^postgres(ql)?:\/\//, "A database URL starts with postgresql://")
    .safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return attempt(async () => ({ ...(await importAny(parsed.data)) }));
}

/** Replaces the project's schema with an imported one (checked again, written atomically). */
export async function replaceSchemaAction(input: unknown): Promise<ActionResult<object>> {
  const parsed = z.string().max(MAX_IMPORT_BYTES).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await replaceSchema(currentProject(), parsed.data);
    return { ok: true };
  } catch (error) {
    return refused(error);
  }
}

export async function historyAction(): Promise<ActionResult<{ history: RevisionEntry[] }>> {
  return attempt(async () => ({ history: await readHistory(await databaseProject()) }));
}

export async function rollbackAction(input: unknown): Promise<ActionResult<{ result: RollbackResult }>> {
  const parsed = z.object({ acceptDataLoss: z.boolean().optional() }).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return attempt(async () => ({ result: await rollbackLast(await databaseProject(), parsed.data) }));
}

export async function driftAction(): Promise<ActionResult<{ drift: Drift }>> {
  return attempt(async () => ({ drift: await detectDrift(await databaseProject()) }));
}

/** Deletes the development database and applies every revision to a new one. */
export async function resetDatabaseAction(): Promise<ActionResult<{ applied: string[] }>> {
  return attempt(async () => ({ applied: await resetDatabase(await databaseProject()) }));
}

/**
 * "Keep the database's changes": records the drift as a revision marked applied; nothing
 * runs on the database. Refused when there is no drift.
 */
export async function reconcileDriftAction(input: unknown): Promise<ActionResult<{ result: Reconciled }>> {
  const parsed = z.object({ name: z.string().trim().max(100).optional() }).safeParse(input ?? {});
  if (!parsed.success) return invalidInput(parsed.error);
  return attempt(async () => ({ result: await reconcileDrift(await databaseProject(), parsed.data) }));
}
