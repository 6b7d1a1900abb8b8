import fs from "node:fs/promises";
import { z } from "zod";
import type { DatabaseRename } from "../schema/renames";
import { writeFileAtomic } from "./atomic-write";
import type { Project } from "./project";

export const renameSchema = z.array(
  z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("table"), from: z.string(), to: z.string() }),
    z.object({ kind: z.literal("column"), table: z.string(), from: z.string(), to: z.string() }),
  ]),
);

/** The renames made on the canvas since the last revision. */
export async function readRenames(project: Project): Promise<DatabaseRename[]> {
  try {
    const parsed = renameSchema.safeParse(JSON.parse(await fs.readFile(project.renamesPath, "utf8")));
    return parsed.success ? parsed.data : [];
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
