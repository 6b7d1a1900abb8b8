import { z } from "zod";
import { PROVIDERS } from "./provider";
import { schemaNamesIn } from "./datasource-provider";

/**
 * The domain model of a schema: what the canvas shows and edits, and what is printed as
 * Prisma Schema Language. Every model, field and enum carries an `id` that survives
 * renames; names are what Prisma sees. The zod schemas validate graphs that arrive from
 * the browser; the types are inferred from them so the two cannot drift apart.
 */

export const SCALAR_TYPES = ["String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Json", "Bytes"] as const;
export type ScalarType = (typeof SCALAR_TYPES)[number];

/** Index access methods Prisma knows (`type:` of @@index; all but BTree are PostgreSQL's). */
export const INDEX_TYPES = ["BTree", "Hash", "Gist", "Gin", "SpGist", "Brin"] as const;

export const REFERENTIAL_ACTIONS = ["Cascade", "Restrict", "NoAction", "SetNull", "SetDefault"] as const;

/** Comments and blank lines around a field or enum value, kept so a round trip loses none. */
export const memberCommentsSchema = z.object({
  leading: z.array(z.string()).optional(),
  trailing: z.string().optional(),
  gapBefore: z.boolean().optional(),
});

/** Comments of a model or enum block: above it, above its @@ attributes, before its closing brace. */
export const blockCommentsSchema = z.object({
  leading: z.array(z.string()).optional(),
  beforeAttributes: z.array(z.string()).optional(),
  end: z.array(z.string()).optional(),
});

export const relationSchema = z.object({
  name: z.string().optional(),
  fields: z.array(z.string()).optional(),
  references: z.array(z.string()).optional(),
  onDelete: z.enum(REFERENTIAL_ACTIONS).optional(),
  onUpdate: z.enum(REFERENTIAL_ACTIONS).optional(),
  /** map: the foreign key's name in the database. */
  dbName: z.string().optional(),
});
export type Relation = z.infer<typeof relationSchema>;

export const fieldSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  /** A scalar type, an enum's name or a model's name, as `kind` says. */
  type: z.string(),
  kind: z.enum(["scalar", "enum", "object"]),
  list: z.boolean(),
  optional: z.boolean(),
  isId: z.boolean(),
  isUnique: z.boolean(),
  /** The @default expression as Prisma writes it: `autoincrement()`, `"text"`, `true`, `ACTIVE`. */
  default: z.string().optional(),
  updatedAt: z.boolean(),
  /** @map: the column's name in the database. */
  dbName: z.string().optional(),
  /** @db.X native type, kept as written, e.g. `VarChar(30)`. */
  nativeType: z.string().optional(),
  documentation: z.string().optional(),
  /**
   * Largest number of characters a String may hold. SQLite has no such column type, so
   * it is kept in the documentation comment as `@maxLength(n)` and enforced by the app.
   */
  maxLength: z.number().int().positive().optional(),
  /** map: of the field's own @unique, when the constraint has a chosen name. */
  uniqueDbName: z.string().optional(),
  /** map: of the field's own @id (the primary key's name), when chosen. */
  idDbName: z.string().optional(),
  relation: relationSchema.optional(),
  comments: memberCommentsSchema.optional(),
});
export type Field = z.infer<typeof fieldSchema>;

/**
 * A field Prisma's datamodel leaves out, kept as prisma-ast reads it and printed back as
 * it was: one marked @ignore, or one of a type Prisma cannot map (`Unsupported("point")`).
 * The designer shows it but does not edit it.
 */
export const verbatimFieldSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  /** The field's line without its comments: `legacy String @ignore`. */
  text: z.string().regex(/^[^\r\n]*$/),
  /** Its type as written: `Unsupported("point")?`, `Post[]`. */
  type: z.string(),
  reason: z.enum(["ignored", "unsupported"]),
  /** The id of the field (of `fields`) it follows; absent, it comes first. */
  after: z.string().optional(),
  /** Its comments, documentation (`///`) included: Prisma's datamodel has none of it. */
  comments: memberCommentsSchema.optional(),
});
export type VerbatimField = z.infer<typeof verbatimFieldSchema>;

/** An operator class as Prisma writes one: a name (`JsonbPathOps`) or `raw("gin_trgm_ops")`. */
export const OPERATOR_CLASS = /^([A-Z][A-Za-z0-9]*|raw\("[^"\\\r\n]*"\))$/;

export const blockIndexSchema = z.object({
  fields: z.array(z.string()).min(1),
  name: z.string().optional(),
  dbName: z.string().optional(),
  /** Fields indexed in a chosen order: `createdAt(sort: Desc)`. */
  sort: z.record(z.string(), z.enum(["Asc", "Desc"])).optional(),
  /** The index's access method (PostgreSQL): `type: Gin`. */
  type: z.enum(INDEX_TYPES).optional(),
  /** Operator classes by field (PostgreSQL): a named one (`JsonbPathOps`) or `raw("gin_trgm_ops")`. */
  ops: z.record(z.string(), z.string().regex(OPERATOR_CLASS)).optional(),
  /** Indexed prefix length by field (MySQL's `length:`; kept as written). */
  length: z.record(z.string(), z.number().int().positive()).optional(),
});
export type BlockIndex = z.infer<typeof blockIndexSchema>;

export const modelSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  /** A `view` block (a read-only query the database defines) rather than a table. */
  isView: z.boolean().optional(),
  /** @@map: the table's name in the database. */
  dbName: z.string().optional(),
  /** @@schema: the database schema it lives in (PostgreSQL, with the datasource's `schemas`). */
  schema: z.string().optional(),
  documentation: z.string().optional(),
  fields: z.array(fieldSchema),
  /** Fields kept as written (see verbatimFieldSchema), each placed after one of `fields`. */
  verbatimFields: z.array(verbatimFieldSchema).optional(),
  /** @@id, a primary key over several fields. */
  primaryKey: blockIndexSchema.optional(),
  uniques: z.array(blockIndexSchema),
  indexes: z.array(blockIndexSchema),
  comments: blockCommentsSchema.optional(),
});
export type Model = z.infer<typeof modelSchema>;

export const enumSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  dbName: z.string().optional(),
  /** @@schema, as on a model. */
  schema: z.string().optional(),
  documentation: z.string().optional(),
  values: z.array(
    z.object({
      name: z.string(),
      dbName: z.string().optional(),
      documentation: z.string().optional(),
      comments: memberCommentsSchema.optional(),
    }),
  ),
  comments: blockCommentsSchema.optional(),
});
export type Enum = z.infer<typeof enumSchema>;

/**
 * A model marked @@ignore: Prisma's datamodel leaves it out, so it is kept as prisma-ast
 * reads it (its whole block, the comments above it included) and printed back as it was.
 */
export const ignoredModelSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  text: z.string(),
  /** Its fields, for the canvas. */
  fields: z.array(z.object({ name: z.string(), type: z.string() })),
});
export type IgnoredModel = z.infer<typeof ignoredModelSchema>;

export const generatorSchema = z.object({
  name: z.string(),
  /** Every key = value line of the block, values as written (strings keep their quotes). */
  config: z.array(z.tuple([z.string(), z.string()])),
});
export type Generator = z.infer<typeof generatorSchema>;

export const schemaGraphSchema = z.object({
  datasource: z.object({
    name: z.string(),
    /** As written: `sqlite`, `postgresql` (or its alias `postgres`); see provider.ts. */
    provider: z.enum(PROVIDERS),
    /** Other settings (relationMode...), values as written. */
    config: z.array(z.tuple([z.string(), z.string()])).optional(),
  }),
  generators: z.array(generatorSchema),
  models: z.array(modelSchema),
  enums: z.array(enumSchema),
  /** Models marked @@ignore, kept as written. */
  ignoredModels: z.array(ignoredModelSchema).optional(),
  /** Model, ignored model and enum ids in the order the file had them; blocks added since come after. */
  order: z.array(z.string()).optional(),
  comments: z.object({ header: z.array(z.string()).optional(), footer: z.array(z.string()).optional() }).optional(),
  /** Why this schema must not be written by the designer (constructs it cannot edit yet). */
  readOnly: z.array(z.string()).optional(),
});
export type SchemaGraph = z.infer<typeof schemaGraphSchema>;

export type ModelMember = (Field & { verbatim?: undefined }) | (VerbatimField & { verbatim: true });

/**
 * A model's fields and kept fields in the order they are printed: kept fields after the
 * field they follow (those that follow none first; those whose field is gone last).
 */
export function modelMembers(model: Model): ModelMember[] {
  const kept = model.verbatimFields ?? [];
  if (!kept.length) return model.fields;
  const after = new Map<string | undefined, VerbatimField[]>();
  const ids = new Set(model.fields.map((f) => f.id));
  for (const field of kept) {
    const anchor = field.after !== undefined && !ids.has(field.after) ? "\0gone" : field.after;
    after.set(anchor, [...(after.get(anchor) ?? []), field]);
  }
  const verbatim = (anchor: string | undefined) => (after.get(anchor) ?? []).map((f) => ({ ...f, verbatim: true as const }));
  return [...verbatim(undefined), ...model.fields.flatMap((f) => [f, ...verbatim(f.id)]), ...verbatim("\0gone")];
}

/** A string that names where an element sits, for messages: `User`, `User.name`. */
export function elementLabel(graph: SchemaGraph, elementId: string): string {
  for (const model of graph.models) {
    if (model.id === elementId) return model.name;
    const field = model.fields.find((f) => f.id === elementId) ?? model.verbatimFields?.find((f) => f.id === elementId);
    if (field) return `${model.name}.${field.name}`;
  }
  return [...graph.enums, ...(graph.ignoredModels ?? [])].find((e) => e.id === elementId)?.name ?? elementId;
}

/**
 * The database schemas a PostgreSQL datasource names (`schemas = ["public", "auth"]`), in the
 * file's order, or none. With them, every model and enum says which it lives in (@@schema).
 */
export function datasourceSchemas(graph: Pick<SchemaGraph, "datasource">): string[] {
  return schemaNamesIn(graph.datasource.config?.find(([key]) => key === "schemas")?.[1] ?? "");
}

/** A table as the grid and the rehearsal name it: `schema.table` outside the schema they read from (`home`), else its name. */
export const tableInSchema = (table: string, schema: string | undefined, home: string | undefined): string =>
  schema && schema !== home ? `${schema}.${table}` : table;

/** A model's table (or view) in the database: its @@map, else its name. */
export const tableName = (model: { name: string; dbName?: string }): string => model.dbName ?? model.name;

/** The column a field is stored in (@map, or else the field's own name). */
export const columnName = (field: { name: string; dbName?: string }): string => field.dbName ?? field.name;

/**
 * The blocks (models or enums) an edit replaced: `present`, those of `after` that are new or
 * not the same object as before (edits replace what they change, immutably), and `was`,
 * those of `before` that `after` no longer holds (the changed ones as they were, and the
 * removed). Edits keep the order of the rest, so only the part between the same first and
 * last blocks is looked at: a set of 5,044 objects costs more than the rest of an edit.
 */
export function changedBlocks<T extends object>(before: T[], after: T[]): { present: T[]; was: T[] } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before.at(-1 - end) === after.at(-1 - end)) end++;
  const old = before.slice(start, before.length - end);
  const now = after.slice(start, after.length - end);
  const unchanged = new Set(old);
  const kept = new Set(now);
  return { present: now.filter((block) => !unchanged.has(block)), was: old.filter((block) => !kept.has(block)) };
}
