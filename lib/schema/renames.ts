import type { SchemaGraph } from "./graph";
import { quoteIdentifier as quote } from "./identifiers";

/**
 * Renames are what a text diff cannot see: a table or column that changed its name is,
 * to Prisma's engine, one dropped and another created, with the data gone. The designer
 * knows better: every model and field keeps its id across renames. These functions turn
 * two versions of a graph into the database renames between them, and chain them.
 */
export type DatabaseRename =
  { kind: "table"; from: string; to: string } | { kind: "column"; table: string; from: string; to: string };

/** Whether a value read from outside (a request, the renames file) is a DatabaseRename. */
export function isDatabaseRename(value: unknown): value is DatabaseRename {
  if (typeof value !== "object" || value === null) return false;
  const rename = value as Record<string, unknown>;
  const names = (...keys: string[]) => keys.every((key) => typeof rename[key] === "string");
  const keys = Object.keys(rename).length;
  return rename.kind === "table"
    ? keys === 3 && names("from", "to")
    : rename.kind === "column" && keys === 4 && names("table", "from", "to");
}

const tableOf = (model: { name: string; dbName?: string }) => model.dbName ?? model.name;
const columnOf = (field: { name: string; dbName?: string }) => field.dbName ?? field.name;

/** The tables and columns of `before` that `after` holds under another name (same ids). */
export function databaseRenames(before: SchemaGraph, after: SchemaGraph): DatabaseRename[] {
  const renames: DatabaseRename[] = [];
  const old = new Map(before.models.map((m) => [m.id, m]));
  for (const model of after.models) {
    const previous = old.get(model.id);
    if (!previous || model.isView) continue;
    if (tableOf(previous) !== tableOf(model)) renames.push({ kind: "table", from: tableOf(previous), to: tableOf(model) });
    const fields = new Map(previous.fields.map((f) => [f.id, f]));
    for (const field of model.fields) {
      const was = fields.get(field.id);
      if (was && field.kind !== "object" && was.kind !== "object" && columnOf(was) !== columnOf(field)) {
        renames.push({ kind: "column", table: tableOf(model), from: columnOf(was), to: columnOf(field) });
      }
    }
  }
  return renames;
}

/**
 * Adds new renames to the ones pending since the last revision: A→B then B→C is A→C,
 * A→B then B→A is nothing, and a column rename follows its table's rename.
 */
export function chainRenames(pending: DatabaseRename[], added: DatabaseRename[]): DatabaseRename[] {
  let result = [...pending];
  for (const rename of added) {
    if (rename.kind === "table") {
      const earlier = result.find((r) => r.kind === "table" && r.to === rename.from);
      result = result.map((r) => (r.kind === "column" && r.table === rename.from ? { ...r, table: rename.to } : r));
      if (earlier) {
        result = result.filter((r) => r !== earlier);
        if (earlier.from !== rename.to) result.push({ kind: "table", from: earlier.from, to: rename.to });
      } else result.push(rename);
    } else {
      const earlier = result.find((r) => r.kind === "column" && r.table === rename.table && r.to === rename.from);
      if (earlier && earlier.kind === "column") {
        result = result.filter((r) => r !== earlier);
        if (earlier.from !== rename.to) result.push({ ...earlier, to: rename.to });
      } else result.push(rename);
    }
  }
  return result;
}

/**
 * SQLite statements that perform the renames on the tables as the last revision left them:
 * tables first, then columns under the tables' new names.
 */
export function renameSql(renames: DatabaseRename[]): string {
  const tables = renames.filter((r) => r.kind === "table");
  const columns = renames.filter((r) => r.kind === "column");
  const lines = [
    ...tables.map((r) => `ALTER TABLE ${quote(r.from)} RENAME TO ${quote(r.to)};`),
    ...columns.map((r) =>
      r.kind === "column" ? `ALTER TABLE ${quote(r.table)} RENAME COLUMN ${quote(r.from)} TO ${quote(r.to)};` : "",
    ),
  ];
  return lines.length ? `-- Renames made on the canvas (Schemaflow): the data stays\n${lines.join("\n")}\n\n` : "";
}

/**
 * The renames undone, for a revision's down.sql: columns back first (under the tables'
 * new names, which they still have), then the tables.
 */
export function reverseRenameSql(renames: DatabaseRename[]): string {
  const lines = [
    ...renames.flatMap((r) =>
      r.kind === "column" ? [`ALTER TABLE ${quote(r.table)} RENAME COLUMN ${quote(r.to)} TO ${quote(r.from)};`] : [],
    ),
    ...renames.flatMap((r) => (r.kind === "table" ? [`ALTER TABLE ${quote(r.to)} RENAME TO ${quote(r.from)};`] : [])),
  ];
  return lines.length ? `\n-- Renames made on the canvas, undone (Schemaflow): the data stays\n${lines.join("\n")}\n` : "";
}

const IDENTIFIER = String.raw`"((?:[^"]|"")*)"`;
const RENAME = new RegExp(
  String.raw`ALTER TABLE ${IDENTIFIER} RENAME (?:COLUMN ${IDENTIFIER} TO ${IDENTIFIER}|TO ${IDENTIFIER})`,
  "g",
);
const unquote = (name: string) => name.replaceAll('""', '"');

/**
 * The renames a script performs (the statements renameSql and reverseRenameSql write), with
 * each column named under its table's final name, as the rehearsal reads them.
 */
export function renamesIn(sql: string): DatabaseRename[] {
  const renames: DatabaseRename[] = [];
  for (const match of sql.matchAll(RENAME)) {
    const table = unquote(match[1]);
    if (match[4] !== undefined) {
      const to = unquote(match[4]);
      renames.push({ kind: "table", from: table, to });
      // A column renamed before its table was: it is found under the table's new name.
      for (const r of renames) if (r.kind === "column" && r.table === table) r.table = to;
    } else renames.push({ kind: "column", table, from: unquote(match[2]), to: unquote(match[3]) });
  }
  return renames;
}
