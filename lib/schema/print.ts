import type { BlockIndex, Field, Model, SchemaGraph } from "./graph";
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
  private parts: string[] = [];
  private bytes = 0;
  readonly spans: ElementSpan[] = [];

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

  toString(): string {
    return this.parts.join("");
  }
}

const quote = (text: string) => JSON.stringify(text);
const list = (names: string[]) => `[${names.join(", ")}]`;

function fieldLine(field: Field): string {
  const type = `${field.type}${field.list ? "[]" : field.optional ? "?" : ""}`;
  const attributes: string[] = [];
  if (field.isId) attributes.push("@id");
  if (field.isUnique) attributes.push("@unique");
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
    if (args.length) attributes.push(`@relation(${args.join(", ")})`);
  }
  return ["  " + field.name, type, ...attributes].join(" ");
}

function blockAttribute(attribute: string, index: BlockIndex): string {
  const args = [list(index.fields)];
  if (index.name) args.push(`name: ${quote(index.name)}`);
  if (index.dbName) args.push(`map: ${quote(index.dbName)}`);
  return `  ${attribute}(${args.join(", ")})`;
}

function writeDocumentation(writer: SchemaWriter, lines: string[], indent: string): void {
  for (const line of lines) writer.line(`${indent}///${line ? ` ${line.replace(/^ /, "")}` : ""}`);
}

function writeModel(writer: SchemaWriter, model: Model): void {
  writeDocumentation(writer, documentationLines(model.documentation), "");
  writer.line(`model ${model.name} {`);
  for (const field of model.fields) {
    writer.element(field.id, () => {
      writeDocumentation(writer, documentationLines(field.documentation, field.maxLength), "  ");
      writer.line(fieldLine(field));
    });
  }
  const blocks = [
    ...(model.primaryKey ? [blockAttribute("@@id", model.primaryKey)] : []),
    ...model.uniques.map((u) => blockAttribute("@@unique", u)),
    ...model.indexes.map((i) => blockAttribute("@@index", i)),
    ...(model.dbName ? [`  @@map(${quote(model.dbName)})`] : []),
  ];
  if (blocks.length) writer.line();
  for (const block of blocks) writer.line(block);
  writer.line("}");
}

/**
 * Prints a graph as Prisma Schema Language. The text is valid exactly when the graph is;
 * `formatSchema` then gives it `prisma format`'s layout.
 */
export function printSchema(graph: SchemaGraph): PrintedSchema {
  const writer = new SchemaWriter();
  for (const generator of graph.generators) {
    writer.line(`generator ${generator.name} {`);
    for (const [key, value] of generator.config) writer.line(`  ${key} = ${value}`);
    writer.line("}");
    writer.line();
  }
  writer.line(`datasource ${graph.datasource.name} {`);
  writer.line(`  provider = ${quote(graph.datasource.provider)}`);
  writer.line("}");
  for (const model of graph.models) {
    writer.line();
    writer.element(model.id, () => writeModel(writer, model));
  }
  for (const enumeration of graph.enums) {
    writer.line();
    writer.element(enumeration.id, () => {
      writeDocumentation(writer, documentationLines(enumeration.documentation), "");
      writer.line(`enum ${enumeration.name} {`);
      for (const value of enumeration.values) {
        writer.line(`  ${value.name}${value.dbName ? ` @map(${quote(value.dbName)})` : ""}`);
      }
      if (enumeration.dbName) writer.line(`  @@map(${quote(enumeration.dbName)})`);
      writer.line("}");
    });
  }
  return { text: writer.toString(), spans: writer.spans };
}
