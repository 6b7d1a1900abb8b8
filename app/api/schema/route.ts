import { invalidInput, refused } from "@/app/action-result";
import { BodyTooLarge, readJson } from "@/lib/boundary/read-body";
import { currentProject } from "@/lib/project/project";
import { patchRequestSchema } from "@/lib/sync/patch-schema";
import { rateLimiter } from "@/lib/sync/rate-limit";
import { applyPatch } from "@/lib/sync/schema-head";
import type { PatchAnswer } from "@/lib/sync/patch-schema";
import type { PatchMarks } from "@/lib/sync/schema-head";

/**
 * A tab's edit: the elements it changed, made on the version it last saw (lib/sync). The
 * answer is the new version and what the tab missed, or why nothing was written.
 *
 * A route rather than a server action: Next's client sends server actions one at a time, so
 * an edit would wait behind a migration preview or a row count, and it would leave only once
 * React had drawn the edit. A fetch leaves at once. The request guard (proxy.ts) checks it
 * as it checks every write.
 */
export const dynamic = "force-dynamic";

/** A flood from one tab is refused (20 a second, bursts of 60); other tabs are not slowed. */
const allowPatch = rateLimiter({ perSecond: 20, burst: 60 });

/** The answer, with how long reading and applying took (Server-Timing: the browser's devtools and the bench show it). */
const answer = (body: PatchAnswer, status = 200, timing?: string) =>
  Response.json(body, { status, headers: timing ? { "Server-Timing": timing } : undefined });

export async function POST(request: Request): Promise<Response> {
  const arrived = performance.now();
  let input: unknown;
  try {
    input = await readJson(request);
  } catch (error) {
    if (error instanceof BodyTooLarge) return answer({ ok: false, kind: "refused", error: error.message }, 413);
    throw error;
  }
  if (input === undefined) return answer({ ok: false, kind: "refused", error: "Invalid request: the body is not JSON." }, 400);
  const parsed = patchRequestSchema.safeParse(input);
  if (!parsed.success) return answer({ kind: "refused", ...invalidInput(parsed.error) }, 400);
  if (!allowPatch(parsed.data.by)) {
    const error = "Too many edits at once from this tab: this one was not saved; try again in a moment.";
    return answer({ ok: false, kind: "refused", error }, 429);
  }
  try {
    const started = performance.now();
    const marks: PatchMarks = {};
    const result = await applyPatch(currentProject(), parsed.data, marks);
    const since = (from: number, to = performance.now()) => (to - from).toFixed(1);
    // queue: waiting for the edits before it; written: from its turn to the schema on disk.
    const timing = [
      `read;dur=${since(arrived, started)}`,
      `apply;dur=${since(started)}`,
      `queue;dur=${since(started, marks.started ?? started)}`,
      ...(marks.written && marks.started ? [`written;dur=${since(marks.started, marks.written)}`] : []),
    ].join(", ");
    if (result.ok || result.kind !== "conflict") return answer(result, 200, timing);
    return answer({ ok: false, kind: "conflict", error: result.error, conflicts: result.conflicts }, 200, timing);
  } catch (error) {
    return answer({ kind: "refused", ...refused(error) }, 500);
  }
}
