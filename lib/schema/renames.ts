import { columnName as columnOf, tableName as tableOf, type SchemaGraph } from "./graph";
import { quoteIdentifier as quote, quoteLiteral as literal } from "./identifiers";
import type { Dialect } from "./provider";

/**
 * Renames are what a text diff cannot see: a table or column that changed its name is,
 * to Prisma's engine, one dropped and another created, with the data gone. The designer
 * knows better: every model and field keeps its id across renames. These functions turn
 * two versions of a graph into the database renames between them, and chain them.
 */
export type DatabaseRename =
  | { kind: "table"; from: string; to: string }
  | { kind: "column"; table: string; from: string; to: string }
  | { kind: "enum"; from: string; to: string }
  | { kind: "enumValue"; enum: string; from: string; to: string };

/** The table a column rename belongs to, the enum a value rename belongs to. */
const OWNER = { column: "table", enumValue: "enum" } as const;
/** The renames that follow each owner's: columns follow their table, values their enum. */
const MEMBER = { table: "column", enum: "enumValue" } as const;

function ownerOf(rename: DatabaseRename): string | undefined {
  if (rename.kind === "column") return rename.table;
  if (rename.kind === "enumValue") return rename.enum;
  return undefined;
}

function withOwner(rename: DatabaseRename, owner: string): DatabaseRename {
  if (rename.kind === "column") return { ...rename, table: owner };
  if (rename.kind === "enumValue") return { ...rename, enum: owner };
  return rename;
}

/** Whether a value read from outside (a request, the renames file) is a DatabaseRename. */
export function isDatabaseRename(value: unknown): value is DatabaseRename {
  if (typeof value !== "object" || value === null) return false;
  const rename = value as Record<string, unknown>;
  const kind = rename.kind;
  if (kind !== "table" && kind !== "column" && kind !== "enum" && kind !== "enumValue") return false;
  const keys = ["kind", "from", "to", ...(kind === "column" || kind === "enumValue" ? [OWNER[kind]] : [])];
  return Object.keys(rename).length === keys.length && keys.every((key) => key === "kind" || typeof rename[key] === "string");
}

/** An enum's type name, and a value as the database stores it: `@@map` and `@map` win. */
const enumOf = tableOf;
const valueOf = columnOf;

/** The tables, columns, enums and enum values of `before` that `after` holds under another name. */
export function databaseRenames(before: SchemaGraph, after: SchemaGraph): DatabaseRename[] {
  const renames: DatabaseRename[] = [];
  const old = new Map(before.models.map((m) => [m.id, m]));
  for (const model of after.models) {
    const previous = old.get(model.id);
    // Edits replace what they change: the same object is the same model.
    if (!previous || previous === model || model.isView) continue;
    if (tableOf(previous) !== tableOf(model)) renames.push({ kind: "table", from: tableOf(previous), to: tableOf(model) });
    const fields = new Map(previous.fields.map((f) => [f.id, f]));
    for (const field of model.fields) {
      const was = fields.get(field.id);
      if (was && field.kind !== "object" && was.kind !== "object" && columnOf(was) !== columnOf(field)) {
        renames.push({ kind: "column", table: tableOf(model), from: columnOf(was), to: columnOf(field) });
      }
    }
  }
  const oldEnums = new Map(before.enums.map((e) => [e.id, e]));
  for (const enumeration of after.enums) {
    const previous = oldEnums.get(enumeration.id);
    if (!previous || previous === enumeration) continue;
    if (enumOf(previous) !== enumOf(enumeration)) renames.push({ kind: "enum", from: enumOf(previous), to: enumOf(enumeration) });
    for (const [from, to] of valuesRenamedInPlace(previous.values.map(valueOf), enumeration.values.map(valueOf))) {
      renames.push({ kind: "enumValue", enum: enumOf(enumeration), from, to });
    }
  }
  return renames;
}

/**
 * Enum values have no ids: a value renamed is one edited in place. With as many values as
 * before, a name that left a position and one that arrived at it (neither found elsewhere in
 * the other list) are one value renamed. Values added, removed or moved are not renames.
 */
export function valuesRenamedInPlace(before: string[], after: string[]): [string, string][] {
  if (before.length !== after.length) return [];
  const had = new Set(before);
  const has = new Set(after);
  return before.flatMap((from, i): [string, string][] =>
    from !== after[i] && !has.has(from) && !had.has(after[i]) ? [[from, after[i]]] : [],
  );
}

/**
 * Adds new renames to the ones pending since the last revision: A→B then B→C is A→C,
 * A→B then B→A is nothing, and a column (or enum value) rename follows its table's (or enum's).
 */
export function chainRenames(pending: DatabaseRename[], added: DatabaseRename[]): DatabaseRename[] {
  let result = [...pending];
  for (const rename of added) {
    if (rename.kind === "table" || rename.kind === "enum") {
      const member = MEMBER[rename.kind];
      result = result.map((r) => (r.kind === member && ownerOf(r) === rename.from ? withOwner(r, rename.to) : r));
    }
    const earlier = result.find((r) => r.kind === rename.kind && ownerOf(r) === ownerOf(rename) && r.to === rename.from);
    if (earlier) {
      result = result.filter((r) => r !== earlier);
      if (earlier.from !== rename.to) result.push({ ...earlier, to: rename.to });
    } else result.push(rename);
  }
  return result;
}

/** The statement that makes one rename, on the names as they are just before it runs. */
function statement(r: DatabaseRename): string {
  switch (r.kind) {
    case "table":
      return `ALTER TABLE ${quote(r.from)} RENAME TO ${quote(r.to)};`;
    case "column":
      return `ALTER TABLE ${quote(r.table)} RENAME COLUMN ${quote(r.from)} TO ${quote(r.to)};`;
    case "enum":
      return `ALTER TYPE ${quote(r.from)} RENAME TO ${quote(r.to)};`;
    case "enumValue":
      return `ALTER TYPE ${quote(r.enum)} RENAME VALUE ${literal(r.from)} TO ${literal(r.to)};`;
  }
}

/**
 * The renames a database has statements for. SQLite has no enum types: its enum columns
 * are text, so an enum rename is nothing to it (a value rename is rows to update, see
 * enumValueUpdates).
 */
function forDatabase(renames: DatabaseRename[], dialect: Dialect): DatabaseRename[] {
  return dialect === "postgresql" ? renames : renames.filter((r) => r.kind === "table" || r.kind === "column");
}

/** Owners before their members: tables, columns (under the tables' new names), enums, values. */
const ORDER: DatabaseRename["kind"][] = ["table", "column", "enum", "enumValue"];

/** Statements that perform the renames on the database as the last revision left it. */
export function renameSql(renames: DatabaseRename[], dialect: Dialect): string {
  const lines = ORDER.flatMap((kind) => forDatabase(renames, dialect).filter((r) => r.kind === kind)).map(statement);
  return lines.length ? `-- Renames made on the canvas (Schemaflow): the data stays\n${lines.join("\n")}\n\n` : "";
}

/**
 * The renames undone, for a revision's down.sql: members back first (under their owners'
 * new names, which they still have), then the owners.
 */
export function reverseRenameSql(renames: DatabaseRename[], dialect: Dialect): string {
  const lines = ORDER.toReversed()
    .flatMap((kind) => forDatabase(renames, dialect).filter((r) => r.kind === kind))
    .map((r) => statement({ ...r, from: r.to, to: r.from }));
  return lines.length ? `\n-- Renames made on the canvas, undone (Schemaflow): the data stays\n${lines.join("\n")}\n` : "";
}

/** One rename as a person reads it in a plan: `address → email_address`, `user.fullname → full_name`. */
export function describeRename(r: DatabaseRename): string {
  const owner = ownerOf(r);
  return `${r.kind === "enum" ? "enum " : ""}${owner === undefined ? "" : `${owner}.`}${r.from} → ${r.to}`;
}

const IDENTIFIER = String.raw`"((?:[^"]|"")*)"`;
const LITERAL = String.raw`'((?:[^']|'')*)'`;
const RENAME = new RegExp(
  String.raw`ALTER (TABLE|TYPE) ${IDENTIFIER} RENAME (?:COLUMN ${IDENTIFIER} TO ${IDENTIFIER}|VALUE ${LITERAL} TO ${LITERAL}|TO ${IDENTIFIER})`,
  "g",
);
const unquote = (name: string) => name.replaceAll('""', '"');
const unquoteLiteral = (value: string) => value.replaceAll("''", "'");

/**
 * The renames a script performs (the statements renameSql and reverseRenameSql write), with
 * each column (enum value) named under its table's (enum's) final name, as the rehearsal reads them.
 */
export function renamesIn(sql: string): DatabaseRename[] {
  const renames: DatabaseRename[] = [];
  for (const [, what, name, columnFrom, columnTo, valueFrom, valueTo, renamedTo] of sql.matchAll(RENAME)) {
    const owner = unquote(name);
    if (renamedTo !== undefined) {
      const kind = what === "TABLE" ? "table" : "enum";
      const to = unquote(renamedTo);
      // A member renamed before its owner was: it is found under the owner's new name.
      renames.forEach((r, i) => {
        if (r.kind === MEMBER[kind] && ownerOf(r) === owner) renames[i] = withOwner(r, to);
      });
      renames.push({ kind, from: owner, to });
    } else if (columnFrom !== undefined) {
      renames.push({ kind: "column", table: owner, from: unquote(columnFrom), to: unquote(columnTo) });
    } else renames.push({ kind: "enumValue", enum: owner, from: unquoteLiteral(valueFrom), to: unquoteLiteral(valueTo) });
  }
  return renames;
}
