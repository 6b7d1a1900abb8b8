import fs from "node:fs/promises";
import { isDatabaseRename, type DatabaseRename } from "../schema/renames";
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
