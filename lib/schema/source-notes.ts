// The ESM build: its CommonJS build require()s chevrotain, which is ESM-only.
import { getSchema, printSchema } from "@mrleebo/prisma-ast/dist/prisma-ast.esm.js";

/**
 * What a schema file holds besides its meaning, read with @mrleebo/prisma-ast: the order
 * of its blocks, its comments and where they sit, blank lines between fields, datasource
 * settings, what Prisma's datamodel leaves out (@ignore and Unsupported(...) fields,
 * @@ignore models, kept as prisma-ast reads them), and the constructs the designer cannot
 * edit yet. Prisma's datamodel (the meaning) has none of these; a round trip needs both.
 */

export interface MemberNotes {
  leading?: string[];
  trailing?: string;
  /** A blank line before it in the source (prisma format aligns each group apart). */
  gapBefore?: boolean;
  /** `@relation(map: ...)`: the foreign key's name, which Prisma's datamodel leaves out. */
  relationMap?: string;
}

/** A field Prisma's datamodel leaves out, as prisma-ast reads it. */
export interface VerbatimNotes {
  name: string;
  /** The field's line without its comments, as prisma-ast prints it: `legacy String @ignore`. */
  text: string;
  /** Its type as written: `Unsupported("point")?`. */
  type: string;
  reason: "ignored" | "unsupported";
  /** The field before it that Prisma's datamodel has; none when it comes first. */
  after?: string;
  /** All its comments, documentation (`///`) included: the datamodel has none of them. */
  comments: MemberNotes;
}

/** A model or view marked @@ignore, which Prisma's datamodel leaves out. */
export interface IgnoredBlockNotes {
  name: string;
  /** The whole block as prisma-ast reads it, the comments above it included. */
  text: string;
  fields: { name: string; type: string }[];
}

export interface BlockNotes {
  leading: string[];
  /** Every field or enum value by name, in the file's order. */
  members: Map<string, MemberNotes>;
  /** The fields of `members` that Prisma's datamodel leaves out. */
  verbatim: VerbatimNotes[];
  /** Comments among the block attributes (@@id, @@map...), printed before them. */
  beforeAttributes: string[];
  /** Comments after the last member. */
  end: string[];
  /** @@schema("x"): the database schema the block lives in (PostgreSQL's multi-schema projects). */
  schema?: string;
}

export interface SourceNotes {
  /** Model, view and enum names in the order the file has them (ignored models included). */
  order: string[];
  blocks: Map<string, BlockNotes>;
  ignoredBlocks: IgnoredBlockNotes[];
  /** Comments above or among the generator and datasource blocks. */
  header: string[];
  /** Comments after the last block. */
  footer: string[];
  /** Datasource settings besides provider (relationMode...), values as written. */
  datasourceConfig: [string, string][];
  /** Constructs the designer does not edit yet; a schema with any is opened but not written. */
  unsupported: string[];
}

type Node = { type: string; [key: string]: unknown };
const isDocumentation = (text: string) => text.startsWith("///");
const attributeNames = (field: Node) => ((field.attributes as Node[] | undefined) ?? []).map((a) => a.name as string);

/** One field or block attribute as prisma-ast prints it, on one line. */
function printMember(node: Node): string {
  const block = { type: "model", name: "M", properties: [{ ...node, comment: undefined }] };
  return printSchema({ type: "schema", list: [block] } as never)
    .split(/\r?\n/)[2]
    .trim();
}

/** A field's type as written, `?` or `[]` included. */
function printType(field: Node): string {
  return printMember({
    type: "field",
    name: "x",
    fieldType: field.fieldType,
    array: field.array,
    optional: field.optional,
  }).slice(2);
}

function memberNotes(items: Node[], restore: (text: string) => string): BlockNotes {
  const notes: BlockNotes = { leading: [], members: new Map(), verbatim: [], beforeAttributes: [], end: [] };
  let pending: string[] = [];
  // Documentation too: Prisma's datamodel has it for its own fields, not for verbatim ones.
  let pendingAll: string[] = [];
  let gap = false;
  // Comments that end the fields, a blank line below them: prisma format keeps them there.
  let afterFields: string[] = [];
  let gapBelowComments = false;
  let lastField: string | undefined;
  for (const item of items) {
    if (item.type === "break") {
      gap = true;
      if (pending.length) gapBelowComments = true;
      continue;
    }
    if (item.type === "comment") {
      if (!isDocumentation(item.text as string)) pending.push(item.text as string);
      pendingAll.push(item.text as string);
      continue;
    }
    if (item.type === "field" || item.type === "enumerator") {
      const name = restore(item.name as string);
      const type = item.fieldType as Node | string | undefined;
      const reason =
        item.type !== "field"
          ? undefined
          : typeof type === "object" && type.name === "Unsupported"
            ? ("unsupported" as const)
            : attributeNames(item).includes("ignore")
              ? ("ignored" as const)
              : undefined;
      const comment = item.comment as string | undefined;
      const member: MemberNotes = {};
      const leading = reason ? pendingAll : pending;
      if (leading.length) member.leading = leading;
      // A trailing /// is documentation, which Prisma's datamodel already holds (not for verbatim fields).
      if (comment && (reason || !isDocumentation(comment))) member.trailing = comment;
      if (gap && notes.members.size) member.gapBefore = true;
      const relationMap = relationMapOf(item);
      if (relationMap !== undefined) member.relationMap = restore(relationMap);
      notes.members.set(name, member);
      if (reason) {
        notes.verbatim.push({
          name,
          text: restore(printMember(item)),
          type: restore(printType(item)),
          reason,
          ...(lastField !== undefined ? { after: lastField } : {}),
          comments: member,
        });
      } else lastField = name;
    } else if (item.type === "attribute") {
      const args = item.args as { value?: unknown }[] | undefined;
      if (item.name === "schema" && typeof args?.[0]?.value === "string")
        notes.schema = restore(JSON.parse(args[0].value) as string);
      if (gapBelowComments && !notes.beforeAttributes.length && !afterFields.length) afterFields = pending;
      else notes.beforeAttributes.push(...pending);
      if (item.comment) notes.beforeAttributes.push(item.comment as string);
    }
    pending = [];
    pendingAll = [];
    gap = false;
    gapBelowComments = false;
  }
  notes.end = [...afterFields, ...pending];
  return notes;
}

/** The `map:` argument of a field's @relation, unquoted. */
function relationMapOf(field: Node): string | undefined {
  const relation = ((field.attributes as Node[] | undefined) ?? []).find((a) => a.name === "relation");
  for (const arg of (relation?.args as Node[] | undefined) ?? []) {
    const value = arg.value as Node | undefined;
    if (value?.type === "keyValue" && value.key === "map") return JSON.parse(value.value as string) as string;
  }
  return undefined;
}

/** A datasource setting's value as written: `[pgvector(map: "vector"), citext]`. */
function printAssignmentValue(assignment: Node): string {
  const block = { type: "datasource", name: "d", assignments: [assignment] };
  const line = printSchema({ type: "schema", list: [block] } as never)
    .split(/\r?\n/)
    .find((l) => l.trim().startsWith(`${assignment.key as string} `))!;
  return line.slice(line.indexOf("=") + 1).trim();
}

/** An @@ignore block as prisma-ast reads it: comments above it, its lines, blank lines kept. */
function ignoredBlock(block: Node, leading: string[], restore: (text: string) => string): IgnoredBlockNotes {
  const lines = [...leading, `${block.type as string} ${block.name as string} {`];
  const fields: { name: string; type: string }[] = [];
  for (const item of (block.properties as Node[]) ?? []) {
    if (item.type === "break") lines.push("");
    else if (item.type === "comment") lines.push(`  ${item.text as string}`);
    else {
      lines.push(`  ${printMember(item)}${item.comment ? ` ${item.comment as string}` : ""}`);
      if (item.type === "field") fields.push({ name: restore(item.name as string), type: restore(printType(item)) });
    }
  }
  lines.push("}");
  return { name: restore(block.name as string), text: restore(lines.join("\n")), fields };
}

/**
 * Block comments are documentation to Prisma (its datamodel carries them) and unknown to
 * prisma-ast: they are blanked out, line breaks kept, before the notes are read.
 */
function withoutBlockComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, " "));
}

// A line comment, a string, or a run of characters that may make a name.
const TOKEN = /\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"|[\p{L}\p{M}\p{N}_-]+/gu;
const ASCII = /^[\x00-\x7f]*$/;

/**
 * prisma-ast 0.15 reads names of ASCII letters only; Prisma reads names in any alphabet
 * (`model Café`, `año Int`). Such names are read under ASCII stand-ins, `zzu0`, `zzu1`...
 * with a prefix the text does not hold anywhere, so a stand-in can only be one; `restore`
 * gives the names back in anything read. Comments and strings are left as they are.
 */
export function asciiNames(text: string): { text: string; restore: (read: string) => string } {
  if (ASCII.test(text)) return { text, restore: (read) => read };
  let prefix = "zzu";
  while (text.includes(prefix)) prefix += "u";
  const names: string[] = [];
  const index = new Map<string, number>();
  const replaced = text.replace(TOKEN, (token) => {
    if (token.startsWith("//") || token.startsWith('"') || ASCII.test(token)) return token;
    let n = index.get(token);
    if (n === undefined) index.set(token, (n = names.push(token) - 1));
    return `${prefix}${n}`;
  });
  const standIn = new RegExp(`${prefix}(\\d+)`, "g");
  return { text: replaced, restore: (read) => read.replace(standIn, (_, n: string) => names[Number(n)]) };
}

/** Notes of a file that has none: no comments, no order, nothing kept aside. */
export function emptySourceNotes(): SourceNotes {
  return { order: [], blocks: new Map(), ignoredBlocks: [], header: [], footer: [], datasourceConfig: [], unsupported: [] };
}

export function readSourceNotes(text: string): SourceNotes {
  const notes = emptySourceNotes();
  const ascii = asciiNames(withoutBlockComments(text));
  const restore = ascii.restore;
  let schema: { list: Node[] };
  try {
    schema = getSchema(ascii.text) as unknown as { list: Node[] };
  } catch {
    // prisma-ast reads less than Prisma does. Without it the graph has the schema's
    // meaning but not its comments: writing would drop them.
    if (/^\s*\/\/(?!\/)/m.test(text) || /\S\s+\/\/(?!\/)/.test(text)) {
      notes.unsupported.push("comments that could not be placed (the comment reader does not parse this file)");
    }
    return notes;
  }
  let pending: string[] = [];
  let pendingAll: string[] = [];
  for (const block of schema.list) {
    if (block.type === "break") continue;
    if (block.type === "comment") {
      if (!isDocumentation(block.text as string)) pending.push(block.text as string);
      pendingAll.push(block.text as string);
      continue;
    }
    const name = restore(block.name as string);
    const properties = (block.properties ?? []) as Node[];
    if (
      (block.type === "model" || block.type === "view") &&
      properties.some((p) => p.type === "attribute" && p.name === "ignore")
    ) {
      notes.order.push(name);
      notes.ignoredBlocks.push(ignoredBlock(block, pendingAll, restore));
    } else if (block.type === "model" || block.type === "view" || block.type === "enum") {
      const inner = memberNotes((block.properties ?? block.enumerators ?? []) as Node[], restore);
      inner.leading = pending;
      notes.order.push(name);
      notes.blocks.set(name, inner);
    } else if (block.type === "datasource") {
      notes.header.push(...pending);
      for (const assignment of (block.assignments as Node[]) ?? []) {
        if (assignment.type === "assignment" && assignment.key !== "provider") {
          notes.datasourceConfig.push([assignment.key as string, restore(printAssignmentValue(assignment))]);
        }
      }
    } else if (block.type === "type") {
      notes.unsupported.push(`type ${name} is a composite type (MongoDB only)`);
    } else {
      notes.header.push(...pending);
    }
    pending = [];
    pendingAll = [];
  }
  notes.footer = pending;
  return notes;
}
