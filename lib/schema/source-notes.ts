// The ESM build: its CommonJS build require()s chevrotain, which is ESM-only.
import { getSchema } from "@mrleebo/prisma-ast/dist/prisma-ast.esm.js";

/**
 * What a schema file holds besides its meaning, read with @mrleebo/prisma-ast: the order
 * of its blocks, its comments and where they sit, blank lines between fields, datasource
 * settings, and the constructs the designer cannot edit yet. Prisma's datamodel (the
 * meaning) has none of these; a round trip needs both.
 */

export interface MemberNotes {
  leading?: string[];
  trailing?: string;
  /** A blank line before it in the source (prisma format aligns each group apart). */
  gapBefore?: boolean;
}

export interface BlockNotes {
  leading: string[];
  members: Map<string, MemberNotes>;
  /** Comments among the block attributes (@@id, @@map...), printed before them. */
  beforeAttributes: string[];
  /** Comments after the last member. */
  end: string[];
}

export interface SourceNotes {
  /** Model, view and enum names in the order the file has them. */
  order: string[];
  blocks: Map<string, BlockNotes>;
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

function memberNotes(items: Node[], onUnsupported: (text: string) => void, owner: string): BlockNotes {
  const notes: BlockNotes = { leading: [], members: new Map(), beforeAttributes: [], end: [] };
  let pending: string[] = [];
  let gap = false;
  for (const item of items) {
    if (item.type === "break") {
      gap = true;
      continue;
    }
    if (item.type === "comment") {
      if (!isDocumentation(item.text as string)) pending.push(item.text as string);
      continue;
    }
    if (item.type === "field" || item.type === "enumerator") {
      const name = item.name as string;
      const member: MemberNotes = {};
      if (pending.length) member.leading = pending;
      // A trailing /// is documentation, which Prisma's datamodel already holds.
      if (item.comment && !isDocumentation(item.comment as string)) member.trailing = item.comment as string;
      if (gap && notes.members.size) member.gapBefore = true;
      notes.members.set(name, member);
      if (item.type === "field") {
        const type = item.fieldType as Node | string;
        if (typeof type === "object" && type.name === "Unsupported")
          onUnsupported(`${owner}.${name} has an Unsupported(...) type`);
        if (attributeNames(item).includes("ignore")) onUnsupported(`${owner}.${name} is marked @ignore`);
      }
    } else if (item.type === "attribute") {
      notes.beforeAttributes.push(...pending);
      if (item.comment) notes.beforeAttributes.push(item.comment as string);
      if (item.name === "ignore") onUnsupported(`${owner} is marked @@ignore`);
    }
    pending = [];
    gap = false;
  }
  notes.end = pending;
  return notes;
}

/**
 * Block comments are documentation to Prisma (its datamodel carries them) and unknown to
 * prisma-ast: they are blanked out, line breaks kept, before the notes are read.
 */
function withoutBlockComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, " "));
}

export function readSourceNotes(text: string): SourceNotes {
  const notes: SourceNotes = { order: [], blocks: new Map(), header: [], footer: [], datasourceConfig: [], unsupported: [] };
  let schema: { list: Node[] };
  try {
    schema = getSchema(withoutBlockComments(text)) as unknown as { list: Node[] };
  } catch {
    // prisma-ast reads less than Prisma does (names with accents, for one). Without it the
    // graph has the schema's meaning but not its comments: writing would drop them.
    if (/^\s*\/\/(?!\/)/m.test(text) || /\S\s+\/\/(?!\/)/.test(text)) {
      notes.unsupported.push("comments that could not be placed (the comment reader does not parse this file)");
    }
    return notes;
  }
  const unsupported = (reason: string) => notes.unsupported.push(reason);
  let pending: string[] = [];
  for (const block of schema.list) {
    if (block.type === "break") continue;
    if (block.type === "comment") {
      if (!isDocumentation(block.text as string)) pending.push(block.text as string);
      continue;
    }
    if (block.type === "model" || block.type === "view" || block.type === "enum") {
      const name = block.name as string;
      const inner = memberNotes((block.properties ?? block.enumerators ?? []) as Node[], unsupported, name);
      inner.leading = pending;
      notes.order.push(name);
      notes.blocks.set(name, inner);
    } else if (block.type === "datasource") {
      notes.header.push(...pending);
      for (const assignment of (block.assignments as Node[]) ?? []) {
        if (assignment.type === "assignment" && assignment.key !== "provider") {
          notes.datasourceConfig.push([assignment.key as string, String(assignment.value)]);
        }
      }
    } else if (block.type === "type") {
      unsupported(`type ${block.name as string} is a composite type (MongoDB only)`);
    } else {
      notes.header.push(...pending);
    }
    pending = [];
  }
  notes.footer = pending;
  return notes;
}
