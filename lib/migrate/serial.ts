import { withMigrationLock } from "./lock";

/**
 * Runs tasks for one key strictly one after another, in arrival order. Migrations on one
 * database must never overlap: the engine's connections would meet SQLITE_BUSY, and two
 * clicks on Migrate must make one revision, not two.
 */
// On globalThis: Next bundles pages, actions and route handlers apart, each with its own copy of this module.
const queues = ((globalThis as Record<symbol, unknown>)[Symbol.for("schemaflow.serial.queues")] ??= new Map()) as Map<
  string,
  Promise<unknown>
>;

export function serialized<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const settled = run.catch(() => undefined);
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return run;
}

/**
 * For whatever writes the migrations or the database's schema (apply, rollback, reset,
 * reconcile): queued in this process, and holding the database's migration lock against
 * every other process (the CLI beside the server).
 */
export function exclusively<T>(databasePath: string, task: () => Promise<T>): Promise<T> {
  return serialized(databasePath, () => withMigrationLock(databasePath, task));
}
