import type { MigrationList } from "@prisma/schema-engine-wasm";

/** A migrations folder as the engine reads it (lib/migrate/migrations-dir), from [name, sql] pairs, for tests. */
export function aMigrationList(provider: "sqlite" | "postgresql", ...revisions: [string, string][]): MigrationList {
  return {
    baseDir: "/nowhere",
    lockfile: { path: "migration_lock.toml", content: `provider = "${provider}"\n` },
    shadowDbInitScript: "",
    migrationDirectories: revisions.map(([path, sql]) => ({
      path,
      migrationFile: { path: "migration.sql", content: { tag: "ok" as const, value: sql } },
    })),
  };
}
