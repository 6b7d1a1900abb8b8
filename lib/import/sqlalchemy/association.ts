import { lowerFirst } from "../../schema/relations";
import { baseField, fieldLine, type Imported } from "./models";
import type { ImportNote, PyRelationship, PyTable } from "./reader";

/**
 * Association tables, the `secondary=` of a many-to-many relationship(). Prisma's implicit
 * many-to-many keeps its rows in a table it names `_RelationName`, with columns `A` and `B`;
 * an association table named that way becomes one. Any other keeps its own name and columns
 * (and so its data) as an explicit join model with a composite @@id.
 */

const targetTableOf = (table: PyTable, column: string) =>
  table.columns
    .find((c) => c.name === column)
    ?.foreignKeys[0]?.target?.split(".")
    .at(-2);

/** The Table()s no class maps, which relationship(secondary=...) uses. */
export function associationTables(tables: PyTable[]): PyTable[] {
  const secondaries = new Set(tables.flatMap((t) => t.relationships.map((r) => r.secondary)).filter(Boolean));
  return tables.filter((t) => !t.className && secondaries.has(t.name));
}

/** The association tables Prisma would have made itself: `_Name` with columns A and B, keyed to two models. */
export function implicitTables(tables: PyTable[]): PyTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  return associationTables(tables).filter((t) => {
    const columns = t.columns
      .map((c) => c.name)
      .sort()
      .join(",");
    if (!t.name.startsWith("_") || columns !== "A,B" || t.columns.some((c) => c.foreignKeys.length !== 1)) return false;
    const a = byName.get(targetTableOf(t, "A") ?? "")?.className;
    const b = byName.get(targetTableOf(t, "B") ?? "")?.className;
    return Boolean(a && b && a < b);
  });
}

/** A join table with no primary key gets one over its foreign keys: Prisma models need one. */
export function keyJoinTables(tables: PyTable[], notes: ImportNote[]): void {
  for (const table of associationTables(tables)) {
    if (table.columns.some((c) => c.primaryKey) || table.constraints.some((c) => c.kind === "primaryKey")) continue;
    const keyed = table.columns.filter((c) => c.foreignKeys.length);
    for (const column of keyed.length ? keyed : table.columns) column.primaryKey = true;
    notes.push({
      line: table.line,
      text: table.name,
      why: `the association table has no primary key; Prisma models need one, so ${(keyed.length ? keyed : table.columns).map((c) => c.name).join(" and ")} form its @@id`,
    });
  }
}

/** An implicit many-to-many: a list field on each side, named after their relationship()s. */
export function importImplicit(
  join: PyTable,
  tables: PyTable[],
  imported: Imported,
  used: Set<PyRelationship>,
  notes: ImportNote[],
) {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const [a, b] = ["A", "B"].map((c) => byName.get(targetTableOf(join, c)!)!);
  const relation = join.name.slice(1);
  for (const [side, other] of [
    [a, b],
    [b, a],
  ]) {
    const model = imported.modelOf.get(side.name)!;
    const otherModel = imported.modelOf.get(other.name)!;
    const declared = side.relationships.find((r) => r.secondary === join.name && !used.has(r));
    if (declared) used.add(declared);
    const field = baseField(declared?.attr ?? `${lowerFirst(otherModel.name)}s`, otherModel.name, "object");
    Object.assign(field, { list: true, relation: { name: relation } });
    if (declared) fieldLine.set(field, declared.line);
    model.fields.push(field);
  }
  notes.push({
    line: join.line,
    text: join.name,
    why: `the association table is named as Prisma names one (_${relation}, columns A and B), so it is an implicit many-to-many`,
  });
}

/** Why an association table became a join model, said once per table. */
export function noteJoinModel(join: PyTable, imported: Imported, notes: ImportNote[]): void {
  const model = imported.modelOf.get(join.name)!;
  const [a, b] = join.columns.filter((c) => c.foreignKeys.length).map((c) => c.foreignKeys[0].target?.split(".").at(-2));
  const names = [a, b].map((t) => imported.modelOf.get(t ?? "")?.name ?? "?").sort();
  notes.push({
    line: join.line,
    text: join.name,
    why: `the association table is kept as the join model ${model.name} ${model.primaryKey ? "with a composite @@id" : "with its own primary key"}: Prisma's implicit many-to-many would need a table named _${names.join("To")} with columns A and B, so a join model keeps this table, its columns and its rows; the relationship() fields list ${model.name} rows`,
  });
}
