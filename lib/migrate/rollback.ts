import fs from "node:fs/promises";
import path from "node:path";
import type { Project } from "../project/project";
import { writeFileAtomic } from "../project/atomic-write";
import type { Rehearsal } from "./data-loss";
import { readHistory } from "./history";
import { migrationDatabase } from "./database";
import { DOWN_FILE, LOCKFILE_NAME, lockfileContent, SNAPSHOT_FILE, setAsideRevision } from "./migrations-dir";
import { renamesIn } from "../schema/renames";

export type RollbackResult =
  | { status: "rolled-back"; revision: string }
  | { status: "nothing-to-roll-back" }
  | { status: "needs-data-loss-consent" | "rehearsal-failed"; revision: string; rehearsal: Rehearsal };

/**
 * `alembic downgrade -1`: the last applied revision's down.sql runs (rehearsed on a copy
 * first, like any revision, with the same consent for data loss), its history row goes,
 * its folder moves to prisma/rolled-back/, and prisma/schema.prisma returns to what the
 * previous revision made.
 */
export function rollbackLast(project: Project, options: { acceptDataLoss?: boolean } = {}): Promise<RollbackResult> {
  const database = migrationDatabase(project);
  return database.exclusively(async () => {
    const history = await readHistory(project);
    const head = history.find((entry) => entry.head);
    if (!head) return { status: "nothing-to-roll-back" as const };
    if (!head.reversible)
      throw new Error(`${head.name} has no down.sql (it was not made by Schemaflow), so it cannot be rolled back here`);
    const directory = path.join(project.migrationsDir, head.name);
    const downSql = await fs.readFile(path.join(directory, DOWN_FILE), "utf8");
    const previous = history
      .slice(0, history.indexOf(head))
      .reverse()
      .find((e) => e.state === "applied" || e.state === "edited");
    const snapshot = previous
      ? await fs.readFile(path.join(project.migrationsDir, previous.name, SNAPSHOT_FILE), "utf8").catch(() => null)
      : await fs.readFile(path.join(directory, SNAPSHOT_FILE), "utf8").then(emptySchema, () => null);
    if (snapshot === null)
      throw new Error(`the schema before ${head.name} was not kept, so prisma/schema.prisma cannot be restored`);

    const rehearsal = await database.rehearse(
      {
        baseDir: project.migrationsDir,
        lockfile: { path: LOCKFILE_NAME, content: lockfileContent(database.provider) },
        shadowDbInitScript: "",
        migrationDirectories: [
          { path: `rollback of ${head.name}`, migrationFile: { path: DOWN_FILE, content: { tag: "ok", value: downSql } } },
        ],
      },
      renamesIn(downSql), // a rename undone is not a table or column lost
    );
    if (!rehearsal.ok) return { status: "rehearsal-failed" as const, revision: head.name, rehearsal };
    if (rehearsal.losses.length && !options.acceptDataLoss)
      return { status: "needs-data-loss-consent" as const, revision: head.name, rehearsal };

    await database.revert(head.name, downSql);
    await setAsideRevision(project.migrationsDir, head.name);
    await writeFileAtomic(project.schemaPath, snapshot);
    return { status: "rolled-back" as const, revision: head.name };
  });
}

/** The schema before the first revision: its generator and datasource blocks, no models. */
function emptySchema(snapshot: string): string {
  const blocks = snapshot.match(/^(generator|datasource)\s+\w+\s*\{[^}]*\}/gm) ?? [];
  return `${blocks.join("\n\n")}\n`;
}
