import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { applyRevision } from "../../migrate/revision";
import type { Project } from "../../project/project";
import { removeProject, tempProject } from "../../testing/temp-project";
import { importSqlAlchemy } from "./index";

/**
 * Five models files from public projects (lib/testing/fixtures/sqlalchemy/, each naming its
 * source): each imports, validates and migrates on SQLite, and its tables, columns, foreign keys
 * and unique column sets equal what SQLAlchemy itself creates from the same file, where
 * SQLAlchemy is installed (Debian's python3-sqlalchemy 1.4, which .ci/run installs; it runs the
 * 1.4-style files). Every difference is one the import notes say.
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

interface TableShape {
  columns: string[];
  primaryKey: string[];
  foreignKeys: string[];
  uniques: string[];
}
function python(...args: string[]): string {
  const result = spawnSync(PYTHON!, ["-B", HELPER, ...args], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout;
}
const describeDatabase = (file: string) => JSON.parse(python("describe", file)) as Record<string, TableShape>;

/**
 * The fixtures, their style, and the differences from SQLAlchemy's own tables that the import
 * notes explain (each must be among the notes, by the text given).
 */
const FILES: {
  file: string;
  style: "1.4" | "2.0";
  tables: number;
  differences?: { table: string; lacks?: string; adds?: string; note: RegExp }[];
}[] = [
  {
    file: "mlflow_models.py",
    style: "1.4",
    tables: 13,
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

const projects: Project[] = [];
afterAll(() => projects.forEach(removeProject));

describe.each(FILES)("$file ($style style)", ({ file, style, tables, differences = [] }) => {
  const source = path.join(FIXTURES, file);

  test("imports, validates and migrates on SQLite", async () => {
    const imported = importSqlAlchemy(source);
    const project = tempProject(imported.text);
    projects.push(project);
    const result = await applyRevision(project, { name: "init" });
    expect(result.status).toBe("applied");
    if (PYTHON) expect(Object.keys(describeDatabase(project.databasePath))).toHaveLength(tables);
  });

  const runnable = PYTHON && (style === "1.4" || sqlalchemyMajor >= 2);
  test.skipIf(!runnable)("has the tables, columns, foreign keys and unique sets SQLAlchemy creates", async () => {
    const imported = importSqlAlchemy(source);
    const project = tempProject(imported.text);
    projects.push(project);
    await applyRevision(project, { name: "init" });
    const ours = describeDatabase(project.databasePath);
    const theirsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sqlalchemy-")), "theirs.db");
    python("create", source, theirsFile);
    const theirs = describeDatabase(theirsFile);

    expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
    for (const table of Object.keys(theirs)) {
      const expected = { ...theirs[table] };
      for (const difference of differences.filter((d) => d.table === table)) {
        expect(imported.unknown.map((n) => n.why).join("\n")).toMatch(difference.note);
        const [key, value] = (difference.lacks ?? difference.adds)!.split(/:(.*)/s) as [keyof TableShape, string];
        expected[key] = difference.lacks ? expected[key].filter((v) => v !== value) : [...expected[key], value].sort();
      }
      const { primaryKey, ...shape } = ours[table];
      const { primaryKey: theirKey, ...theirShape } = expected;
      expect({ table, ...shape }).toEqual({ table, ...theirShape });
      // A table SQLAlchemy leaves without a primary key gets one (noted); every other key is the same.
      if (theirKey.length) expect({ table, primaryKey }).toEqual({ table, primaryKey: theirKey });
    }
  });
});
