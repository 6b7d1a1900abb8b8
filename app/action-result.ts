import type { z } from "zod";
import type { SchemaProblem } from "@/lib/schema/compile";
import { SeedRefused } from "@/lib/data/seed";
import { GridRefused } from "@/lib/data/catalogue";
import { NoDrift } from "@/lib/migrate/drift";
import { MigrationLocked } from "@/lib/migrate/lock";
import { UnsafeNamesRefused } from "@/lib/schema/identifiers";
import { DatabaseUnavailable } from "@/lib/project/database-project";
import { PostgresUnreachable } from "@/lib/project/postgres";

/**
 * How every server action answers: the result, or a reason the browser can show. None
 * throws to the browser.
 */
export type ActionResult<T> = ({ ok: true } & T) | { ok: false; error: string; problems?: SchemaProblem[] };

/** Refusals the user can act on; anything else is also logged on the server. */
const EXPECTED = [
  SeedRefused,
  GridRefused,
  NoDrift,
  MigrationLocked,
  UnsafeNamesRefused,
  DatabaseUnavailable,
  PostgresUnreachable,
];

export function refused(error: unknown): { ok: false; error: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (!EXPECTED.some((kind) => error instanceof kind)) console.error(error);
  return { ok: false, error: message };
}

/** Runs one lib call; its result, or the reason it refused, as an ActionResult. */
export async function attempt<T extends object>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, ...(await work()) };
  } catch (error) {
    return refused(error);
  }
}

export function invalidInput(error: z.ZodError): { ok: false; error: string } {
  return {
    ok: false,
    error: `Invalid request: ${error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ")}`,
  };
}
