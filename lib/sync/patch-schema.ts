import { z } from "zod";
import { areaSchema, nodeLayoutSchema, savedViewSchema } from "../layout/layout-file";
import { enumSchema, fieldSchema, modelSchema, schemaGraphSchema } from "../schema/graph";
import { parseKey, type ElementChange } from "./patch";
import type { PatchResult } from "./schema-head";

/**
 * A patch as it arrives from a tab, checked before anything reads it: each element's value
 * against the graph's own zod schemas (by the kind its key names), sizes bounded.
 */

const shellSchema = modelSchema.omit({ fields: true }).extend({ fieldIds: z.array(z.string().max(500)).max(2000) });
const topSchema = schemaGraphSchema.omit({ models: true, enums: true, order: true });

const valueSchemas = { schema: topSchema, model: shellSchema, field: fieldSchema, enum: enumSchema };

const changeSchema = z
  .object({ key: z.string().min(1).max(1000), value: z.unknown() })
  .superRefine((change, context) => {
    let kind: keyof typeof valueSchemas;
    try {
      kind = parseKey(change.key).kind;
    } catch (error) {
      context.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
      return;
    }
    if (change.value === null) return;
    const checked = valueSchemas[kind].safeParse(change.value);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      context.addIssue({ code: "custom", message: `${change.key}: ${issue?.path.join(".") || "value"}: ${issue?.message}` });
    }
  })
  .transform((change) => change as ElementChange);

export const patchRequestSchema = z.object({
  base: z.object({ version: z.number().int().nonnegative(), hash: z.string().max(64) }),
  changes: z.array(changeSchema).max(20_000),
  layout: z.record(z.string().max(500), nodeLayoutSchema.nullable()).optional(),
  /** Areas and saved views changed (lib/layout/board), by id; null removes one. */
  board: z
    .object({
      areas: z.record(z.string().max(100), areaSchema.nullable()).optional(),
      views: z.record(z.string().max(100), savedViewSchema.nullable()).optional(),
    })
    .optional(),
  /** The tab's id, random per page load: whose change a version is. */
  by: z.string().min(8).max(64),
});

/**
 * The server's answer to a patch: schema-head's result, a conflict without the head and the
 * missed versions (the tab reads the server's design again after one).
 */
export type PatchAnswer =
  Exclude<PatchResult, { kind: "conflict" }> | Omit<Extract<PatchResult, { kind: "conflict" }>, "head" | "missed">;
