import path from "node:path";
import { watch, type FSWatcher } from "chokidar";
import type { Project } from "../project/project";
import { currentHead } from "./schema-head";

/**
 * The file on disk as a writer: chokidar watches schema.prisma (an IDE's save by rename, a
 * `git checkout`, `prisma format`, another process), and each change is read into a new
 * version, which every open tab hears of. The server's own writes come back as events too;
 * their hash is the head's already, so they make no version (schema-head's readHead).
 */
const watchers = ((globalThis as Record<symbol, unknown>)[Symbol.for("schemaflow.sync.watchers")] ??= new Map()) as Map<
  string,
  { watcher: FSWatcher; users: number }
>;

/** Watches the project's schema while anyone listens; the returned function stops listening. */
export function watchSchemaFile(project: Project, onError: (error: unknown) => void): () => void {
  const existing = watchers.get(project.schemaPath);
  if (existing) {
    existing.users++;
  } else {
    // The folder, not the file: git and editors replace the file (a new inode), which a
    // watch on the file itself can lose; the folder sees every one.
    const folder = path.dirname(project.schemaPath);
    const watcher = watch(folder, {
      ignoreInitial: true,
      depth: 0,
      ignored: (file) => file !== folder && file !== project.schemaPath,
      // An editor writes in pieces; the change is read once it has settled.
      awaitWriteFinish: { stabilityThreshold: 60, pollInterval: 20 },
    });
    const read = () => void currentHead(project).catch(onError);
    // Once ready, read the file again: a change made while the watch was being set up is not lost.
    watcher.on("add", read).on("change", read).on("ready", read).on("error", onError);
    watchers.set(project.schemaPath, { watcher, users: 1 });
  }
  return () => {
    const entry = watchers.get(project.schemaPath);
    if (!entry || --entry.users > 0) return;
    watchers.delete(project.schemaPath);
    void entry.watcher.close();
  };
}
