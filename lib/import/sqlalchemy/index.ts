import { compileSchema } from "../../schema/compile";
import type { SchemaGraph } from "../../schema/graph";
import type { Dialect } from "../../schema/provider";
import { importImplicit, implicitTables, keyJoinTables, noteJoinModel, associationTables } from "./association";
import { importTables } from "./models";
import { readModelsFile, type ImportNote, type PyRelationship } from "./reader";
import { importRelations, orderDeclared } from "./relations";

export type { ImportNote } from "./reader";

/**
 * A SQLAlchemy models.py (the tutorial's, or any in the 2.0 or 1.4 style) as a Prisma schema:
 * what Base.metadata would hold, as Alembic's autogenerate sees it. Python's own parser reads the
 * file (lib/import/sqlalchemy/sqlalchemy_models.py, which imports and runs nothing); this module maps the
 * tables to the graph, and Prisma's validator and formatter make the text.
 */
export interface ImportedSchema {
  text: string;
  /** Constructs of the source that were not imported, or imported with a caveat, with their lines. */
  unknown: ImportNote[];
}

/** The models as a schema for SQLite (the default) or PostgreSQL, each typed as its connector allows. */
export function importSqlAlchemy(file: string, dialect: Dialect = "sqlite"): ImportedSchema {
  const { tables: all, enums: pyEnums, unknown: notes } = readModelsFile(file);
  const implicit = new Set(implicitTables(all));
  const tables = all.filter((t) => !implicit.has(t));
  keyJoinTables(tables, notes);
  const imported = importTables(tables, pyEnums, dialect, notes);
  const used = importRelations(tables, imported, dialect, notes);
  for (const join of implicit) importImplicit(join, all, imported, used, notes);
  for (const join of associationTables(tables)) noteJoinModel(join, imported, notes);
  for (const table of all)
    for (const relationship of table.relationships.filter((r) => !used.has(r)))
      notes.push({ line: relationship.line, text: relationship.attr, why: whyNotImported(relationship) });
  for (const model of imported.models) orderDeclared(model);

  const graph: SchemaGraph = {
    datasource: { name: "db", provider: dialect },
    generators: [
      {
        name: "client",
        config: [
          ["provider", '"prisma-client"'],
          ["output", '"../generated/prisma"'],
        ],
      },
    ],
    models: imported.models,
    enums: imported.enums,
  };
  const compiled = compileSchema(graph);
  if (!compiled.ok)
    throw new Error(
      `The imported models do not make a valid Prisma schema: ${compiled.problems.map((p) => p.message).join(" ")}`,
    );
  return { text: compiled.text, unknown: once(notes).sort((a, b) => a.line - b.line) };
}

function whyNotImported(relationship: PyRelationship): string {
  if (relationship.viewonly) return "a viewonly relationship, a query over other relations with no key of its own; not imported";
  if (relationship.secondary)
    return `a relationship through ${relationship.secondary}, which holds no pair of foreign keys to both sides; not imported`;
  return "a relationship() with no foreign key column behind it; not imported";
}

/** A mixin's column is read once but mapped once per table: its note is said once. */
function once(notes: ImportNote[]): ImportNote[] {
  const seen = new Set<string>();
  return notes.filter((n) => {
    const key = `${n.line}\0${n.text}\0${n.why}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
}
