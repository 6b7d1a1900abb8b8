import type { Field, Generator, IgnoredModel, Model, SchemaGraph, VerbatimField } from "./graph";
import { defaultRelationName, splitDocumentation } from "./naming";
import { readConfig, readDatamodel, type DmmfField, type DmmfIndex } from "./prisma-wasm";
import { REFERENTIAL_ACTIONS } from "./graph";
import { isProvider } from "./provider";
import { emptySourceNotes, type BlockNotes, type MemberNotes, type SourceNotes } from "./source-notes";

/** No notes: the meaning only (comments, order and read-only reasons come from readSourceNotes). */
const NO_NOTES: SourceNotes = emptySourceNotes();

const nonEmpty = <T extends object>(value: T): T | undefined =>
  Object.values(value).some((v) => (Array.isArray(v) ? v.length : v !== undefined && v !== false)) ? value : undefined;

function memberComments(notes: MemberNotes | undefined) {
  return notes && nonEmpty({ leading: notes.leading, trailing: notes.trailing, gapBefore: notes.gapBefore || undefined });
}

function blockComments(notes: BlockNotes | undefined) {
  return (
    notes &&
    nonEmpty({
      leading: notes.leading.length ? notes.leading : undefined,
      beforeAttributes: notes.beforeAttributes.length ? notes.beforeAttributes : undefined,
      end: notes.end.length ? notes.end : undefined,
    })
  );
}

/**
 * Reads a Prisma schema into a graph with Prisma's own parser (the DMMF). Without `notes`
 * the graph has the schema's meaning only: enough to read it, not to write it back (see
 * parseSchemaFile, which the writers use). Ids are derived
 * from names, so the same file always gives the same ids; a session keeps them from then
 * on, whatever gets renamed.
 */
export function parseSchema(text: string, notes: SourceNotes = NO_NOTES): SchemaGraph {
  const config = readConfig(text);
  const datasource = config.datasources[0];
  if (!datasource) throw new Error("The schema has no datasource block");
  const provider = datasource.provider;
  if (!isProvider(provider)) {
    throw new Error(`Schemaflow works on SQLite and PostgreSQL; this schema's datasource uses "${provider}"`);
  }
  const datamodel = readDatamodel(text);
  const views = new Set([...text.matchAll(/^\s*view\s+([\p{L}\p{M}\p{N}_]+)\s*\{/gmu)].map((m) => m[1]));
  // Each model's indexes, gathered once (a search per model is quadratic: 5,044 models, 10,000 indexes).
  const indexesOf = new Map<string, DmmfIndex[]>();
  for (const index of datamodel.indexes) indexesOf.set(index.model, [...(indexesOf.get(index.model) ?? []), index]);
  const models: Model[] = datamodel.models.map((model) => {
    const own = indexesOf.get(model.name) ?? [];
    const indexes = own.filter((index) => !index.isDefinedOnField);
    // A field's own @unique, with its map: when it has one (the field's isUnique misses @id @unique).
    const fieldUniques = new Map(
      own
        .filter((index) => index.isDefinedOnField && index.type === "unique")
        .map((index) => [index.fields[0].name, index.dbName]),
    );
    const fieldIdName = own.find((index) => index.isDefinedOnField && index.type === "id")?.dbName;
    const blockId = indexes.some((index) => index.type === "id");
    const block = (index: DmmfIndex) => {
      const fields = index.fields.map((f) => f.name);
      const sorted = index.fields.filter((f) => f.sortOrder === "desc" || (f.sortOrder === "asc" && index.type !== "id"));
      const sort = Object.fromEntries(sorted.map((f) => [f.name, f.sortOrder === "desc" ? ("Desc" as const) : ("Asc" as const)]));
      const ops = index.fields.filter((f) => f.operatorClass).map((f) => [f.name, operatorClass(f.operatorClass!)]);
      const length = index.fields.filter((f) => f.length).map((f) => [f.name, f.length]);
      return {
        fields,
        ...(index.name ? { name: index.name } : {}),
        // Prisma's datamodel names a constraint only when the schema does (map:), even with the default name.
        ...(index.dbName ? { dbName: index.dbName } : {}),
        ...(sorted.length ? { sort } : {}),
        ...(index.algorithm ? { type: index.algorithm } : {}),
        ...(ops.length ? { ops: Object.fromEntries(ops) } : {}),
        ...(length.length ? { length: Object.fromEntries(length) } : {}),
      };
    };
    const primaryKey = indexes.find((index) => index.type === "id");
    return {
      id: `model:${model.name}`,
      name: model.name,
      ...(views.has(model.name) ? { isView: true } : {}),
      ...(model.dbName ? { dbName: model.dbName } : {}),
      ...(model.schema ? { schema: model.schema } : {}),
      ...(model.documentation ? { documentation: model.documentation } : {}),
      fields: model.fields.map((dmmfField) => {
        const field = toField(model.name, dmmfField);
        field.isUnique = fieldUniques.has(field.name);
        const uniqueDbName = fieldUniques.get(field.name);
        if (uniqueDbName) field.uniqueDbName = uniqueDbName;
        // A single-field @@id marks its field as the id in the DMMF: print it once, as @@id.
        if (blockId) field.isId = false;
        if (field.isId && fieldIdName) field.idDbName = fieldIdName;
        const member = notes.blocks.get(model.name)?.members.get(field.name);
        if (field.relation && member?.relationMap !== undefined) field.relation.dbName = member.relationMap;
        const comments = memberComments(member);
        if (comments) field.comments = comments;
        return field;
      }),
      ...verbatimFields(model.name, notes.blocks.get(model.name)),
      ...withComments(blockComments(notes.blocks.get(model.name))),
      ...(primaryKey ? { primaryKey: block(primaryKey) } : {}),
      uniques: indexes.filter((index) => index.type === "unique").map(block),
      indexes: indexes.filter((index) => index.type === "normal" || index.type === "fulltext").map(block),
    };
  });
  const ignoredModels: IgnoredModel[] = notes.ignoredBlocks.map((block) => ({ id: `model:${block.name}`, ...block }));
  const ids = new Map([
    ...models.map((m) => [m.name, m.id] as const),
    ...ignoredModels.map((m) => [m.name, m.id] as const),
    ...datamodel.enums.map((e) => [e.name, `enum:${e.name}`] as const),
  ]);
  return {
    datasource: {
      name: datasource.name,
      provider,
      ...(notes.datasourceConfig.length ? { config: notes.datasourceConfig } : {}),
    },
    generators: readGenerators(text),
    order: notes.order.flatMap((name) => (ids.has(name) ? [ids.get(name)!] : [])),
    ...(notes.header.length || notes.footer.length
      ? {
          comments: {
            ...(notes.header.length ? { header: notes.header } : {}),
            ...(notes.footer.length ? { footer: notes.footer } : {}),
          },
        }
      : {}),
    ...(notes.unsupported.length ? { readOnly: notes.unsupported } : {}),
    models,
    ...(ignoredModels.length ? { ignoredModels } : {}),
    enums: datamodel.enums.map((e) => ({
      id: `enum:${e.name}`,
      name: e.name,
      ...(e.dbName ? { dbName: e.dbName } : {}),
      // Prisma's datamodel leaves an enum's @@schema out: the file has it.
      ...(notes.blocks.get(e.name)?.schema ? { schema: notes.blocks.get(e.name)!.schema } : {}),
      ...(e.documentation ? { documentation: e.documentation } : {}),
      values: e.values.map((v) => ({
        name: v.name,
        ...(v.dbName ? { dbName: v.dbName } : {}),
        ...(v.documentation ? { documentation: v.documentation } : {}),
        ...withComments(memberComments(notes.blocks.get(e.name)?.members.get(v.name))),
      })),
      ...withComments(blockComments(notes.blocks.get(e.name))),
    })),
  };
}

/** The fields the datamodel leaves out, as the notes read them, placed after the field they follow. */
function verbatimFields(modelName: string, notes: BlockNotes | undefined): { verbatimFields?: VerbatimField[] } {
  if (!notes?.verbatim.length) return {};
  return {
    verbatimFields: notes.verbatim.map((field) => ({
      id: `field:${modelName}.${field.name}`,
      name: field.name,
      text: field.text,
      type: field.type,
      reason: field.reason,
      ...(field.after !== undefined ? { after: `field:${modelName}.${field.after}` } : {}),
      ...withComments(memberComments(field.comments)),
    })),
  };
}

function withComments<T>(comments: T | undefined): { comments?: T } {
  return comments ? { comments } : {};
}

function toField(modelName: string, field: DmmfField): Field {
  const kind = field.kind === "unsupported" ? "scalar" : field.kind;
  const { documentation, maxLength } = splitDocumentation(field.documentation);
  const result: Field = {
    id: `field:${modelName}.${field.name}`,
    name: field.name,
    type: field.type,
    kind,
    list: field.isList,
    optional: !field.isRequired && !field.isList,
    isId: field.isId,
    isUnique: field.isUnique,
    updatedAt: field.isUpdatedAt,
    ...(field.dbName ? { dbName: field.dbName } : {}),
    ...(field.nativeType ? { nativeType: printNativeType(field.nativeType) } : {}),
    ...(documentation ? { documentation } : {}),
    ...(maxLength ? { maxLength } : {}),
  };
  if (field.hasDefaultValue && field.default !== undefined) result.default = printDefault(field);
  if (kind === "object") {
    const name =
      field.relationName && (field.type === modelName || field.relationName !== defaultRelationName(modelName, field.type))
        ? field.relationName
        : undefined;
    const action = (value: string | undefined) =>
      (REFERENTIAL_ACTIONS as readonly string[]).includes(value ?? "")
        ? (value as (typeof REFERENTIAL_ACTIONS)[number])
        : undefined;
    const onDelete = action(field.relationOnDelete);
    const onUpdate = action(field.relationOnUpdate);
    result.relation = {
      ...(name ? { name } : {}),
      ...(field.relationFromFields?.length ? { fields: field.relationFromFields } : {}),
      ...(field.relationToFields?.length && field.relationFromFields?.length ? { references: field.relationToFields } : {}),
      ...(onDelete ? { onDelete } : {}),
      ...(onUpdate ? { onUpdate } : {}),
    };
  }
  return result;
}

/** Prisma's named operator classes are PascalCase (`JsonbPathOps`); any other is written raw("..."). */
function operatorClass(name: string): string {
  return /^[A-Z][A-Za-z0-9]*$/.test(name) ? name : `raw(${JSON.stringify(name)})`;
}

function printNativeType([name, args]: [string, string[]]): string {
  return args.length ? `${name}(${args.join(", ")})` : name;
}

const QUOTED_TYPES = new Set(["String", "DateTime", "Json", "Bytes", "Decimal"]);

function printDefault(field: DmmfField): string {
  const value = field.default;
  const literal = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(literal).join(", ")}]`;
    if (field.kind === "enum") return String(v);
    if (typeof v === "string" && QUOTED_TYPES.has(field.type)) return JSON.stringify(v);
    return String(v);
  };
  if (value && typeof value === "object" && !Array.isArray(value) && "name" in value) {
    const call = value as { name: string; args: unknown[] };
    // Prisma's datamodel spells out default versions (cuid(1), uuid(4)); the schema usually does not.
    if ((call.name === "cuid" && call.args[0] === 1) || (call.name === "uuid" && call.args[0] === 4)) return `${call.name}()`;
    const args = call.args.map((arg) => (typeof arg === "string" ? JSON.stringify(arg) : String(arg)));
    return `${call.name}(${args.join(", ")})`;
  }
  return literal(value);
}

/** Generator blocks hold only `key = value` lines; they are kept as written. */
function readGenerators(text: string): Generator[] {
  const generators: Generator[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*generator\s+([\p{L}\p{M}\p{N}_]+)\s*\{\s*$/u.exec(lines[i]);
    if (!open) continue;
    const config: [string, string][] = [];
    for (i++; i < lines.length && !/^\s*\}\s*$/.test(lines[i]); i++) {
      const entry = /^\s*(\w+)\s*=\s*(.+?)\s*$/.exec(lines[i].replace(/\s\/\/.*$/, ""));
      if (entry) config.push([entry[1], entry[2]]);
    }
    generators.push({ name: open[1], config });
  }
  return generators;
}
