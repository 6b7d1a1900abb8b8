import { spawn, type ChildProcessByStdio } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { afterEach, describe, expect, test } from "vitest";
import type { Project } from "../project/project";
import { execSql } from "../testing/query";
import { removeProject, tempProject } from "../testing/temp-project";
import { reconcileDrift } from "./drift";
import { withMigrationLock } from "./lock";
import { applyRevision, applyUnapplied, resetDatabase } from "./revision";
import { rollbackLast } from "./rollback";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
let project: Project;
const children: ChildProcessByStdio<null, Readable, null>[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  removeProject(project);
});

/**
 * Another process (the CLI beside the server, say) that takes the migration lock on the
 * project's database and holds it for `holdMs`, or until killed. Resolves once it holds it.
 */
async function holdLockInAnotherProcess(holdMs: number | "forever") {
  const script = path.join(project.root, "hold-lock.mts");
  fs.writeFileSync(
    script,
    `
    import { withMigrationLock } from ${JSON.stringify(path.join(import.meta.dirname, "lock.ts"))};
    await withMigrationLock(${JSON.stringify(project.databasePath)}, async () => {
      process.stdout.write("held\\n");
      await new Promise((resolve) => setTimeout(resolve, ${holdMs === "forever" ? 600_000 : holdMs}));
      process.stdout.write("releasing\\n");
    });`,
  );
  // tsx's loader in the child itself, so that child.pid is the process that holds the lock.
  const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  const events: string[] = [];
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n").filter(Boolean)) events.push(line);
      if (events.includes("held")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`the lock holder exited early (${code})`)));
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return { child, events, exited };
}

/** Runs a migration while another process holds the lock: it must wait for the release, then run. */
async function waitsForTheOtherProcess<T>(migration: () => Promise<T>): Promise<T> {
  const holder = await holdLockInAnotherProcess(1500);
  const result = await migration();
  expect(holder.events).toContain("releasing");
  await holder.exited;
  return result;
}

const exec = (sql: string) => execSql(project.databasePath, sql);

describe("one migration at a time per database, across processes", () => {
  test("apply, up, rollback, reset and reconcile each wait for another process's migration to finish", async () => {
    project = tempProject();
    expect(await waitsForTheOtherProcess(() => applyRevision(project, { name: "init" }))).toMatchObject({ status: "applied" });
    fs.appendFileSync(project.schemaPath, "\nmodel Note {\n  id Int @id @default(autoincrement())\n}\n");
    await applyRevision(project, { name: "notes", writeOnly: true });
    expect(await waitsForTheOtherProcess(() => applyUnapplied(project))).toMatchObject({ status: "applied" });
    expect(await waitsForTheOtherProcess(() => rollbackLast(project))).toMatchObject({ status: "rolled-back" });
    exec("CREATE TABLE handmade (id INTEGER PRIMARY KEY)");
    expect(await waitsForTheOtherProcess(() => reconcileDrift(project, {}))).toMatchObject({
      revision: expect.stringMatching(/_reconcile_drift$/),
    });
    expect(await waitsForTheOtherProcess(() => resetDatabase(project))).toHaveLength(2);
  });

  test("while another process holds it, a migration gives up after the wait, naming the holder's pid, and runs nothing", async () => {
    project = tempProject();
    const { child } = await holdLockInAnotherProcess("forever");
    let ran = false;
    const started = Date.now();
    await expect(
      withMigrationLock(
        project.databasePath,
        async () => {
          ran = true;
        },
        { waitMs: 400 },
      ),
    ).rejects.toThrow(new RegExp(`another migration is running \\(pid ${child.pid}\\b`));
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(ran).toBe(false);
  });

  test("a holder killed with SIGKILL leaves no stale lock: the next migration runs at once", async () => {
    project = tempProject();
    const { child, exited } = await holdLockInAnotherProcess("forever");
    child.kill("SIGKILL");
    await exited;
    const started = Date.now();
    expect(await withMigrationLock(project.databasePath, async () => "ran", { waitMs: 0 })).toBe("ran");
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test("in one process, calls queue and never see each other's lock", async () => {
    project = tempProject();
    const order: string[] = [];
    await Promise.all(
      ["a", "b", "c"].map((name) =>
        withMigrationLock(
          project.databasePath,
          async () => {
            order.push(`${name} in`);
            await new Promise((resolve) => setTimeout(resolve, 50));
            order.push(`${name} out`);
          },
          { waitMs: 5000 },
        ),
      ),
    );
    // Each one's work is whole: nobody enters while another is inside.
    for (let i = 0; i < order.length; i += 2) expect(order[i + 1]).toBe(order[i].replace(" in", " out"));
  });
});
