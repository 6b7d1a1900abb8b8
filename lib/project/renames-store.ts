import fs from "node:fs/promises";
import { serialized } from "../migrate/serial";
import { chainRenames, isDatabaseRename, type DatabaseRename } from "../schema/renames";
import { writeFileAtomic } from "./atomic-write";
import type { Project } from "./project";

/** The renames made on the canvas since the last revision. */
export async function readRenames(project: Project): Promise<DatabaseRename[]> {
  try {
    // Checked without zod: this is on the CLI's path, and zod is 90% of its bundle.
    const renames: unknown = JSON.parse(await fs.readFile(project.renamesPath, "utf8"));
    return Array.isArray(renames) && renames.every(isDatabaseRename) ? renames : [];
  } catch {
    return [];
  }
}

export async function writeRenames(project: Project, renames: DatabaseRename[]): Promise<void> {
  if (renames.length) await writeFileAtomic(project.renamesPath, `${JSON.stringify(renames, null, 2)}\n`);
  else await fs.rm(project.renamesPath, { force: true });
}

/** A revision carried the renames out: none are pending any more. */
export async function clearRenames(project: Project): Promise<void> {
  await fs.rm(project.renamesPath, { force: true });
}

/** The renames that undo `renames` (the last first, each the other way round). */
export function inverseRenames(renames: DatabaseRename[]): DatabaseRename[] {
  return renames.toReversed().map((r) => ({ ...r, from: r.to, to: r.from }));
}

/**
 * A revision carried out `applied` (the renames it was planned with): what is pending now is
 * what the file holds, seen from the database as it is after them. A rename saved while
 * the revision was applied is kept (A→B applied, A→C pending: B→C), never wiped. Queued
 * with the schema's writes, which record renames.
 */
export function settleRenames(project: Project, applied: DatabaseRename[]): Promise<void> {
  return serialized(project.schemaPath, async () => {
    await writeRenames(project, chainRenames(inverseRenames(applied), await readRenames(project)));
  });
}
