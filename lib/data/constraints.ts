import { columnName, datasourceSchemas, tableInSchema, tableName, type Model, type SchemaGraph } from "../schema/graph";

/** The model whose table has this name (@@map or, without one, the model's own name). */
export function modelForTable(graph: SchemaGraph, table: string): Model | undefined {
  // Outside a multi-schema project's first schema, the grid names a table `schema.table`.
  const first = datasourceSchemas(graph)[0];
  return graph.models.find((model) => tableInSchema(tableName(model), model.schema, first) === table);
}

/** Characters as a person counts them (code points), as the @maxLength check does. */
export function characterCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xd800 || code > 0xdbff || i + 1 === text.length) count++;
    else {
      const next = text.charCodeAt(i + 1);
      count++;
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return count;
}

/** What the check reads of a schema: each model's table, and each field's column and maximum length. */
export interface LengthLimits {
  models: { name: string; dbName?: string; fields: { name: string; dbName?: string; maxLength?: number }[] }[];
}

/**
 * The constraints the schema holds but SQLite cannot: a String's maximum length. Returns a
 * sentence per value that breaks one; an empty list when the row may be written.
 */
export function constraintViolations(schema: LengthLimits, table: string, row: Record<string, unknown>): string[] {
  const model = schema.models.find((m) => (m.dbName ?? m.name) === table);
  if (!model) return [];
  const problems: string[] = [];
  for (const field of model.fields) {
    const value = row[columnName(field)];
    if (field.maxLength && typeof value === "string" && characterCount(value) > field.maxLength) {
      const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
      problems.push(
        `${table}.${columnName(field)} holds at most ${field.maxLength} characters; "${shown}" has ${characterCount(value)}`,
      );
    }
  }
  return problems;
}
