import { modelMembers, type BlockIndex, type Enum, type Field, type IgnoredModel, type Model, type SchemaGraph } from "./graph";
import { documentationLines } from "./naming";

/** Where an element's text lies in the printed schema, in UTF-8 bytes (as Prisma reports spans). */
export interface ElementSpan {
  elementId: string;
  start: number;
  end: number;
}

export interface PrintedSchema {
  text: string;
  spans: ElementSpan[];
  /** The text cut between top-level blocks (the header, each block, the footer): joined, they are `text`. */
  segments: string[];
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Accumulates lines and remembers the byte span of each element printed. */
class SchemaWriter {
  /** Without spans, a block's text is all it costs (the spans of 5,044 models are ~50,000 objects). */
  constructor(private readonly withSpans = true) {}
  private parts: string[] = [];
  bytes = 0;
  private cuts: number[] = [0];
  readonly spans: ElementSpan[] = [];

  /** The next line starts a segment of its own. */
  cut(): void {
    this.cuts.push(this.parts.length);
  }

  /** A block's segment is its one part, the same string on every print: the format cache finds it without hashing it again. */
  segments(): string[] {
    return this.cuts.map((at, i) => {
      const end = this.cuts[i + 1] ?? this.parts.length;
      return end === at + 1 ? this.parts[at] : this.parts.slice(at, end).join("");
    });
  }

  line(text = ""): void {
    const withBreak = `${text}\n`;
    this.parts.push(withBreak);
    this.bytes += utf8Length(withBreak);
  }

  element(elementId: string, write: () => void): void {
    const start = this.bytes;
    write();
    this.spans.push({ elementId, start, end: this.bytes });
  }

  /**
   * A top-level block after an empty line, printed once per block object (the graph is only
   * ever updated by replacing).
   */
  block(block: object, elementId: string, write: (writer: SchemaWriter) => void): void {
    let printed = printedBlocks.get(block);
    if (!printed) {
      const own = new SchemaWriter();
      own.line();
      own.element(elementId, () => write(own));
      printed = { text: own.toString(), bytes: own.bytes, spans: own.spans };
      printedBlocks.set(block, printed);
    }
    const start = this.bytes;
    this.parts.push(printed.text);
    this.bytes += printed.bytes;
    if (!this.withSpans) return;
    for (const span of printed.spans) this.spans.push({ ...span, start: span.start + start, end: span.end + start });
  }

  toString(): string {
    return this.parts.join("");
  }
}

/** Each model's, enum's and ignored block's text, as long as the object lives: an edit reprints what it changed. */
const printedBlocks = new WeakMap<object, { text: string; bytes: number; spans: ElementSpan[] }>();

const quote = (text: string) => JSON.stringify(text);
const list = (names: string[]) => `[${names.join(", ")}]`;

function fieldLine(field: Field): string {
  const type = `${field.type}${field.list ? "[]" : field.optional ? "?" : ""}`;
  const attributes: string[] = [];
  if (field.isId) attributes.push(field.idDbName ? `@id(map: ${quote(field.idDbName)})` : "@id");
  if (field.isUnique) attributes.push(field.uniqueDbName ? `@unique(map: ${quote(field.uniqueDbName)})` : "@unique");
  if (field.default !== undefined) attributes.push(`@default(${field.default})`);
  if (field.updatedAt) attributes.push("@updatedAt");
  if (field.dbName) attributes.push(`@map(${quote(field.dbName)})`);
  if (field.nativeType) attributes.push(`@db.${field.nativeType}`);
  const relation = field.relation;
  if (relation) {
    const args: string[] = [];
    if (relation.name) args.push(quote(relation.name));
    if (relation.fields?.length) args.push(`fields: ${list(relation.fields)}`);
    if (relation.references?.length) args.push(`references: ${list(relation.references)}`);
    if (relation.onDelete) args.push(`onDelete: ${relation.onDelete}`);
    if (relation.onUpdate) args.push(`onUpdate: ${relation.onUpdate}`);
    if (relation.dbName) args.push(`map: ${quote(relation.dbName)}`);
    if (args.length) attributes.push(`@relation(${args.join(", ")})`);
  }
  return ["  " + field.name, type, ...attributes].join(" ");
}

/** An indexed field with its options: `email(ops: raw("gin_trgm_ops"), sort: Desc)`. */
function indexedField(index: BlockIndex, field: string): string {
  const options = [
    index.ops?.[field] && `ops: ${index.ops[field]}`,
    index.length?.[field] && `length: ${index.length[field]}`,
    index.sort?.[field] && `sort: ${index.sort[field]}`,
  ].filter(Boolean);
  return options.length ? `${field}(${options.join(", ")})` : field;
}

export function blockAttribute(attribute: string, index: BlockIndex): string {
  const args = [list(index.fields.map((f) => indexedField(index, f)))];
  if (index.name) args.push(`name: ${quote(index.name)}`);
  if (index.dbName) args.push(`map: ${quote(index.dbName)}`);
  if (index.type) args.push(`type: ${index.type}`);
  return `  ${attribute}(${args.join(", ")})`;
}

function writeDocumentation(writer: SchemaWriter, lines: string[], indent: string): void {
  // `///` lines lose their leading spaces; documentation written as a /** block */ keeps them.
  if (lines.slice(1).some((line) => /^\s/.test(line))) {
    const [first, ...rest] = lines.join("\n").split("\n");
    writer.line(`${indent}/*${first}`);
    for (const line of rest) writer.line(line);
    writer.line(`${indent} */`);
    return;
  }
  for (const line of lines) writer.line(`${indent}///${line ? ` ${line}` : ""}`);
}

function writeComments(writer: SchemaWriter, comments: string[] | undefined, indent: string): void {
  for (const comment of comments ?? []) writer.line(`${indent}${comment}`);
}

const withTrailing = (line: string, trailing: string | undefined) => (trailing ? `${line} ${trailing}` : line);

function writeModel(writer: SchemaWriter, model: Model): void {
  writeComments(writer, model.comments?.leading, "");
  writeDocumentation(writer, documentationLines(model.documentation), "");
  writer.line(`${model.isView ? "view" : "model"} ${model.name} {`);
  for (const [index, field] of modelMembers(model).entries()) {
    if (field.comments?.gapBefore && index > 0) writer.line();
    writer.element(field.id, () => {
      writeComments(writer, field.comments?.leading, "  ");
      if (field.verbatim) {
        // Kept as written: its comments hold its documentation.
        writer.line(withTrailing(`  ${field.text}`, field.comments?.trailing));
        return;
      }
      writeDocumentation(writer, documentationLines(field.documentation, field.maxLength), "  ");
      writer.line(withTrailing(fieldLine(field), field.comments?.trailing));
    });
  }
  const blocks = [
    ...(model.primaryKey ? [blockAttribute("@@id", model.primaryKey)] : []),
    ...model.uniques.map((u) => blockAttribute("@@unique", u)),
    ...model.indexes.map((i) => blockAttribute("@@index", i)),
    ...(model.dbName ? [`  @@map(${quote(model.dbName)})`] : []),
    ...(model.schema ? [`  @@schema(${quote(model.schema)})`] : []),
  ];
  if (blocks.length || model.comments?.beforeAttributes?.length) writer.line();
  writeComments(writer, model.comments?.beforeAttributes, "  ");
  for (const block of blocks) writer.line(block);
  writeComments(writer, model.comments?.end, "  ");
  writer.line("}");
}

/**
 * Prints a graph as Prisma Schema Language. The text is valid exactly when the graph is;
 * `formatSegments` then gives it `prisma format`'s layout.
 */
export function printSchema(graph: SchemaGraph, options: { spans?: boolean } = {}): PrintedSchema {
  const writer = new SchemaWriter(options.spans ?? true);
  writeComments(writer, graph.comments?.header, "");
  for (const generator of graph.generators) {
    writer.line(`generator ${generator.name} {`);
    for (const [key, value] of generator.config) writer.line(`  ${key} = ${value}`);
    writer.line("}");
    writer.line();
  }
  writer.line(`datasource ${graph.datasource.name} {`);
  writer.line(`  provider = ${quote(graph.datasource.provider)}`);
  for (const [key, value] of graph.datasource.config ?? []) writer.line(`  ${key} = ${value}`);
  writer.line("}");

  // Blocks in the file's own order; blocks added since, models then enums, after them.
  const blocks = new Map<string, Model | Enum | IgnoredModel>(
    [...graph.models, ...graph.enums, ...(graph.ignoredModels ?? [])].map((block) => [block.id, block]),
  );
  const ordered = [...new Set([...(graph.order ?? []).filter((id) => blocks.has(id)), ...blocks.keys()])];
  for (const id of ordered) {
    const block = blocks.get(id)!;
    writer.cut();
    if ("text" in block) writer.block(block, block.id, (own) => block.text.split("\n").forEach((line) => own.line(line)));
    else if ("fields" in block) writer.block(block, block.id, (own) => writeModel(own, block));
    else writer.block(block, block.id, (own) => writeEnum(own, block));
  }
  writer.cut();
  if (graph.comments?.footer?.length) writer.line();
  writeComments(writer, graph.comments?.footer, "");
  return { text: writer.toString(), spans: writer.spans, segments: writer.segments() };
}

function writeEnum(writer: SchemaWriter, enumeration: Enum): void {
  writeComments(writer, enumeration.comments?.leading, "");
  writeDocumentation(writer, documentationLines(enumeration.documentation), "");
  writer.line(`enum ${enumeration.name} {`);
  for (const [index, value] of enumeration.values.entries()) {
    if (value.comments?.gapBefore && index > 0) writer.line();
    writeComments(writer, value.comments?.leading, "  ");
    writeDocumentation(writer, documentationLines(value.documentation), "  ");
    writer.line(withTrailing(`  ${value.name}${value.dbName ? ` @map(${quote(value.dbName)})` : ""}`, value.comments?.trailing));
  }
  if (enumeration.dbName || enumeration.schema || enumeration.comments?.beforeAttributes?.length) writer.line();
  writeComments(writer, enumeration.comments?.beforeAttributes, "  ");
  if (enumeration.dbName) writer.line(`  @@map(${quote(enumeration.dbName)})`);
  if (enumeration.schema) writer.line(`  @@schema(${quote(enumeration.schema)})`);
  writeComments(writer, enumeration.comments?.end, "  ");
  writer.line("}");
}
