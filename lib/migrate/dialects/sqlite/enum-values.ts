import { quoteIdentifier as quote, quoteLiteral as literal } from "../../../schema/identifiers";
import { readDatamodel, type Datamodel } from "../../../schema/prisma-wasm";
import type { DatabaseRename } from "../../../schema/renames";

/**
 * SQLite has no enum types: Prisma keeps an enum's values as text in every column of its
 * type. An enum value renamed on the canvas is those rows rewritten, or Prisma Client would
 * meet values its enum no longer has. (PostgreSQL renames the value itself: renameSql.)
 */

/** One enum value rewritten in one text column. */
export interface ValueRename {
  table: string;
  column: string;
  from: string;
  to: string;
}

/** The columns of the schema that hold the enum whose database name is `enumName`. */
function columnsOf(datamodel: Pick<Datamodel, "models" | "enums">, enumName: string) {
  const enumeration = datamodel.enums.find((e) => (e.dbName ?? e.name) === enumName);
  if (!enumeration) return [];
  return datamodel.models.flatMap((model) =>
    model.fields
      .filter((field) => field.kind === "enum" && field.type === enumeration.name && !field.isList)
      .map((field) => ({ table: model.dbName ?? model.name, column: field.dbName ?? field.name })),
  );
}

/**
 * The value renames among `renames`, in each column of the schema (`datamodel`, the schema
 * the revision leads to) that holds their enum: `up` as the revision makes them, `down` undone.
 */
function valueRenames(
  renames: DatabaseRename[],
  datamodel: Pick<Datamodel, "models" | "enums">,
  direction: "up" | "down",
): ValueRename[] {
  const values = renames.flatMap((r) => (r.kind === "enumValue" ? [r] : []));
  const ordered = direction === "up" ? values : values.toReversed();
  return ordered.flatMap((r) =>
    columnsOf(datamodel, r.enum).map((place) =>
      direction === "up" ? { ...place, from: r.from, to: r.to } : { ...place, from: r.to, to: r.from },
    ),
  );
}

const HEADER = "-- Enum values renamed on the canvas (Schemaflow): the rows that hold them follow";

/**
 * The UPDATEs of the value renames. They run after the revision's own statements (on the
 * columns as it leaves them) and, undone, before the down script's (on the same columns).
 */
function valueRenameSql(renames: ValueRename[]): string {
  if (!renames.length) return "";
  const lines = renames.map(
    (r) => `UPDATE ${quote(r.table)} SET ${quote(r.column)} = ${literal(r.to)} WHERE ${quote(r.column)} = ${literal(r.from)};`,
  );
  return `\n${HEADER}\n${lines.join("\n")}\n`;
}

const IDENTIFIER = String.raw`"((?:[^"]|"")*)"`;
const LITERAL = String.raw`'((?:[^']|'')*)'`;
const UPDATE = new RegExp(
  String.raw`^UPDATE ${IDENTIFIER} SET ${IDENTIFIER} = ${LITERAL} WHERE ${IDENTIFIER} = ${LITERAL};$`,
  "gm",
);

/**
 * The value renames a script makes (what valueRenameSql writes, after its header): what the
 * rehearsal's value check counts as explained.
 */
export function valueRenamesIn(sql: string): ValueRename[] {
  const at = sql.indexOf(HEADER);
  if (at < 0) return [];
  const renames: ValueRename[] = [];
  for (const [, table, column, to, where, from] of sql.slice(at).matchAll(UPDATE)) {
    if (where !== column) continue;
    const name = (s: string) => s.replaceAll('""', '"');
    renames.push({ table: name(table), column: name(column), from: from.replaceAll("''", "'"), to: to.replaceAll("''", "'") });
  }
  return renames;
}

/**
 * The row updates a revision makes on SQLite for the enum values among `renames`, read from
 * the schema text it leads to: `up` for its migration.sql, `down` for its down.sql.
 */
export function enumValueRowSql(renames: DatabaseRename[], schemaText: string, direction: "up" | "down"): string {
  if (!renames.some((r) => r.kind === "enumValue")) return "";
  return valueRenameSql(valueRenames(renames, readDatamodel(schemaText), direction));
}
