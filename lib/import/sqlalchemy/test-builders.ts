import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Field, Model, SchemaGraph } from "../../schema/graph";
import { parseSchemaFile } from "../../schema/parse-file";
import type { Dialect } from "../../schema/provider";
import { importSqlAlchemy, type ImportedSchema } from "./index";

/** Builders for the importer's tests: a models.py from lines, imported, and its models and fields. */

export const HEADER_20 = [
  "import datetime, enum, uuid",
  "from typing import List, Optional",
  "import sqlalchemy as sa",
  "from sqlalchemy import (BigInteger, CheckConstraint, Column, Date, DateTime, Enum, ForeignKey, ForeignKeyConstraint, Index,",
  "    Integer, Interval, JSON, LargeBinary, Numeric, PrimaryKeyConstraint, SmallInteger, String, Table, Text, Time,",
  "    Unicode, UnicodeText, UniqueConstraint, Uuid, func, text)",
  "from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship",
  "class Base(DeclarativeBase):",
  "    pass",
];
export const HEADER_14 = [
  "import datetime, enum, uuid",
  "import sqlalchemy as sa",
  "from sqlalchemy import (BigInteger, CheckConstraint, Column, Date, DateTime, Enum, ForeignKey, ForeignKeyConstraint, Index,",
  "    Integer, JSON, LargeBinary, Numeric, PrimaryKeyConstraint, SmallInteger, String, Table, Text, Time, UniqueConstraint, func, text)",
  "from sqlalchemy.orm import declarative_base, relationship, backref",
  "Base = declarative_base()",
];

export function importing(
  header: string[],
  body: string[],
  dialect: Dialect = "sqlite",
): ImportedSchema & { graph: SchemaGraph; source: string[] } {
  const source = [...header, ...body];
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "models-")), "models.py");
  fs.writeFileSync(file, source.join("\n") + "\n");
  const imported = importSqlAlchemy(file, dialect);
  return { ...imported, graph: parseSchemaFile(imported.text), source };
}
export const model = (graph: SchemaGraph, name: string): Model => {
  const found = graph.models.find((m) => m.name === name);
  if (!found) throw new Error(`no model ${name} in ${graph.models.map((m) => m.name).join(", ")}`);
  return found;
};
export const field = (graph: SchemaGraph, modelName: string, name: string): Field => {
  const found = model(graph, modelName).fields.find((f) => f.name === name);
  if (!found) throw new Error(`no field ${modelName}.${name}`);
  return found;
};
/** The line of the first source line containing `text`, 1-based as Python counts. */
export const lineOf = (source: string[], text: string) => source.findIndex((l) => l.includes(text)) + 1;
