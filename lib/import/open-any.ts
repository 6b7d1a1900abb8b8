import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { importTooLarge, MAX_IMPORT_BYTES } from "../boundary/limits";
import { introspectPostgres } from "../migrate/dialects/postgresql/introspect";
import { introspectDatabase, type IntrospectedSchema } from "../migrate/schema-sql";
import { isPostgresUrl } from "../project/project";
import { compileSchema } from "../schema/compile";
import type { Dialect } from "../schema/provider";
import { unsafeNames, UnsafeNamesRefused } from "../schema/identifiers";
import { parseSchemaFile } from "../schema/parse-file";
import { importSqlAlchemy } from "./sqlalchemy/index";

export interface Imported {
  /** The schema, formatted as prisma format prints it. */
  text: string;
  /** What was not imported, or imported with a caveat: one sentence each. */
  notes: string[];
}

/** A Prisma schema read into the graph and printed back (what the designer would write). */
export function roundTrip(text: string): string {
  const graph = parseSchemaFile(text);
  const printed = compileSchema(graph);
  if (!printed.ok) throw new Error(printed.problems.map((p) => p.message).join("\n"));
  return printed.text;
}

/**
 * schema.prisma, a SQLAlchemy models.py, a SQLite database or a PostgreSQL database (by its
 * postgresql:// URL), as a Prisma schema (a models.py for the database given: the project's);
 * refused
 * when its names would break the SQL (a database's table names are anyone's).
 */
export async function importAny(file: string, dialect: Dialect = "sqlite"): Promise<Imported> {
  const imported = await importFile(file, dialect);
  const unsafe = unsafeNames(imported.text);
  if (unsafe.length) throw new UnsafeNamesRefused(unsafe);
  return imported;
}

async function importFile(file: string, dialect: Dialect): Promise<Imported> {
  if (isPostgresUrl(file)) return withNotes(await introspectPostgres(file));
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile()) throw new Error(`${file} is not a file`);
  // Refused before anything reads it.
  if (stat.size > MAX_IMPORT_BYTES) throw new Error(importTooLarge(path.basename(file), stat.size));
  const extension = path.extname(file).toLowerCase();
  if (extension === ".prisma") return { text: roundTrip(await fs.readFile(file, "utf8")), notes: [] };
  if (extension === ".py") {
    const imported = importSqlAlchemy(file, dialect);
    return { text: imported.text, notes: imported.unknown.map((u) => `line ${u.line}: ${u.why} (${u.text})`) };
  }
  return withNotes(await introspectDatabase(file));
}

/** An introspected database as an import: what the engine warned of, and the views and triggers left out. */
function withNotes(introspected: IntrospectedSchema): Imported {
  const notes = introspected.warnings ? [introspected.warnings.trim()] : [];
  for (const view of introspected.views)
    notes.push(`the database view ${view} is not imported (views need Prisma's views preview feature)`);
  for (const trigger of introspected.triggers)
    notes.push(`the trigger ${trigger} is not imported (Prisma schemas have no triggers)`);
  return { text: introspected.text, notes };
}

/** An uploaded file, imported from a scratch copy that is removed afterwards. */
export async function importUpload(fileName: string, bytes: Buffer, dialect: Dialect = "sqlite"): Promise<Imported> {
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), "schemaflow-import-"));
  try {
    // A scratch file in the OS temp dir, not a project file: nothing for the bundler to trace.
    const target = path.join(/*turbopackIgnore: true*/ scratch, path.basename(fileName).replace(/[^\w.-]/g, "_") || "upload");
    await fs.writeFile(target, bytes);
    return await importAny(target, dialect);
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}
