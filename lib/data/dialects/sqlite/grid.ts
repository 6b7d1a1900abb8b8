import Database from "better-sqlite3";
import { GridRefused, quoteIdentifier, type CatalogueTable } from "../../catalogue";
import type { GridDatabase, Refusal, TableChanges } from "../../grid-database";
import { readSqliteCatalogue } from "./catalogue";

/**
 * The grid on a SQLite file through better-sqlite3: synchronous underneath, so each call
 * resolves at once. Rows are named and ordered last by rowid; a cascade is counted by
 * temporary triggers, which vanish with the connection.
 */
export function openSqliteGrid(path: string, writable: boolean): GridDatabase {
  let database: Database.Database;
  try {
    database = new Database(path, { readonly: !writable, fileMustExist: true });
  } catch {
    throw new GridRefused("The database does not exist yet: run Migrate first.");
  }
  if (writable) database.pragma("foreign_keys = ON");
  const prepare = (sql: string) => database.prepare(sql).safeIntegers(true);
  return {
    nullsFirst: true,
    catalogue: async (graph) => readSqliteCatalogue(database, graph),
    placeholder: () => "?",
    rowIdentity: () => [{ sql: "rowid" }],
    selectColumn: (column) => quoteIdentifier(column.name),
    distinct: (left, right) => `${left} IS NOT ${right}`,
    like: (column, pattern) => `${quoteIdentifier(column.name)} LIKE ${pattern} ESCAPE '\\'`,
    arrayHas: (column) => {
      throw new GridRefused(`${column.name} is not an array: SQLite has none.`);
    },
    jsonPathEquals: (column, path, value, params) => {
      const at = params.add(
        `$${path.map((key) => (/^\d+$/.test(key) ? `[${key}]` : `."${key.replaceAll('"', '\\"')}"`)).join("")}`,
      );
      const extracted = `json_extract(${quoteIdentifier(column.name)}, ${at})`;
      if (value === null) return `${extracted} IS NULL`;
      // json_extract gives SQL values: text, numbers, 1/0 for true/false, minified JSON for objects and arrays.
      const sqlValue = typeof value === "boolean" ? Number(value) : typeof value === "object" ? JSON.stringify(value) : value;
      return `${extracted} = ${params.add(sqlValue)}`;
    },
    bind: (_column, value) => value,
    all: async (sql, params) => {
      const statement = prepare(sql);
      return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as Record<string, unknown>[];
    },
    run: async (sql, params) => prepare(sql).run(...params).changes,
    async *batches(sql, params, size) {
      let batch: unknown[][] = [];
      for (const row of prepare(sql)
        .raw(true)
        .iterate(...params) as Iterable<unknown[]>) {
        batch.push(row);
        if (batch.length === size) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    },
    async transaction(work) {
      database.exec("BEGIN");
      try {
        const result = await work();
        database.exec("COMMIT");
        return result;
      } catch (error) {
        if (database.inTransaction) database.exec("ROLLBACK");
        throw error;
      }
    },
    countChanges: async (tables) => countByTriggers(database, tables),
    refusal,
    close: async () => void database.close(),
  };
}

/** Temporary triggers that count each row deleted or updated (set NULL by a cascade) per table. */
function countByTriggers(database: Database.Database, tables: CatalogueTable[]): () => Promise<TableChanges[]> {
  database.exec("CREATE TEMP TABLE sf_counts (name TEXT PRIMARY KEY, deleted INTEGER NOT NULL, nulled INTEGER NOT NULL)");
  const insertCount = database.prepare("INSERT INTO temp.sf_counts VALUES (?, 0, 0)");
  tables.forEach((t, i) => {
    insertCount.run(t.name);
    const label = `'${t.name.replaceAll("'", "''")}'`;
    database.exec(
      `CREATE TEMP TRIGGER sf_deleted_${i} AFTER DELETE ON main.${t.sql} BEGIN UPDATE sf_counts SET deleted = deleted + 1 WHERE name = ${label}; END;` +
        `CREATE TEMP TRIGGER sf_updated_${i} AFTER UPDATE ON main.${t.sql} BEGIN UPDATE sf_counts SET nulled = nulled + 1 WHERE name = ${label}; END;`,
    );
  });
  return async () =>
    (
      database.prepare("SELECT name, deleted, nulled FROM temp.sf_counts").all() as {
        name: string;
        deleted: number;
        nulled: number;
      }[]
    ).map((c) => ({ table: c.name, deleted: c.deleted, nulled: c.nulled }));
}

/** SQLite's constraint codes in the grid's terms. ON DELETE RESTRICT fails as a trigger constraint naming FOREIGN KEY. */
function refusal(error: unknown): Refusal | undefined {
  const code = (error as { code?: string }).code ?? "";
  const message = error instanceof Error ? error.message : String(error);
  if (code === "SQLITE_CONSTRAINT_FOREIGNKEY" || (code === "SQLITE_CONSTRAINT_TRIGGER" && /FOREIGN KEY/.test(message))) {
    return { kind: "foreign-key", message };
  }
  if (code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY") {
    // "UNIQUE constraint failed: user_account.name, user_account.email"
    const columns = (message.split("constraint failed: ").at(1) ?? "").split(", ").map((c) => c.replace(/^.*\./, ""));
    return { kind: "unique", columns, message };
  }
  if (code === "SQLITE_CONSTRAINT_NOTNULL") return { kind: "not-null", message };
  if (code.startsWith("SQLITE_CONSTRAINT")) return { kind: "invalid", message };
  if (code === "SQLITE_BUSY") return { kind: "busy", message };
  return undefined;
}
