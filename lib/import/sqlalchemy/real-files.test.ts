import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, test } from "vitest";
import { applyRevision } from "../../migrate/revision";
import { projectAt, type Project } from "../../project/project";
import { testDatabases } from "../../testing/pg-database";
import { removeProject, tempProject } from "../../testing/temp-project";
import { importSqlAlchemy, type ImportNote } from "./index";

/**
 * Five models files from public projects (lib/testing/fixtures/sqlalchemy/, each naming its
 * source): each imports, validates and migrates on SQLite, and its tables, columns, foreign keys
 * and unique column sets equal what SQLAlchemy itself creates from the same file, where
 * SQLAlchemy is installed (Debian's python3-sqlalchemy 1.4, which .ci/run installs; it runs the
 * 1.4-style files). Every difference is one the import notes say. The same on a real PostgreSQL
 * server, each file imported for PostgreSQL (native types, enum types, key names), compared
 * where psycopg2 is installed too.
 */

const FIXTURES = path.resolve(import.meta.dirname, "..", "..", "testing", "fixtures", "sqlalchemy");
const HELPER = path.resolve(import.meta.dirname, "..", "..", "testing", "sqlalchemy_tables.py");

/** A Python that has SQLAlchemy: the one on PATH, else Debian's. */
const PYTHON = ["python3", "/usr/bin/python3"].find(
  (python) => spawnSync(python, ["-c", "import sqlalchemy"], { encoding: "utf8" }).status === 0,
);
const sqlalchemyMajor = PYTHON
  ? Number(
      spawnSync(PYTHON, ["-c", "import sqlalchemy; print(sqlalchemy.__version__)"], { encoding: "utf8" }).stdout.split(".")[0],
    )
  : 0;
const withPsycopg = Boolean(PYTHON) && spawnSync(PYTHON!, ["-c", "import psycopg2"]).status === 0;
const server = inject("postgresUrl");

interface TableShape {
  columns: string[];
  primaryKey: string[];
  foreignKeys: string[];
  uniques: string[];
}
/** A difference from SQLAlchemy's tables that the import notes explain (`note` must be among them). */
interface Difference {
  table: string;
  lacks?: string;
  adds?: string;
  note: RegExp;
}

function python(...args: string[]): string {
  const result = spawnSync(PYTHON!, ["-B", HELPER, ...args], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout;
}
const describeDatabase = (database: string) => JSON.parse(python("describe", database)) as Record<string, TableShape>;
const sqliteFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sqlalchemy-")), "theirs.db");

/** What SQLAlchemy's create_all() makes of the file in that database. */
function theirsOf(source: string, database: string): Record<string, TableShape> {
  python("create", source, database);
  return describeDatabase(database);
}

/** Our tables equal theirs but for the differences given, each of which a note explains. */
function compare(
  ours: Record<string, TableShape>,
  theirs: Record<string, TableShape>,
  notes: ImportNote[],
  differences: Difference[],
) {
  expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
  for (const table of Object.keys(theirs)) {
    const expected = { ...theirs[table] };
    for (const difference of differences.filter((d) => d.table === table)) {
      expect(notes.map((n) => n.why).join("\n")).toMatch(difference.note);
      const [key, value] = (difference.lacks ?? difference.adds)!.split(/:(.*)/s) as [keyof TableShape, string];
      expected[key] = difference.lacks ? expected[key].filter((v) => v !== value) : [...expected[key], value].sort();
    }
    const { primaryKey, ...shape } = ours[table];
    const { primaryKey: theirKey, ...theirShape } = expected;
    expect({ table, ...shape }).toEqual({ table, ...theirShape });
    // A table SQLAlchemy leaves without a primary key gets one (noted); every other key is the same.
    if (theirKey.length) expect({ table, primaryKey }).toEqual({ table, primaryKey: theirKey });
  }
}

const FILES: {
  file: string;
  style: "1.4" | "2.0";
  tables: number;
  differences?: Difference[];
  /** Why SQLAlchemy itself cannot create the file's tables on PostgreSQL. */
  notOnPostgres?: string;
}[] = [
  {
    file: "mlflow_models.py",
    style: "1.4",
    tables: 13,
    notOnPostgres: "input_tags references inputs.input_uuid, which is not unique: PostgreSQL refuses the foreign key",
    differences: [
      {
        table: "input_tags",
        lacks: "foreignKeys:input_uuid -> inputs(input_uuid)",
        note: /foreign key to columns that are not unique/,
      },
    ],
  },
  { file: "flask_appbuilder_models.py", style: "1.4", tables: 9 },
  { file: "mage_ai_models.py", style: "1.4", tables: 7 },
  { file: "argilla_models.py", style: "2.0", tables: 12 },
  { file: "home_assistant_models.py", style: "2.0", tables: 13 },
];
const comparable = (style: string) => Boolean(PYTHON) && (style === "1.4" || sqlalchemyMajor >= 2);

/** Each file is imported and migrated once per database, for both of its tests. */
const once = <T>(make: () => Promise<T>) => {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
};
const projects: Project[] = [];
afterAll(() => projects.forEach(removeProject));

describe.each(FILES)("$file ($style style)", ({ file, style, tables, differences = [] }) => {
  const source = path.join(FIXTURES, file);
  const migrated = once(async () => {
    const imported = importSqlAlchemy(source);
    const project = tempProject(imported.text);
    projects.push(project);
    return { imported, project, result: await applyRevision(project, { name: "init" }) };
  });

  test("imports, validates and migrates on SQLite", async () => {
    const { project, result } = await migrated();
    expect(result.status).toBe("applied");
    if (PYTHON) expect(Object.keys(describeDatabase(project.databasePath))).toHaveLength(tables);
  });

  test.skipIf(!comparable(style))("has the tables, columns, foreign keys and unique sets SQLAlchemy creates", async () => {
    const { imported, project } = await migrated();
    compare(describeDatabase(project.databasePath), theirsOf(source, sqliteFile()), imported.unknown, differences);
  });
});

describe.skipIf(!server)("on PostgreSQL", () => {
  const scratch = testDatabases(server);
  afterAll(() => scratch.dropAll());

  describe.each(FILES)("$file ($style style)", ({ file, style, tables, differences = [], notOnPostgres }) => {
    const source = path.join(FIXTURES, file);
    const migrated = once(async () => {
      const imported = importSqlAlchemy(source, "postgresql");
      const project = projectAt(tempProject(imported.text).root, await scratch.fresh());
      projects.push(project);
      return { imported, project, result: await applyRevision(project, { name: "init" }) };
    });

    test("imports for PostgreSQL, validates and migrates on the server", async () => {
      const { imported, project, result } = await migrated();
      expect(imported.text).toMatch(/provider = "postgresql"/);
      expect(result.status).toBe("applied");
      if (withPsycopg) expect(Object.keys(describeDatabase(project.databaseUrl))).toHaveLength(tables);
    });

    test.skipIf(!withPsycopg || !comparable(style) || Boolean(notOnPostgres))(
      "has the tables, columns, foreign keys and unique sets SQLAlchemy creates there",
      async () => {
        const { imported, project } = await migrated();
        compare(describeDatabase(project.databaseUrl), theirsOf(source, await scratch.fresh()), imported.unknown, differences);
      },
    );
  });
});
