import type { SchemaGraph } from "./graph";
import { unsafeNames } from "./identifiers";
import { parseSchemaFile } from "./parse-file";
import { lintSchema } from "./prisma-wasm";

/** A problem in schema text, in JavaScript string offsets (CodeMirror's), with its line and column. */
export interface TextDiagnostic {
  from: number;
  to: number;
  line: number;
  column: number;
  message: string;
}

export type TextCheck = { ok: true; graph: SchemaGraph } | { ok: false; diagnostics: TextDiagnostic[] };

/** Prisma reports UTF-8 byte offsets; the editor counts UTF-16 code units. */
function charOffset(text: string, byteOffset: number): number {
  let bytes = 0;
  let index = 0;
  for (const char of text) {
    if (bytes >= byteOffset) break;
    const code = char.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    index += char.length;
  }
  return index;
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/**
 * Schema text typed by a person: its problems where Prisma's validator puts them, or,
 * when it is valid, the graph it describes.
 */
export function checkSchemaText(text: string): TextCheck {
  const errors = lintSchema(text).filter((d) => !d.warning);
  if (errors.length) {
    return {
      ok: false,
      diagnostics: errors.map((d) => {
        const from = charOffset(text, d.start);
        const to = Math.max(from + 1, charOffset(text, d.end));
        return { from, to: Math.min(to, text.length), ...position(text, from), message: d.message };
      }),
    };
  }
  const unsafe = unsafeNames(text);
  if (unsafe.length) {
    return {
      ok: false,
      diagnostics: unsafe.map((name) => {
        const lineEnd = text.indexOf("\n", name.offset);
        const to = lineEnd < 0 ? text.length : lineEnd;
        return { from: name.offset, to, ...position(text, name.offset), message: name.message };
      }),
    };
  }
  try {
    return { ok: true, graph: parseSchemaFile(text) };
  } catch (error) {
    return {
      ok: false,
      diagnostics: [
        {
          from: 0,
          to: Math.min(1, text.length),
          line: 1,
          column: 1,
          message: error instanceof Error ? error.message : String(error),
        },
      ],
    };
  }
}
