import type { Dialect } from "../../schema/provider";
import type { Field } from "../../schema/graph";
import type { ImportNote, PyColumn, PyDefault } from "./reader";

/**
 * The @default a column's server_default (what the table holds) or default= (what Python sets)
 * becomes, and @updatedAt from onupdate=; each one that cannot be said in Prisma is noted.
 */

/** A literal as Prisma writes it for a field of this type, or null when it cannot be one. */
function literalDefault(value: unknown, field: Field, enumValue: (raw: unknown) => string | null): string | null {
  if (field.kind === "enum") return enumValue(value);
  switch (field.type) {
    case "Int":
    case "BigInt":
    case "Float":
    case "Decimal": {
      const number = typeof value === "boolean" ? Number(value) : Number(value);
      return typeof value !== "object" && value !== "" && Number.isFinite(number) ? String(number) : null;
    }
    case "Boolean":
      if (typeof value === "boolean") return String(value);
      if (["0", "1", "false", "true"].includes(String(value).toLowerCase()))
        return String(["1", "true"].includes(String(value).toLowerCase()));
      return typeof value === "number" ? String(value !== 0) : null;
    case "String":
      return typeof value === "string" || typeof value === "number" ? JSON.stringify(String(value)) : null;
    default:
      return null;
  }
}

export function applyDefaults(
  field: Field,
  column: PyColumn,
  dialect: Dialect,
  enumValue: (raw: unknown) => string | null,
  notes: ImportNote[],
): void {
  const given: PyDefault | undefined = column.serverDefault ?? column.default;
  const option = column.serverDefault ? "server_default" : "default";
  const note = (why: string, text = `${column.attr}: ${option}`) => notes.push({ line: column.line, text, why });
  if (given?.kind === "now") {
    if (field.type === "DateTime") field.default = "now()";
    else note(`a current-time default on a ${field.type} column; Prisma's now() needs DateTime, so it is left out`);
  } else if (given?.kind === "uuid") {
    if (field.type === "String") field.default = "uuid()";
    else note(`a uuid default on a ${field.type} column; Prisma's uuid() needs String, so it is left out`);
  } else if (given?.kind === "enum") {
    const value = enumValue(given.value);
    if (value) field.default = value;
    else note(`the default ${given.value} is not a value of the column's enum`);
  } else if (given?.kind === "literal" && given.value !== null && field.type === "Json" && dialect === "postgresql") {
    field.default = JSON.stringify(typeof given.value === "string" ? given.value : JSON.stringify(given.value));
  } else if (given?.kind === "literal" && given.value !== null && field.type === "Json") {
    // Prisma's SQLite migration writes a Json default unquoted (DEFAULT {}), which SQLite refuses.
    note(`the Json default ${JSON.stringify(given.value)}; Prisma cannot migrate a Json default on SQLite, so it is left out`);
  } else if (given?.kind === "literal" && given.value !== null) {
    const value = literalDefault(given.value, field, enumValue);
    if (value !== null) field.default = value;
    else note(`the default ${JSON.stringify(given.value)} does not fit a ${field.type} column; left out`);
  } else if (given?.kind === "other" && given.sql && dialect === "postgresql") {
    field.default = `dbgenerated(${JSON.stringify(given.sql)})`;
  } else if (given?.kind === "other") {
    note(`a default computed by code (${given.text}) that Prisma cannot run; left out`, `${column.attr}: ${given.text}`);
  }
  if (column.onUpdate?.kind === "now" && field.type === "DateTime") field.updatedAt = true;
  else if (column.onUpdate)
    note(
      "an onupdate= Prisma cannot express; only a DateTime set to the current time (@updatedAt) can be",
      `${column.attr}: onupdate`,
    );
}
