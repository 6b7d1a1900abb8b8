import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { MigrationList } from "@prisma/schema-engine-wasm";
import { applyPending, RevisionFailed } from "./apply";
import type { DatabaseRename } from "../schema/renames";
import { describeUnexplained, type DataLoss, type Rehearsal, type UnexplainedChange } from "./data-loss";
import { valueRenamesIn, type ValueRename } from "./dialects/sqlite/enum-values";
import { unexplainedChanges } from "./value-check";
import { quoteIdentifier as quote } from "../schema/identifiers";
import { statements } from "./migrations-dir";
import { compare, renamed, type Snapshot } from "./snapshot";

/**
 * Before a revision touches the real database it is applied to a copy (SQLite's online
 * backup), and the copy is compared with the original: tables and columns that held data
 * and are gone, tables that lost rows. A revision SQLite refuses there (a required column
 * added to a table with rows, a unique constraint over duplicates...) never reaches the
 * real database; the failing statement and, for a unique constraint, the duplicates are
 * reported.
 */

function snapshot(database: Database.Database): Snapshot {
  const tables: Snapshot["tables"] = new Map();
  const names = (database.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[])
    .map((r) => r.name)
    .filter((name) => !/^(_prisma_migrations|sqlite_)/.test(name));
  for (const table of names) {
    const columns = database.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string; type: string }[];
    const counts = database
      .prepare(
        `SELECT count(*) AS __rows${columns.map((c, i) => `, count(${quote(c.name)}) AS c${i}`).join("")} FROM ${quote(table)}`,
      )
      .get() as Record<string, number>;
    tables.set(table, {
      rows: counts.__rows,
      columns: new Map(columns.map((c, i) => [c.name, { values: counts[`c${i}`], type: c.type.toUpperCase() }])),
    });
  }
  return { tables };
}

/** The storage classes a declared type holds, as Prisma's SQLite connector writes them. */
function storageClasses(type: string): string[] | undefined {
  const base = type.replace(/\(.*$/, "").trim();
  if (base === "INTEGER" || base === "BIGINT" || base === "BOOLEAN") return ["integer"];
  if (base === "REAL" || base === "DECIMAL" || base === "FLOAT" || base === "DOUBLE") return ["integer", "real"];
  if (base === "TEXT") return ["text"];
  if (base === "DATETIME") return ["text", "integer"];
  if (base === "BLOB") return ["blob"];
  return undefined; // JSONB and others: no check
}

/**
 * For each column whose declared type the revision changes: the values the cast changed
 * (compared with the original, attached, row by primary key) and the values the new type
 * cannot hold (SQLite keeps them as they are).
 */
function castLosses(copy: Database.Database, before: Snapshot, after: Snapshot, renames: DatabaseRename[]): DataLoss[] {
  const losses: DataLoss[] = [];
  for (const [table, now] of after.tables) {
    const old = before.tables.get(table);
    if (!old || old.rows === 0) continue;
    const sourceTable = renames.find((r) => r.kind === "table" && r.to === table)?.from ?? table;
    const key = (copy.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string; pk: number }[])
      .filter((c) => c.pk > 0)
      .map((c) => c.name);
    for (const [column, { type }] of now.columns) {
      const was = old.columns.get(column);
      if (!was || was.values === 0 || was.type === type) continue;
      const source = (name: string) =>
        renames.find((r) => r.kind === "column" && r.table === table && r.to === name)?.from ?? name;
      const c = quote(column);
      if (key.length && key.every((k) => before.tables.get(table)?.columns.has(k))) {
        const join = key.map((k) => `n.${quote(k)} = o.${quote(source(k))}`).join(" AND ");
        const changed = copy
          .prepare(
            `SELECT count(*) AS n, min(CAST(o.${quote(source(column))} AS TEXT) || ' → ' || CAST(n.${c} AS TEXT)) AS example
             FROM main.${quote(table)} n JOIN original.${quote(sourceTable)} o ON ${join}
             WHERE o.${quote(source(column))} IS NOT NULL
               AND NOT (typeof(n.${c}) IN ('integer', 'real') AND typeof(o.${quote(source(column))}) IN ('integer', 'real') AND n.${c} = o.${quote(source(column))})
               AND CAST(n.${c} AS TEXT) IS NOT CAST(o.${quote(source(column))} AS TEXT)`,
          )
          .get() as { n: number; example: string | null };
        if (changed.n) losses.push({ kind: "values-changed", table, column, rows: changed.n, example: changed.example ?? "" });
      }
      const classes = storageClasses(type);
      if (!classes) continue;
      const unfit = copy
        .prepare(
          `SELECT count(*) AS n, min(CAST(${c} AS TEXT)) AS example FROM ${quote(table)}
           WHERE ${c} IS NOT NULL AND typeof(${c}) NOT IN (${classes.map((k) => `'${k}'`).join(", ")})`,
        )
        .get() as { n: number; example: string | null };
      if (unfit.n) losses.push({ kind: "values-unfit", table, column, rows: unfit.n, example: unfit.example ?? "", type });
    }
  }
  return losses;
}

function failingStatement(database: Database.Database, sql: string): string | undefined {
  database.pragma("foreign_keys = OFF");
  database.exec("BEGIN");
  try {
    for (const statement of statements(sql)) {
      try {
        database.exec(statement);
      } catch {
        return statement;
      }
    }
    return undefined;
  } finally {
    database.exec("ROLLBACK");
  }
}

/** For "UNIQUE constraint failed: t.a, t.b": the duplicated values, most frequent first. */
function duplicatesFor(database: Database.Database, error: string): { values: string; count: number }[] | undefined {
  const match = /UNIQUE constraint failed: ([\w.", ]+)/.exec(error);
  if (!match) return undefined;
  const columns = match[1].split(",").map((c) => c.trim().split("."));
  const table = columns[0][0];
  const list = columns.map(([, column]) => quote(column)).join(", ");
  try {
    return (
      database
        .prepare(`SELECT ${list}, count(*) AS n FROM ${quote(table)} GROUP BY ${list} HAVING n > 1 ORDER BY n DESC LIMIT 10`)
        .all() as Record<string, unknown>[]
    ).map((row) => {
      const { n, ...values } = row;
      return { values: Object.values(values).map(String).join(", "), count: Number(n) };
    });
  } catch {
    return undefined; // the table is one the revision creates: nothing to show
  }
}

/** Values changed that the plan does not explain: Apply is blocked, naming each column. */
function unexplainedRefusal(migrations: MigrationList, unexplained: UnexplainedChange[]): Rehearsal {
  const columns = unexplained.map(describeUnexplained).join("; ");
  return {
    ok: false,
    revision: migrations.migrationDirectories.at(-1)?.path ?? "",
    error:
      `The revision changes values that it does not say it changes: ${columns}. ` +
      "A revision may drop, rename or retype what the schema says, never rewrite data; check its SQL (and the names in the schema).",
    unexplained,
  };
}

/** The enum values that the revisions the rehearsal applied renamed in their rows. */
function valueRenamesOf(migrations: MigrationList, applied: string[]): ValueRename[] {
  return migrations.migrationDirectories
    .filter((d) => applied.includes(d.path))
    .flatMap((d) => (d.migrationFile.content.tag === "ok" ? valueRenamesIn(d.migrationFile.content.value) : []));
}

export async function rehearse(
  databasePath: string,
  migrations: MigrationList,
  renames: DatabaseRename[] = [],
): Promise<Rehearsal> {
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), "schemaflow-rehearsal-"));
  const copy = path.join(scratch, "rehearsal.db");
  try {
    const exists = existsSync(databasePath);
    let before: Snapshot = { tables: new Map() };
    if (exists) {
      const source = new Database(databasePath, { readonly: true });
      try {
        before = snapshot(source);
        // An empty database (the engine's connection creates the file) needs no copying.
        if (source.prepare("SELECT count(*) FROM sqlite_master").pluck().get()) await source.backup(copy);
      } finally {
        source.close();
      }
    }
    let applied: string[];
    try {
      applied = applyPending(copy, migrations);
    } catch (error) {
      if (!(error instanceof RevisionFailed)) throw error;
      const database = new Database(copy);
      try {
        const sql = migrations.migrationDirectories.find((d) => d.path === error.revision)?.migrationFile.content;
        const statement = sql?.tag === "ok" ? failingStatement(database, sql.value) : undefined;
        return {
          ok: false,
          revision: error.revision,
          error: error.message,
          statement,
          duplicates: duplicatesFor(database, error.message),
        };
      } finally {
        database.close();
      }
    }
    // No row anywhere before: nothing can be lost, whatever the revision does.
    if ([...before.tables.values()].every((table) => table.rows === 0)) return { ok: true, losses: [] };
    const database = new Database(copy, { readonly: true });
    try {
      const after = snapshot(database);
      const expected = renamed(before, renames);
      let casts: DataLoss[] = [];
      if (exists) {
        database.prepare("ATTACH DATABASE ? AS original").run(databasePath);
        casts = castLosses(database, expected, after, renames);
        // Tables that lost rows are reported as such; the rest must keep every value.
        const kept = [...after.tables.keys()].filter((table) => {
          const old = expected.tables.get(table);
          return old && old.rows <= after.tables.get(table)!.rows;
        });
        const unexplained = unexplainedChanges(database, kept, renames, valueRenamesOf(migrations, applied));
        if (unexplained.length) return unexplainedRefusal(migrations, unexplained);
      }
      return { ok: true, losses: [...compare(expected, after), ...casts] };
    } finally {
      database.close();
    }
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}
