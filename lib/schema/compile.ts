import { changeScope } from "./change-scope";
import { refusedDefaults } from "./defaults";
import type { SchemaGraph } from "./graph";
import { unsafeNames } from "./identifiers";
import { parseSchema } from "./parse";
import { formatSegments, warmFormatCache } from "./format-segments";
import { lintSchema } from "./prisma-wasm";
import { printSchema, type ElementSpan } from "./print";

/** A reason Prisma refuses a schema, attached to the element it concerns when known. */
export interface SchemaProblem {
  elementId?: string;
  message: string;
}

export type CompiledSchema = { ok: true; text: string } | { ok: false; problems: SchemaProblem[] };

/** The innermost printed element whose text holds the byte offset. */
function elementAt(spans: ElementSpan[], offset: number): string | undefined {
  let best: ElementSpan | undefined;
  for (const span of spans) {
    if (span.start <= offset && offset < span.end && (!best || span.end - span.start < best.end - best.start)) best = span;
  }
  return best?.elementId;
}

/**
 * Graph → the schema file's text, formatted as `prisma format` does, or every problem
 * Prisma's validator finds, each located on its model or field.
 *
 * With `since`, a graph Prisma accepted that `graph` was edited from, only the part of the
 * schema the edit can make invalid is validated (change-scope): an edit then costs its own
 * size. Should that part be refused, the whole schema is validated, so the problems are
 * exactly the whole schema's.
 */
export function compileSchema(graph: SchemaGraph, since?: SchemaGraph): CompiledSchema {
  if (graph.readOnly?.length) {
    return {
      ok: false,
      problems: [
        {
          message: `This schema uses what the designer cannot edit yet (${graph.readOnly.join("; ")}), so it is shown but not written: edit prisma/schema.prisma as text for now.`,
        },
      ],
    };
  }
  const scope = since && changeScope(since, graph);
  if (scope && !problemsOf(scope).length)
    return { ok: true, text: formatSegments(printSchema(graph, { spans: false }).segments) };
  const printed = printSchema(graph);
  const problems = problemsOf(graph, printed);
  return problems.length ? { ok: false, problems } : { ok: true, text: formatSegments(printed.segments) };
}

/** What Prisma's validator refuses in a graph, then names it would take otherwise than meant. */
function problemsOf(graph: SchemaGraph, printed = printSchema(graph)): SchemaProblem[] {
  const errors = lintSchema(printed.text).filter((d) => !d.warning);
  if (errors.length) return errors.map((d) => ({ elementId: elementAt(printed.spans, d.start), message: d.message }));
  // Prisma's lint is its validator with warnings beside the errors: no second validation pass.
  const unsafe = unsafeNames(printed.text);
  if (unsafe.length) {
    return unsafe.map((name) => ({
      elementId: elementAt(printed.spans, Buffer.byteLength(printed.text.slice(0, name.offset))),
      message: name.message,
    }));
  }
  const defaults = refusedDefaults(graph);
  if (defaults.length) return defaults;
  // A name with a line break or a brace could print as text Prisma reads differently
  // (another field, say). Reading the text back must give the graph's own elements.
  // Plain identifiers cannot do that, so the (costly) second reading is only for the rest.
  const names = graph.models.flatMap((m) => [m.name, ...m.fields.map((f) => f.name)]).concat(graph.enums.map((e) => e.name));
  return names.some((name) => !PLAIN_IDENTIFIER.test(name)) ? unfaithfulNames(graph, printed.text) : [];
}

/** Readies the compiling of `graph`'s next edits (a schema just opened): they then cost the size of the edit. */
export function prepareCompile(graph: SchemaGraph): void {
  warmFormatCache(printSchema(graph).segments);
}

const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function unfaithfulNames(graph: SchemaGraph, text: string): SchemaProblem[] {
  const reread = parseSchema(text);
  const problems: SchemaProblem[] = [];
  for (const model of graph.models) {
    const twin = reread.models.find((m) => m.name === model.name);
    if (!twin) {
      problems.push({ elementId: model.id, message: `"${model.name}" is not a valid model name` });
      continue;
    }
    for (const field of model.fields) {
      if (!twin.fields.some((f) => f.name === field.name)) {
        problems.push({ elementId: field.id, message: `"${field.name}" is not a valid field name` });
      }
    }
    if (twin.fields.length !== model.fields.length) {
      problems.push({ elementId: model.id, message: `${model.name} has a field name Prisma reads differently` });
    }
  }
  if (reread.models.length !== graph.models.length || reread.enums.length !== graph.enums.length) {
    problems.push({ message: "A name in the schema is read by Prisma as something else" });
  }
  return problems;
}
