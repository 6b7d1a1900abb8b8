import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { importSqlAlchemy } from "./index";
import { tutorialSchema } from "../../testing/tutorial-schema";

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
const TUTORIAL = path.resolve(ROOT, "..", "shared", "corpus", "sqlalchemy", "tutorial_models.py");
const PEER = path.resolve(ROOT, "..", "shared", "peers", "alembic", "models_tutorial.py");
const shipped = () => tutorialSchema();

function pythonFile(source: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "models-")), "models.py");
  fs.writeFileSync(file, source);
  return file;
}

describe("importing a SQLAlchemy models.py", () => {
  test.skipIf(!fs.existsSync(TUTORIAL))("the tutorial's 2.0-style file becomes exactly the shipped schema", () => {
    const imported = importSqlAlchemy(TUTORIAL);
    expect(imported.unknown).toEqual([]);
    expect(imported.text).toBe(shipped());
  });

  test.skipIf(!fs.existsSync(PEER))("the 1.4-style file of the same models does too", () => {
    expect(importSqlAlchemy(PEER).text).toBe(shipped());
  });

  test("constructs it does not read are reported with their line", () => {
    const file = pythonFile(
      [
        "from sqlalchemy import Column, Integer, String",
        "from sqlalchemy.orm import declarative_base",
        "Base = declarative_base()",
        "class Tag(Base):",
        '    __tablename__ = "tag"',
        '    __table_args__ = {"sqlite_autoincrement": True}',
        "    id = Column(Integer, primary_key=True)",
        "    label = Column(String(20), nullable=False, unique=True)",
        "    weird = Column(Integer, server_onupdate=FetchedValue())",
      ].join("\n"),
    );
    const imported = importSqlAlchemy(file);
    expect(imported.text).toMatch(
      /model Tag \{\s+id\s+Int\s+@id @default\(autoincrement\(\)\)\s+\/\/\/ @maxLength\(20\)\s+label\s+String\s+@unique\s+weird\s+Int\?/,
    );
    expect(imported.unknown.map((u) => u.line)).toEqual([6, 9]);
  });

  test("a syntax error is reported with its line and nothing is produced", () => {
    const file = pythonFile("class User(Base):\n    __tablename__ = 'u'\n    id = Column(Integer primary_key=True)\n");
    expect(() => importSqlAlchemy(file)).toThrow(/syntax error at line 3/);
  });
  test("a 0.9 MB models.py imports (Python's output is larger than Node's default 1 MB buffer)", () => {
    const classes = Array.from(
      { length: 4300 },
      (_, i) =>
        `class Model${i}(Base):\n    __tablename__ = "model_${i}"\n    id = Column(Integer, primary_key=True)\n` +
        `    title = Column(String(200), nullable=False)\n    body = Column(String, nullable=True)\n    rank = Column(Integer)\n`,
    );
    const source = `from sqlalchemy import Column, Integer, String\nfrom sqlalchemy.orm import declarative_base\nBase = declarative_base()\n${classes.join("\n")}`;
    expect(source.length).toBeGreaterThan(0.88 * 1024 * 1024);
    const imported = importSqlAlchemy(pythonFile(source));
    expect(imported.text).toMatch(/model Model4299 \{/);
  });

  test("a file Python cannot decode reports Python's own error, not a missing Python", () => {
    const file = pythonFile("");
    fs.writeFileSync(file, Buffer.from([0x63, 0x6c, 0x61, 0x73, 0x73, 0xff, 0xfe, 0x00, 0x01]));
    expect(() => importSqlAlchemy(file)).toThrow(/models.py could not be read: .*UnicodeDecodeError/);
  });
});
