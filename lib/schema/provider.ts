/**
 * The databases a schema can be designed for, and Prisma's names for them. `postgres` is an
 * alias Prisma accepts for `postgresql`: a schema keeps the one it was written with, and
 * everything that depends on the database asks `dialectOf`.
 */
export const DIALECTS = ["sqlite", "postgresql"] as const;
export type Dialect = (typeof DIALECTS)[number];

// Without zod (the graph's schema in ./graph makes the zod enum): the CLI reads providers,
// and zod would be most of its bundle.
export const PROVIDERS = ["sqlite", "postgresql", "postgres"] as const;
export type Provider = (typeof PROVIDERS)[number];

export function isProvider(provider: string): provider is Provider {
  return (PROVIDERS as readonly string[]).includes(provider);
}

export function dialectOf(provider: Provider): Dialect {
  return provider === "postgres" ? "postgresql" : provider;
}

/**
 * The native types (`@db.X`) each database offers for each scalar type, as Prisma's connector
 * accepts them, with their usual arguments: what the inspector offers, and nothing else.
 * SQLite has none. One table, consulted by the UI (as ChartDB's database-capabilities does).
 */
export const NATIVE_TYPES: Record<Dialect, Partial<Record<string, readonly string[]>>> = {
  sqlite: {},
  postgresql: {
    String: ["Text", "VarChar(255)", "Char(1)", "Uuid", "Citext", "Inet", "Xml", "Bit(1)", "VarBit"],
    Int: ["Integer", "SmallInt", "Oid"],
    BigInt: ["BigInt"],
    Float: ["DoublePrecision", "Real"],
    Decimal: ["Decimal(65, 30)", "Money"],
    Boolean: ["Boolean"],
    DateTime: ["Timestamp(3)", "Timestamptz(3)", "Date", "Time(3)", "Timetz(3)"],
    Json: ["Json", "JsonB"],
    Bytes: ["ByteA"],
  },
};

/** A String's maximum length is a column type on PostgreSQL (`@db.VarChar(n)`); SQLite has none (`/// @maxLength(n)`). */
export const hasVarChar = (dialect: Dialect) => dialect === "postgresql";
