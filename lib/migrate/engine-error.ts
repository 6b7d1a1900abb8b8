/** The engine's errors arrive as objects or JSON; this gives the sentence a person reads. */
export function engineErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "string") return error;
  const record = error as { message?: string; error?: string } | null;
  return record?.message ?? record?.error ?? JSON.stringify(error);
}
