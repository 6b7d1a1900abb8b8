import { createRequire } from "node:module";
import path from "node:path";
import type { INDEX_TYPES } from "./graph";

/**
 * Prisma's own schema tooling (the prisma-fmt crate compiled to WebAssembly): the same
 * parser, validator and formatter that `prisma validate` and `prisma format` run.
 * Pure computation on strings; loaded once per process.
 */
interface PrismaSchemaWasm {
  format(schema: string, params: string): string;
  lint(input: string): string;
  validate(params: string): void;
  get_datamodel(params: string): string;
  get_config(params: string): string;
}

export const SCHEMA_FILE_NAME = "schema.prisma";

let wasm: PrismaSchemaWasm | undefined;

function load(): PrismaSchemaWasm {
  if (wasm) return wasm;
  // A panic inside the WASM reports its message through this registry before it throws.
  const registry = globalThis as unknown as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(m: string): void } };
  registry.PRISMA_WASM_PANIC_REGISTRY ??= { set_message() {} };
  const require = createRequire(path.join(/*turbopackIgnore: true*/ process.cwd(), "package.json"));
  wasm = require("@prisma/prisma-schema-wasm") as PrismaSchemaWasm;
  return wasm;
}

export interface Diagnostic {
  /** UTF-8 byte offsets into the schema text. */
  start: number;
  end: number;
  message: string;
  warning: boolean;
}

/** Every error and warning Prisma's validator finds, with the span it concerns. */
export function lintSchema(text: string): Diagnostic[] {
  const raw = JSON.parse(load().lint(JSON.stringify([[SCHEMA_FILE_NAME, text]]))) as {
    start: number;
    end: number;
    text: string;
    is_warning: boolean;
  }[];
  return raw.map((d) => ({ start: d.start, end: d.end, message: d.text, warning: d.is_warning }));
}

/** `prisma format`'s output for a schema (it leaves lines it cannot parse as they are). */
export function formatSchema(text: string): string {
  const result = load().format(
    JSON.stringify([[SCHEMA_FILE_NAME, text]]),
    JSON.stringify({ textDocument: { uri: "file:/dev/null" }, options: { tabSize: 2, insertSpaces: true } }),
  );
  return (JSON.parse(result) as [string, string][])[0][1];
}

export function prismaErrorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  try {
    const parsed = JSON.parse(text) as { message?: string };
    return parsed.message ?? text;
  } catch {
    return text;
  }
}

// The parts of Prisma's DMMF that the graph reads.
export interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "object" | "enum" | "unsupported";
  isList: boolean;
  isRequired: boolean;
  isUnique: boolean;
  isId: boolean;
  hasDefaultValue: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  default?: unknown;
  isUpdatedAt: boolean;
  documentation?: string;
  relationName?: string;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}
export interface DmmfModel {
  name: string;
  dbName: string | null;
  /** @@schema, in a multi-schema project. */
  schema?: string | null;
  documentation?: string;
  fields: DmmfField[];
}
export interface DmmfEnum {
  name: string;
  dbName?: string | null;
  documentation?: string;
  values: { name: string; dbName: string | null; documentation?: string }[];
}
export interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  isDefinedOnField: boolean;
  name?: string;
  dbName?: string;
  algorithm?: (typeof INDEX_TYPES)[number];
  fields: { name: string; sortOrder?: "asc" | "desc"; length?: number; operatorClass?: string }[];
}
export interface Datamodel {
  models: DmmfModel[];
  enums: DmmfEnum[];
  indexes: DmmfIndex[];
}

/**
 * Prisma's parsed datamodel of a valid schema (the DMMF's datamodel part, without the
 * query schema that makes the whole DMMF grow past what a string can hold at 1,000
 * models); throws Prisma's message when the schema is invalid.
 */
export function readDatamodel(text: string): Datamodel {
  try {
    return JSON.parse(load().get_datamodel(JSON.stringify({ prismaSchema: [[SCHEMA_FILE_NAME, text]], noColor: true })));
  } catch (error) {
    throw new Error(prismaErrorMessage(error));
  }
}

export interface SchemaConfig {
  datasources: { name: string; provider: string; schemas?: string[] }[];
  generators: { name: string }[];
}

export function readConfig(text: string): SchemaConfig {
  const result = JSON.parse(
    load().get_config(
      JSON.stringify({ prismaSchema: [[SCHEMA_FILE_NAME, text]], datasourceOverrides: {}, ignoreEnvVarErrors: true, env: {} }),
    ),
  ) as { config: SchemaConfig; errors: { message: string }[] };
  if (result.errors.length) throw new Error(result.errors.map((e) => e.message).join("\n"));
  return result.config;
}
