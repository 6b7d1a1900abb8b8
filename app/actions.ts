"use server";

import { z } from "zod";
import { attempt, invalidInput, refused, type ActionResult } from "./action-result";
import { applyRevision, planRevision, resetDatabase, type ApplyResult, type RevisionPlan } from "@/lib/migrate/revision";
import { importTooLarge, MAX_IMPORT_BYTES } from "@/lib/boundary/limits";
import { importUpload, type Imported } from "@/lib/import/open-any";
import { detectDrift, reconcileDrift, type Drift, type Reconciled } from "@/lib/migrate/drift";
import { readHistory, type RevisionEntry } from "@/lib/migrate/history";
import { rollbackLast, type RollbackResult } from "@/lib/migrate/rollback";
import { schemaDdl } from "@/lib/migrate/schema-sql";
import { currentProject } from "@/lib/project/project";
import { layoutSchema, openSchema, replaceSchema, saveLayout, saveSchema } from "@/lib/project/schema-store";
import { schemaGraphSchema, type SchemaGraph } from "@/lib/schema/graph";
import { isDatabaseRename, type DatabaseRename } from "@/lib/schema/renames";
import { checkSchemaText, type TextDiagnostic } from "@/lib/schema/text-check";

/**
 * The browser's only way in. Each action parses its input, calls one lib function and
 * returns a result; none throws to the browser.
 */

export async function saveSchemaAction(input: unknown): Promise<ActionResult<{ version: string; written: boolean }>> {
  const parsed = z
    .object({
      graph: schemaGraphSchema,
      layout: layoutSchema.optional(),
      renames: z.array(z.custom<DatabaseRename>(isDatabaseRename)).optional(),
    })
    .safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const result = await saveSchema(currentProject(), parsed.data.graph, parsed.data.layout, parsed.data.renames);
    if (!result.ok) {
      return { ok: false, error: "The schema was refused; prisma/schema.prisma was not changed.", problems: result.problems };
    }
    // The browser needs to know which file its design matches, not the whole text.
    return { ok: true, version: result.version, written: result.written };
  } catch (error) {
    return refused(error);
  }
}

export async function saveLayoutAction(input: unknown): Promise<ActionResult<object>> {
  const parsed = layoutSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await saveLayout(currentProject(), parsed.data);
    return { ok: true };
  } catch (error) {
    return refused(error);
  }
}

export async function previewRevisionAction(): Promise<ActionResult<{ plan: RevisionPlan }>> {
  return attempt(async () => ({ plan: await planRevision(currentProject()) }));
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
  return attempt(async () => ({ result: await applyRevision(currentProject(), parsed.data) }));
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
  return attempt(async () => ({ sql: await schemaDdl((await openSchema(currentProject())).text) }));
}

/**
 * An uploaded schema.prisma, models.py or SQLite database, imported into a schema text
 * that the browser shows for confirmation; nothing is written here.
 */
export async function importFileAction(form: FormData): Promise<ActionResult<Imported>> {
  const file = form.get("file");
  if (!(file instanceof File)) return { ok: false, error: "Choose a file to import." };
  if (file.size > MAX_IMPORT_BYTES) return { ok: false, error: `${importTooLarge(file.name, file.size)}.` };
  return attempt(async () => ({ ...(await importUpload(file.name, Buffer.from(await file.arrayBuffer()))) }));
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
  return attempt(async () => ({ history: await readHistory(currentProject()) }));
}

export async function rollbackAction(input: unknown): Promise<ActionResult<{ result: RollbackResult }>> {
  const parsed = z.object({ acceptDataLoss: z.boolean().optional() }).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return attempt(async () => ({ result: await rollbackLast(currentProject(), parsed.data) }));
}

export async function driftAction(): Promise<ActionResult<{ drift: Drift }>> {
  return attempt(async () => ({ drift: await detectDrift(currentProject()) }));
}

/** Deletes the development database and applies every revision to a new one. */
export async function resetDatabaseAction(): Promise<ActionResult<{ applied: string[] }>> {
  return attempt(async () => ({ applied: await resetDatabase(currentProject()) }));
}

/**
 * "Keep the database's changes": records the drift as a revision marked applied; nothing
 * runs on the database. Refused when there is no drift.
 */
export async function reconcileDriftAction(input: unknown): Promise<ActionResult<{ result: Reconciled }>> {
  const parsed = z.object({ name: z.string().trim().max(100).optional() }).safeParse(input ?? {});
  if (!parsed.success) return invalidInput(parsed.error);
  return attempt(async () => ({ result: await reconcileDrift(currentProject(), parsed.data) }));
}
