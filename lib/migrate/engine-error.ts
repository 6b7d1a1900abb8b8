/** The engine's errors arrive as objects or JSON; this gives the sentence a person reads. */
export function engineErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "string") return error;
  const record = error as { message?: string; error?: string } | null;
  return record?.message ?? record?.error ?? JSON.stringify(error);
}

/**
 * The engine's "Migration `x` failed to apply cleanly to the shadow database" (with its
 * connector's prefixes and a Rust backtrace) as a sentence that says what to do, or undefined
 * for any other error.
 */
export function shadowReplayFailure(error: unknown): Error | undefined {
  const message = engineErrorMessage(error);
  const failed =
    /Migration `([^`]+)` failed to apply cleanly to the shadow database\.\s*Error:\s*([\s\S]*?)(?:\n\s*\d+: |$)/.exec(message);
  if (!failed) return undefined;
  const reason = failed[2]
    .replace(/external connector error\s*/g, "")
    .replace(/Error querying the database:\s*/g, "")
    .trim();
  return new Error(
    `Revision ${failed[1]} does not replay on an empty database (Migrate replays every revision on a shadow database to plan the next one): ${reason}. Fix its migration.sql, or roll it back, then Migrate again.`,
  );
}
