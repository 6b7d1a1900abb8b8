import type { Field } from "../../schema/graph";
import type { Dialect } from "../../schema/provider";
import type { ImportNote, PyColumn, PyType } from "./reader";

/**
 * A column's Prisma type: SQLAlchemy's type, else its Python annotation, mapped as the target
 * database's Prisma connector allows. SQLite keeps no precision, days, times or uuids, which is
 * noted where it happens; PostgreSQL keeps each with a native type (`@db.Date`, `@db.Uuid`,
 * `@db.Decimal(10, 2)`), and only an interval has no Prisma type there.
 */

export interface ColumnType {
  type: string;
  kind: Field["kind"];
  list?: boolean;
  maxLength?: number;
  nativeType?: string;
  /** A type Prisma cannot read or write, kept as `Unsupported("...")`. */
  unsupported?: boolean;
}
interface Mapped {
  type: string;
  /** On SQLite, said in the import notes: what the mapping loses. */
  loss?: string;
  /** On PostgreSQL: the native type that keeps it, from the type's arguments. */
  native?: (type: PyType | null) => string | undefined;
}

const DAY = "holds a day only; Prisma's SQLite connector has DateTime for it";
const TIME = "holds a time of day only; Prisma's SQLite connector has DateTime for it";
const INTERVAL = "has no Prisma type; imported as DateTime, the epoch-based value SQLAlchemy stores on SQLite";
const UUID = "has no SQLite type; imported as String";
const lengthOf = (type: PyType | null) => {
  const length = type?.args[0] ?? type?.kwargs.length;
  return typeof length === "number" ? length : undefined;
};
const varChar = (type: PyType | null) => (lengthOf(type) ? `VarChar(${lengthOf(type)})` : undefined);
const char = (type: PyType | null) => `Char(${lengthOf(type) ?? 1})`;
const decimal = (type: PyType | null) => {
  const [precision, scale] = [type?.args[0] ?? type?.kwargs.precision, type?.args[1] ?? type?.kwargs.scale];
  return typeof precision === "number" ? `Decimal(${precision}, ${typeof scale === "number" ? scale : 0})` : undefined;
};
const timestamp = (type: PyType | null) => (type?.kwargs.timezone === true ? "Timestamptz" : undefined);

const each = (names: string[], mapped: Mapped) => Object.fromEntries(names.map((n) => [n, mapped]));
const SQL_TYPES: Record<string, Mapped> = {
  ...each(["Integer", "INTEGER", "INT"], { type: "Int" }),
  ...each(["SmallInteger", "SMALLINT"], { type: "Int", native: () => "SmallInt" }),
  ...each(["BigInteger", "BIGINT"], { type: "BigInt" }),
  ...each(["String", "VARCHAR", "Unicode", "NVARCHAR"], { type: "String", native: varChar }),
  ...each(["CHAR", "NCHAR"], { type: "String", native: char }),
  ...each(["Text", "UnicodeText", "TEXT", "CLOB"], { type: "String" }),
  ...each(["Float", "Double", "DOUBLE", "DOUBLE_PRECISION", "FLOAT"], { type: "Float" }),
  REAL: { type: "Float", native: () => "Real" },
  ...each(["Numeric", "DECIMAL", "NUMERIC"], { type: "Decimal", native: decimal }),
  ...each(["Boolean", "BOOLEAN"], { type: "Boolean" }),
  ...each(["DateTime", "DATETIME", "TIMESTAMP"], { type: "DateTime", native: timestamp }),
  ...each(["Date", "DATE"], { type: "DateTime", loss: DAY, native: () => "Date" }),
  ...each(["Time", "TIME"], { type: "DateTime", loss: TIME, native: () => "Time" }),
  Interval: { type: "DateTime", loss: INTERVAL },
  ...each(["Uuid", "UUID", "GUID"], { type: "String", loss: UUID, native: () => "Uuid" }),
  ...each(["LargeBinary", "BLOB", "BINARY", "VARBINARY"], { type: "Bytes" }),
  PickleType: { type: "Bytes", loss: "holds pickled Python objects; imported as the Bytes they are stored as" },
  ...each(["JSON", "JSONType"], { type: "Json", native: () => "Json" }),
  JSONB: { type: "Json" },
};
const PYTHON_TYPES: Record<string, Mapped> = {
  int: { type: "Int" },
  str: { type: "String" },
  float: { type: "Float" },
  bool: { type: "Boolean" },
  datetime: { type: "DateTime" },
  date: { type: "DateTime", loss: DAY, native: () => "Date" },
  time: { type: "DateTime", loss: TIME, native: () => "Time" },
  timedelta: { type: "DateTime", loss: INTERVAL },
  Decimal: { type: "Decimal" },
  bytes: { type: "Bytes" },
  dict: { type: "Json" },
  UUID: { type: "String", loss: UUID, native: () => "Uuid" },
};
const LENGTH_TYPES = new Set(["String", "VARCHAR", "Unicode", "CHAR", "NCHAR", "NVARCHAR"]);

/** The Prisma type of a column; null if neither its SQLAlchemy type nor its annotation is known. */
export function mappedType(
  column: PyColumn,
  dialect: Dialect,
  enumName: (type: PyType, column: PyColumn) => string | null,
  notes: ImportNote[],
): ColumnType | null {
  const sqlType = column.type;
  const note = (text: string, why: string) => notes.push({ line: column.line, text: `${column.attr}: ${text}`, why });
  if (sqlType?.name === "Enum") {
    const name = enumName(sqlType, column);
    return name ? { type: name, kind: "enum" } : null;
  }
  if (sqlType?.name === "ARRAY") {
    const item = sqlType.item ? mappedType({ ...column, type: sqlType.item, annotation: null }, dialect, enumName, notes) : null;
    if (dialect === "postgresql" && item && !item.unsupported) return { ...item, list: true };
    note("ARRAY", "an ARRAY, which SQLite cannot hold; imported as Json");
    return { type: "Json", kind: "scalar" };
  }
  const mapped = (sqlType?.name ? SQL_TYPES[sqlType.name] : undefined) ?? PYTHON_TYPES[column.annotation?.type ?? ""];
  if (!mapped) return null;
  const written = sqlType?.name ?? column.annotation?.type ?? "";
  if (dialect === "postgresql") {
    if (mapped.loss === INTERVAL) {
      note(written, `${written} has no Prisma type; kept as Unsupported("interval"), which Prisma Client cannot read or write`);
      return { type: 'Unsupported("interval")', kind: "scalar", unsupported: true };
    }
    const nativeType = mapped.native?.(sqlType ?? null);
    return { type: mapped.type, kind: "scalar", ...(nativeType ? { nativeType } : {}) };
  }
  if (mapped.loss) note(written, `${written} ${mapped.loss}`);
  if (mapped.type === "Decimal" && sqlType?.args.length)
    note(`${written}(${sqlType.args.join(", ")})`, "Prisma's SQLite connector keeps no precision or scale for Decimal");
  const length = lengthOf(sqlType);
  return {
    type: mapped.type,
    kind: "scalar",
    ...(sqlType?.name && LENGTH_TYPES.has(sqlType.name) && length ? { maxLength: length } : {}),
  };
}
