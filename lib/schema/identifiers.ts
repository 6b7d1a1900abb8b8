/**
 * Names that Prisma accepts but that would break or inject SQL. Prisma's engine writes
 * table, column, enum and constraint names (`@map`, `@@map`, `map:`, relation names) inside
 * double quotes without escaping them, and runs a migration as several statements, so
 * `@@map("t\" (id INTEGER); UPDATE ...")` runs the UPDATE. Every path that hands a schema
 * to the engine (the canvas, the text editor, import, the CLI) asks this one function.
 *
 * It reads the schema text (what the engine reads), so it sees every string wherever it
 * stands: a name, a `dbgenerated(...)` expression or an `Unsupported(...)` type. String
 * defaults are data, which the engine quotes as literals: they are not checked.
 */

export interface UnsafeName {
  /** Where the string starts in the text (a JavaScript string offset). */
  offset: number;
  /** One sentence that names the element, what is wrong and why. */
  message: string;
}

type Rule = "name" | "expression" | "type";

/** What each kind of string may not hold, and how a person calls it. */
const FORBIDDEN: Record<Rule, { pattern: RegExp; what: string }> = {
  name: { pattern: /["'`;\\\p{Cc}]/u, what: "names with quotes, backticks, semicolons, backslashes or control characters" },
  expression: { pattern: /[;\0-\x08\x0a-\x1f\x7f]/, what: "expressions with semicolons or control characters" },
  type: { pattern: /["`;\p{Cc}]/u, what: "types with double quotes, backticks, semicolons or control characters" },
};

function describeCharacter(char: string): string {
  const names: Record<string, string> = {
    '"': 'a double quote (")',
    "'": "a single quote (')",
    "`": "a backtick (`)",
    ";": "a semicolon (;)",
    "\\": "a backslash (\\)",
    "\0": "a NUL character",
    "\n": "a line break",
    "\r": "a carriage return",
    "\t": "a tab",
  };
  return names[char] ?? `the control character U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** A Prisma string literal's value (the text between its quotes, escapes read). */
function unescape(raw: string): string {
  return raw.replace(/\\(u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|.)/gs, (_, escape: string) => {
    if (escape.length > 1) return String.fromCodePoint(parseInt(escape.replace(/[u{}]/g, ""), 16));
    return { n: "\n", r: "\r", t: "\t", "0": "\0" }[escape] ?? escape;
  });
}

interface Context {
  block?: { keyword: string; name: string };
  /** The first word of the block's current line: a field, an enum value or an @@attribute. */
  member?: string;
  /** Calls open around the current position, innermost last: `@@index`, `dbgenerated`. */
  calls: string[];
  /** The `name:` label just before the string, if any. */
  label?: string;
}

function ruleFor(context: Context): Rule | "data" {
  const call = context.calls.at(-1);
  if (call === "dbgenerated" || call === "raw") return "expression";
  if (call === "Unsupported") return "type";
  if (call === "@default" && !context.label) return "data";
  return "name";
}

function elementOf(context: Context): string {
  const block = context.block ? `${context.block.keyword} ${context.block.name}` : "the schema";
  const member =
    context.member && !context.member.startsWith("@@")
      ? `, ${context.block?.keyword === "enum" ? "value" : "field"} ${context.member}`
      : "";
  const call = context.calls.length ? context.calls.join(" ") : (context.member ?? "");
  const where = `${call}${context.label ? ` ${context.label}:` : ""}`;
  return `${block}${member}${where ? ` (${where})` : ""}`;
}

const BLOCK_START = /^(model|view|enum|type)\s+([^\s{]+)\s*\{/;

/** Every string of a model, view, enum or type block that would break the SQL, with where it is. */
export function unsafeNames(text: string): UnsafeName[] {
  const found: UnsafeName[] = [];
  const context: Context = { calls: [] };
  let depth = 0;
  let lineStart = true;
  let lastWord = "";
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "/" && text[i + 1] === "/") {
      i = text.indexOf("\n", i) - 1;
      if (i < 0) break;
      continue;
    }
    if (char === "\n") {
      lineStart = true;
      context.calls = [];
      context.label = undefined;
      continue;
    }
    if (/\s/.test(char)) continue;
    if (depth === 0 && lineStart) {
      const lineEnd = text.indexOf("\n", i);
      const block = BLOCK_START.exec(text.slice(i, lineEnd < 0 ? undefined : lineEnd));
      context.block = block ? { keyword: block[1], name: block[2] } : undefined;
    }
    if (char === "{") depth++;
    else if (char === "}") depth = Math.max(0, depth - 1);
    else if (char === "(") context.calls.push(lastWord);
    else if (char === ")") context.calls.pop();
    else if (char === ":") context.label = lastWord;
    else if (char === ",") context.label = undefined;
    else if (char === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"' && text[end] !== "\n") end += text[end] === "\\" ? 2 : 1;
      const value = unescape(text.slice(i + 1, end));
      const rule = ruleFor(context);
      if (context.block && depth > 0 && rule !== "data") {
        const bad = FORBIDDEN[rule].pattern.exec(value)?.[0];
        if (bad !== undefined) {
          const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
          found.push({
            offset: i,
            message:
              `${elementOf(context)}: ${JSON.stringify(shown)} contains ${describeCharacter(bad)}; ` +
              `${FORBIDDEN[rule].what} would break the SQL that Prisma's engine writes`,
          });
        }
      }
      i = end;
      lastWord = "";
      lineStart = false;
      continue;
    }
    const word = /^[@\w.]+/.exec(text.slice(i, i + 200))?.[0];
    if (word) {
      if (lineStart && depth > 0) context.member = word;
      lastWord = word;
      i += word.length - 1;
    } else {
      lastWord = "";
    }
    lineStart = false;
  }
  return found;
}

/** A SQLite (and PostgreSQL) identifier in double quotes, its own quotes doubled: the one quoting. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A string literal in single quotes, its own quotes doubled (SQLite and PostgreSQL alike). */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The refusal of a schema whose names would break the SQL: one line per name. */
export class UnsafeNamesRefused extends Error {
  constructor(readonly names: UnsafeName[]) {
    super(`The schema has names that would break its SQL, so it is refused:\n${names.map((n) => `- ${n.message}`).join("\n")}`);
  }
}
