import type { Field, SchemaGraph } from "./graph";
import { dialectOf, type Dialect } from "./provider";

/**
 * @default values as a person picks them: a function that fits the field's type, or a
 * literal checked against it. What comes out is the expression Prisma expects.
 */

export const DEFAULT_FUNCTIONS = {
  "autoincrement()": ["Int", "BigInt"],
  "now()": ["DateTime"],
  "uuid()": ["String"],
  "cuid()": ["String"],
} as const satisfies Record<string, readonly string[]>;
export type DefaultFunction = keyof typeof DEFAULT_FUNCTIONS;

export function functionsFor(type: string): DefaultFunction[] {
  return (Object.keys(DEFAULT_FUNCTIONS) as DefaultFunction[]).filter((fn) =>
    (DEFAULT_FUNCTIONS[fn] as readonly string[]).includes(type),
  );
}

export type DefaultChoice = { kind: "none" } | { kind: "function"; fn: DefaultFunction } | { kind: "literal"; text: string };

/** What the inspector shows for a field's current @default. */
export function describeDefault(field: Pick<Field, "default" | "type" | "kind">): DefaultChoice {
  if (field.default === undefined) return { kind: "none" };
  if (field.default in DEFAULT_FUNCTIONS) return { kind: "function", fn: field.default as DefaultFunction };
  if (/^"/.test(field.default)) {
    try {
      return { kind: "literal", text: JSON.parse(field.default) as string };
    } catch {
      return { kind: "literal", text: field.default };
    }
  }
  return { kind: "literal", text: field.default };
}

/** A default Prisma computes, written as its function call (not a string that looks like one). */
const PRISMA_EXPRESSION = /^(autoincrement|now|uuid|cuid|nanoid|ulid|dbgenerated|sequence|auto)\([\s\S]*\)$/;

export type DefaultCheck = { ok: true; expression: string | undefined } | { ok: false; message: string };

/**
 * Prisma accepts a literal Json default on SQLite, but its SQLite migration writes the JSON
 * unquoted (`DEFAULT {}`), which SQLite refuses ("unrecognized token"): prisma/orm#26571.
 */
export const JSON_DEFAULT_ON_SQLITE =
  "SQLite cannot take a Json default: Prisma's migration writes it unquoted (DEFAULT {}), which SQLite refuses (Prisma bug #26571). Leave the default out and set the value when rows are written, or use PostgreSQL.";

/** The fields whose @default the database cannot take (Prisma's validator lets them pass). */
export function refusedDefaults(graph: SchemaGraph): { elementId: string; message: string }[] {
  if (dialectOf(graph.datasource.provider) !== "sqlite") return [];
  return graph.models.flatMap((model) =>
    model.fields.flatMap((field) =>
      field.type === "Json" && field.default?.startsWith('"') ? [{ elementId: field.id, message: JSON_DEFAULT_ON_SQLITE }] : [],
    ),
  );
}

/** The @default expression for a choice, or why it does not fit the field (on this database). */
export function defaultExpression(
  field: Pick<Field, "type" | "kind" | "list">,
  choice: DefaultChoice,
  enumValues: string[] = [],
  dialect?: Dialect,
): DefaultCheck {
  if (choice.kind === "none") return { ok: true, expression: undefined };
  if (field.kind === "object") return { ok: false, message: "A relation field has no default" };
  if (choice.kind === "function") {
    const fits = (DEFAULT_FUNCTIONS[choice.fn] as readonly string[]).includes(field.type);
    return fits
      ? { ok: true, expression: choice.fn }
      : {
          ok: false,
          message: `${choice.fn} does not fit a ${field.type} field (it is for ${DEFAULT_FUNCTIONS[choice.fn].join(" or ")})`,
        };
  }
  const text = choice.text.trim();
  // Prisma's own expressions (dbgenerated("..."), uuid(7), cuid(2), nanoid(16) ...) and a
  // list's values are kept as typed: Prisma's validator, on save, says whether they fit.
  if (PRISMA_EXPRESSION.test(text)) return { ok: true, expression: text };
  if (field.list)
    return /^\[[\s\S]*\]$/.test(text)
      ? { ok: true, expression: text }
      : { ok: false, message: "A list's default is written in brackets: [] or [1, 2]" };
  if (field.kind === "enum") {
    return enumValues.includes(text)
      ? { ok: true, expression: text }
      : { ok: false, message: `${field.type} has no value "${text}"; choose one of ${enumValues.join(", ")}` };
  }
  switch (field.type) {
    case "String":
      return { ok: true, expression: JSON.stringify(choice.text) };
    case "Int":
    case "BigInt":
      return /^-?\d+$/.test(text) ? { ok: true, expression: text } : { ok: false, message: `"${text}" is not a whole number` };
    case "Float":
    case "Decimal":
      return /^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(text)
        ? { ok: true, expression: text }
        : { ok: false, message: `"${text}" is not a number` };
    case "Boolean":
      return text === "true" || text === "false"
        ? { ok: true, expression: text }
        : { ok: false, message: "A Boolean default is true or false" };
    case "DateTime":
      return /^\d{4}-\d{2}-\d{2}/.test(text) && !Number.isNaN(Date.parse(text))
        ? { ok: true, expression: JSON.stringify(new Date(text).toISOString()) }
        : { ok: false, message: `"${text}" is not a date (use an ISO date like 2024-01-31T12:00:00Z, or now())` };
    case "Json":
      if (dialect === "sqlite") return { ok: false, message: JSON_DEFAULT_ON_SQLITE };
      try {
        JSON.parse(text);
        return { ok: true, expression: JSON.stringify(text) };
      } catch {
        return { ok: false, message: `"${text}" is not valid JSON` };
      }
    case "Bytes":
      return /^[A-Za-z0-9+/]*={0,2}$/.test(text) && text.length % 4 === 0
        ? { ok: true, expression: JSON.stringify(text) }
        : { ok: false, message: "A Bytes default is base64 text" };
    default:
      return { ok: false, message: `A ${field.type} field takes no literal default` };
  }
}

/**
 * What a type change leaves of a field: attributes that only fit the old type go (an
 * autoincrement on a String, @updatedAt off a DateTime, a maximum length off a String).
 */
export function retype(field: Field, type: string, kind: Field["kind"], dialect?: Dialect): Partial<Field> {
  const changes: Partial<Field> = { type, kind, default: undefined };
  if (field.default !== undefined && kind === "scalar" && field.kind === "scalar") {
    const kept = describeDefault(field);
    const check = defaultExpression({ type, kind, list: field.list }, kept, [], dialect);
    if (check.ok) changes.default = check.expression;
  }
  if (type !== "DateTime") changes.updatedAt = false;
  if (type !== "String") changes.maxLength = undefined;
  // A native type belongs to its scalar type (@db.VarChar on an Int is refused).
  if (type !== field.type) changes.nativeType = undefined;
  return changes;
}
