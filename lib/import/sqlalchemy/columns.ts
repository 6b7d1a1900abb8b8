import type { Field } from "../../schema/graph";
import type { ImportNote, PyColumn, PyDefault, PyType } from "./reader";

/**
 * A column's Prisma type and default: SQLAlchemy's types and Python's annotations mapped the way
 * Prisma's SQLite connector allows, with a note wherever something is lost on the way.
 */

interface Mapped {
  type: string;
  /** Said in the import notes: what the mapping loses. */
  loss?: string;
}
const DAY = "holds a day only; Prisma's SQLite connector has DateTime for it";
const TIME = "holds a time of day only; Prisma's SQLite connector has DateTime for it";
const INTERVAL = "has no Prisma type; imported as DateTime, the epoch-based value SQLAlchemy stores on SQLite";
const UUID = "has no SQLite type; imported as String";
const SQL_TYPES: Record<string, Mapped> = {
  ...Object.fromEntries(["Integer", "INTEGER", "INT", "SmallInteger", "SMALLINT"].map((n) => [n, { type: "Int" }])),
  ...Object.fromEntries(["BigInteger", "BIGINT"].map((n) => [n, { type: "BigInt" }])),
  ...Object.fromEntries(
    ["String", "VARCHAR", "Unicode", "Text", "UnicodeText", "CHAR", "NCHAR", "NVARCHAR", "TEXT", "CLOB"].map((n) => [
      n,
      { type: "String" },
    ]),
  ),
  ...Object.fromEntries(["Float", "REAL", "Double", "DOUBLE", "DOUBLE_PRECISION", "FLOAT"].map((n) => [n, { type: "Float" }])),
  ...Object.fromEntries(["Numeric", "DECIMAL", "NUMERIC"].map((n) => [n, { type: "Decimal" }])),
  ...Object.fromEntries(["Boolean", "BOOLEAN"].map((n) => [n, { type: "Boolean" }])),
  ...Object.fromEntries(["DateTime", "DATETIME", "TIMESTAMP"].map((n) => [n, { type: "DateTime" }])),
  ...Object.fromEntries(["Date", "DATE"].map((n) => [n, { type: "DateTime", loss: DAY }])),
  ...Object.fromEntries(["Time", "TIME"].map((n) => [n, { type: "DateTime", loss: TIME }])),
  Interval: { type: "DateTime", loss: INTERVAL },
  ...Object.fromEntries(["Uuid", "UUID", "GUID"].map((n) => [n, { type: "String", loss: UUID }])),
  ...Object.fromEntries(["LargeBinary", "BLOB", "BINARY", "VARBINARY"].map((n) => [n, { type: "Bytes" }])),
  PickleType: { type: "Bytes", loss: "holds pickled Python objects; imported as the Bytes they are stored as" },
  ...Object.fromEntries(["JSON", "JSONType"].map((n) => [n, { type: "Json" }])),
};
const PYTHON_TYPES: Record<string, Mapped> = {
  int: { type: "Int" },
  str: { type: "String" },
  float: { type: "Float" },
  bool: { type: "Boolean" },
  datetime: { type: "DateTime" },
  date: { type: "DateTime", loss: DAY },
  time: { type: "DateTime", loss: TIME },
  timedelta: { type: "DateTime", loss: INTERVAL },
  Decimal: { type: "Decimal" },
  bytes: { type: "Bytes" },
  dict: { type: "Json" },
  UUID: { type: "String", loss: UUID },
};
const LENGTH_TYPES = new Set(["String", "VARCHAR", "Unicode", "CHAR", "NCHAR", "NVARCHAR"]);

export interface ColumnType {
  type: string;
  kind: Field["kind"];
  maxLength?: number;
}

/** The Prisma type of a column from its SQLAlchemy type, else its annotation; null if neither is known. */
export function mappedType(
  column: PyColumn,
  enumName: (type: PyType, column: PyColumn) => string | null,
  notes: ImportNote[],
): ColumnType | null {
  const sqlType = column.type;
  if (sqlType?.name === "Enum") {
    const name = enumName(sqlType, column);
    return name ? { type: name, kind: "enum" } : null;
  }
  const mapped = (sqlType?.name ? SQL_TYPES[sqlType.name] : undefined) ?? PYTHON_TYPES[column.annotation?.type ?? ""];
  if (!mapped) return null;
  const written = sqlType?.name ?? column.annotation?.type;
  if (mapped.loss) notes.push({ line: column.line, text: `${column.attr}: ${written}`, why: `${written} ${mapped.loss}` });
  if (mapped.type === "Decimal" && sqlType?.args.length)
    notes.push({
      line: column.line,
      text: `${column.attr}: ${written}(${sqlType.args.join(", ")})`,
      why: "Prisma's SQLite connector keeps no precision or scale for Decimal",
    });
  const length = sqlType?.args[0] ?? sqlType?.kwargs.length;
  return {
    type: mapped.type,
    kind: "scalar",
    ...(sqlType?.name && LENGTH_TYPES.has(sqlType.name) && typeof length === "number" ? { maxLength: length } : {}),
  };
}

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

/**
 * The @default a column's server_default (what the table holds) or default= (what Python sets)
 * becomes, and @updatedAt from onupdate=; each one that cannot be said in Prisma is noted.
 */
export function applyDefaults(
  field: Field,
  column: PyColumn,
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
  } else if (given?.kind === "literal" && given.value !== null && field.type === "Json") {
    // Prisma's SQLite migration writes a Json default unquoted (DEFAULT {}), which SQLite refuses.
    note(`the Json default ${JSON.stringify(given.value)}; Prisma cannot migrate a Json default on SQLite, so it is left out`);
  } else if (given?.kind === "literal" && given.value !== null) {
    const value = literalDefault(given.value, field, enumValue);
    if (value !== null) field.default = value;
    else note(`the default ${JSON.stringify(given.value)} does not fit a ${field.type} column; left out`);
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
