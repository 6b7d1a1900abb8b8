import type { SchemaGraph } from "./graph";
import { parseSchema } from "./parse";
import { readSourceNotes } from "./source-notes";

/**
 * A schema file read to be edited and written back: its meaning (Prisma's datamodel) and
 * everything else it holds (comments, order, settings; see source-notes). Loading the
 * comment reader costs about a second in a fresh process, so what only reads a schema
 * (the seed, the migrate commands) uses parseSchema instead.
 */
export function parseSchemaFile(text: string): SchemaGraph {
  return parseSchema(text, readSourceNotes(text));
}
