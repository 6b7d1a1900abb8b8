import { formatSchema } from "./prisma-wasm";

/**
 * `prisma format`'s layout for a printed schema, one top-level block at a time. Prisma aligns
 * the columns of each block on their own, and a schema that validates needs none of its
 * fixes (missing back-relation fields), so a block formats alone exactly as it does in the
 * whole file (format-segments.test.ts checks this on the corpus). Only blocks not seen before
 * are formatted: an edit costs the size of the edit, not of the schema (one call on 1,000
 * models takes 64 ms; one block well under 1 ms).
 */

/** Printed segment → formatted, shared by every bundle of the process (as schema-head's state is). */
const cache = ((globalThis as Record<symbol, unknown>)[Symbol.for("schemaflow.format.cache")] ??= new Map()) as Map<
  string,
  string
>;
const CACHE_LIMIT = 50_000;
/** More blocks than this unseen (a first open, a checkout): one call on the whole text is faster. */
const COLD_LIMIT = 200;
const WARM_CHUNK = 250;

function formatOne(segment: string): string {
  const cached = cache.get(segment);
  if (cached !== undefined) return cached;
  const lead = /^\n*/.exec(segment)![0];
  const body = segment.slice(lead.length);
  const formatted = body.trim() ? lead + formatSchema(body) : segment;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(segment, formatted);
  return formatted;
}

/** The formatted text of a schema printed as `segments` (see printSchema), ending in one newline. */
export function formatSegments(segments: string[]): string {
  const unseen = segments.filter((segment) => !cache.has(segment));
  if (unseen.length > COLD_LIMIT) {
    warmFormatCache(unseen);
    return `${formatSchema(segments.join("")).trimEnd()}\n`;
  }
  return formatEachSegment(segments);
}

/** Each segment formatted on its own (cached), joined. */
export function formatEachSegment(segments: string[]): string {
  return `${segments.map(formatOne).join("").trimEnd()}\n`;
}

/**
 * Formats the segments not seen yet, a chunk per turn of the event loop, so that the first
 * edit after a schema is opened is as quick as the rest and no request waits behind it.
 */
export function warmFormatCache(segments: string[]): void {
  const unseen = segments.filter((segment) => !cache.has(segment));
  const step = (from: number) => {
    for (const segment of unseen.slice(from, from + WARM_CHUNK)) formatOne(segment);
    if (from + WARM_CHUNK < unseen.length) setImmediate(() => step(from + WARM_CHUNK));
  };
  if (unseen.length) setImmediate(() => step(0));
}
