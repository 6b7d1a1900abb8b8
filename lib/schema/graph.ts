import { z } from "zod";

/**
 * The domain model of a schema: what the canvas shows and edits, and what is printed as
 * Prisma Schema Language. Every model, field and enum carries an `id` that survives
 * renames; names are what Prisma sees. The zod schemas validate graphs that arrive from
 * the browser; the types are inferred from them so the two cannot drift apart.
 */

export const SCALAR_TYPES = ["String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Json", "Bytes"] as const;
export type ScalarType = (typeof SCALAR_TYPES)[number];

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
  relation: relationSchema.optional(),
  comments: memberCommentsSchema.optional(),
});
export type Field = z.infer<typeof fieldSchema>;

export const blockIndexSchema = z.object({
  fields: z.array(z.string()).min(1),
  name: z.string().optional(),
  dbName: z.string().optional(),
  /** Fields indexed in a chosen order: `createdAt(sort: Desc)`. */
  sort: z.record(z.string(), z.enum(["Asc", "Desc"])).optional(),
});
export type BlockIndex = z.infer<typeof blockIndexSchema>;

export const modelSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  /** A `view` block (a read-only query the database defines) rather than a table. */
  isView: z.boolean().optional(),
  /** @@map: the table's name in the database. */
  dbName: z.string().optional(),
  documentation: z.string().optional(),
  fields: z.array(fieldSchema),
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

export const generatorSchema = z.object({
  name: z.string(),
  /** Every key = value line of the block, values as written (strings keep their quotes). */
  config: z.array(z.tuple([z.string(), z.string()])),
});
export type Generator = z.infer<typeof generatorSchema>;

export const schemaGraphSchema = z.object({
  datasource: z.object({
    name: z.string(),
    provider: z.literal("sqlite"),
    /** Other settings (relationMode...), values as written. */
    config: z.array(z.tuple([z.string(), z.string()])).optional(),
  }),
  generators: z.array(generatorSchema),
  models: z.array(modelSchema),
  enums: z.array(enumSchema),
  /** Model and enum ids in the order the file had them; blocks added since come after. */
  order: z.array(z.string()).optional(),
  comments: z.object({ header: z.array(z.string()).optional(), footer: z.array(z.string()).optional() }).optional(),
  /** Why this schema must not be written by the designer (constructs it cannot edit yet). */
  readOnly: z.array(z.string()).optional(),
});
export type SchemaGraph = z.infer<typeof schemaGraphSchema>;

/** A string that names where an element sits, for messages: `User`, `User.name`. */
export function elementLabel(graph: SchemaGraph, elementId: string): string {
  for (const model of graph.models) {
    if (model.id === elementId) return model.name;
    const field = model.fields.find((f) => f.id === elementId);
    if (field) return `${model.name}.${field.name}`;
  }
  return graph.enums.find((e) => e.id === elementId)?.name ?? elementId;
}
