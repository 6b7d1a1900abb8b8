import Database from "better-sqlite3";

/** The rows a query returns from a SQLite file, read-only: what a test checks the database with. */
export function queryRows(databasePath: string, sql: string): unknown[] {
  const database = new Database(databasePath, { readonly: true });
  try {
    return database.prepare(sql).all();
  } finally {
    database.close();
  }
}

/** Runs SQL on a SQLite file as someone outside the app would (by hand, a trigger, a fault). */
export function execSql(databasePath: string, sql: string): void {
  const database = new Database(databasePath);
  try {
    database.exec(sql);
  } finally {
    database.close();
  }
}
