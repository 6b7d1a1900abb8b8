import { spawnSync } from "node:child_process";
import path from "node:path";
import { compileSchema } from "../schema/compile";
import type { Field, Model, SchemaGraph } from "../schema/graph";

/**
 * A SQLAlchemy models.py (the tutorial's, or any in the 2.0 or 1.4 style) as a Prisma
 * schema. Python's own parser reads the file (lib/import/sqlalchemy_models.py, which
 * imports and runs nothing); this module maps what it found to the graph, and Prisma's
 * validator and formatter make the text.
 */

interface PyAnnotation {
  type: string | null;
  optional: boolean;
  list: boolean;
}
interface PyMember {
  name: string;
  line: number;
  annotation: PyAnnotation | null;
  kind: "column" | "relationship";
  // column
  sqlType?: { name: string | null; args: unknown[] } | null;
  foreignKey?: string | null;
  onDelete?: string | null;
  primaryKey?: boolean;
  nullable?: boolean | null;
  unique?: boolean;
  default?: unknown;
  columnName?: string;
  // relationship
  target?: string | null;
  backPopulates?: string | null;
  cascade?: string | null;
  uselist?: boolean | null;
}
interface PyModel {
  className: string;
  table: string;
  line: number;
  members: PyMember[];
}
export interface ImportNote {
  line: number;
  text: string;
  why: string;
}

export interface ImportedSchema {
  text: string;
  /** Constructs of the source that were not imported, with their lines. */
  unknown: ImportNote[];
}

const SQL_TYPES: Record<string, string> = {
  Integer: "Int",
  INTEGER: "Int",
  INT: "Int",
  SmallInteger: "Int",
  SMALLINT: "Int",
  BigInteger: "BigInt",
  BIGINT: "BigInt",
  String: "String",
  VARCHAR: "String",
  Unicode: "String",
  Text: "String",
  UnicodeText: "String",
  CHAR: "String",
  NVARCHAR: "String",
  TEXT: "String",
  Float: "Float",
  REAL: "Float",
  Double: "Float",
  DOUBLE: "Float",
  Numeric: "Decimal",
  DECIMAL: "Decimal",
  NUMERIC: "Decimal",
  Boolean: "Boolean",
  BOOLEAN: "Boolean",
  DateTime: "DateTime",
  DATETIME: "DateTime",
  TIMESTAMP: "DateTime",
  Date: "DateTime",
  DATE: "DateTime",
  Time: "DateTime",
  LargeBinary: "Bytes",
  BLOB: "Bytes",
  JSON: "Json",
};
const PYTHON_TYPES: Record<string, string> = {
  int: "Int",
  str: "String",
  float: "Float",
  bool: "Boolean",
  datetime: "DateTime",
  date: "DateTime",
  time: "DateTime",
  Decimal: "Decimal",
  bytes: "Bytes",
  dict: "Json",
};
const LENGTH_TYPES = new Set(["String", "VARCHAR", "Unicode", "CHAR", "NVARCHAR"]);

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

const PYTHON_OUTPUT_BYTES = 256 * 1024 * 1024;

/** Why the reader did not finish, in words that point at the real cause. */
function pythonFailure(error: NodeJS.ErrnoException): string {
  if (error.code === "ENOENT") return `Python 3 is needed to read models.py and could not be started (${error.message})`;
  if (error.code === "ETIMEDOUT") return "models.py took longer than 30 s to read, so it was not imported";
  if (error.code === "ENOBUFS")
    return "models.py describes more than the importer reads (over 256 MB of models), so it was not imported";
  return `models.py could not be read: ${error.message}`;
}

function runPython(file: string): { models: PyModel[]; unknown: ImportNote[] } {
  const script = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "import", "sqlalchemy_models.py");
  const result = spawnSync(/*turbopackIgnore: true*/ process.env.PYTHON ?? "python3", [script, file], {
    encoding: "utf8",
    timeout: 30_000,
    // The model list of a 5 MB file is larger than Node's default 1 MB of output.
    maxBuffer: PYTHON_OUTPUT_BYTES,
  });
  if (result.error) throw new Error(pythonFailure(result.error as NodeJS.ErrnoException));
  if (result.status !== 0) throw new Error(`models.py could not be read: ${result.stderr.trim().split("\n").at(-1)}`);
  const output = JSON.parse(result.stdout) as { models: PyModel[]; unknown: ImportNote[]; error?: string };
  if (output.error) throw new Error(`models.py has a syntax error at ${output.error}`);
  if (!output.models.length) throw new Error("models.py declares no model class with a __tablename__");
  return output;
}

function baseField(name: string, type: string, kind: Field["kind"] = "scalar"): Field {
  return {
    id: `field:${name}:${Math.random().toString(36).slice(2)}`,
    name,
    type,
    kind,
    list: false,
    optional: false,
    isId: false,
    isUnique: false,
    updatedAt: false,
  };
}

export function importSqlAlchemy(file: string): ImportedSchema {
  const { models: pyModels, unknown } = runPython(file);
  const byTable = new Map(pyModels.map((m) => [m.table, m]));
  const columnOf = (member: PyMember) => member.columnName ?? member.name;

  const scalarType = (member: PyMember): { type: string; maxLength?: number } => {
    const sql = member.sqlType?.name ? SQL_TYPES[member.sqlType.name] : undefined;
    if (sql) {
      const length = member.sqlType!.args[0];
      return {
        type: sql,
        ...(LENGTH_TYPES.has(member.sqlType!.name!) && typeof length === "number" ? { maxLength: length } : {}),
      };
    }
    const python = member.annotation?.type ? PYTHON_TYPES[member.annotation.type] : undefined;
    if (python) return { type: python };
    if (member.foreignKey) {
      const [table, column] = member.foreignKey.split(".");
      const target = byTable.get(table)?.members.find((m) => columnOf(m) === column);
      if (target) return scalarType(target);
    }
    unknown.push({
      line: member.line,
      text: member.name,
      why: `a column type the importer does not know (${member.sqlType?.name ?? member.annotation?.type ?? "none"}); imported as String`,
    });
    return { type: "String" };
  };

  const models: Model[] = pyModels.map((py) => ({
    id: `model:${py.className}`,
    name: py.className,
    ...(py.table !== py.className ? { dbName: py.table } : {}),
    fields: [],
    uniques: [],
    indexes: [],
  }));
  const modelOf = new Map(models.map((m) => [m.name, m]));
  const usedRelationships = new Set<PyMember>();
  const targetOf = (member: PyMember) => member.target ?? member.annotation?.type ?? null;

  // Columns, in declaration order; relation fields go where their relationship() stands.
  for (const py of pyModels) {
    const model = modelOf.get(py.className)!;
    const primaryKeys = py.members.filter((m) => m.kind === "column" && m.primaryKey);
    for (const member of py.members) {
      if (member.kind === "relationship") {
        model.fields.push({ ...baseField(member.name, targetOf(member) ?? "?", "object"), relation: {} });
        continue;
      }
      const { type, maxLength } = scalarType(member);
      const field = baseField(member.name, type);
      if (member.columnName && member.columnName !== member.name) field.dbName = member.columnName;
      field.isId = Boolean(member.primaryKey) && primaryKeys.length === 1;
      field.optional = member.nullable ?? (member.annotation ? member.annotation.optional : !member.primaryKey);
      if (field.isId) field.optional = false;
      field.isUnique = Boolean(member.unique) && !field.isId;
      if (maxLength) field.maxLength = maxLength;
      if (field.isId && (type === "Int" || type === "BigInt")) field.default = "autoincrement()";
      else if (member.default !== null && member.default !== undefined) {
        field.default = typeof member.default === "string" ? JSON.stringify(member.default) : String(member.default);
      }
      model.fields.push(field);
    }
    if (primaryKeys.length > 1) model.primaryKey = { fields: primaryKeys.map((m) => m.name) };
  }

  // Each foreign key becomes a relation: the relation field on its side, the back-relation on the other.
  for (const py of pyModels) {
    const model = modelOf.get(py.className)!;
    for (const member of py.members.filter((m) => m.kind === "column" && m.foreignKey)) {
      const [table, column] = member.foreignKey!.split(".");
      const targetPy = byTable.get(table);
      if (!targetPy) {
        unknown.push({
          line: member.line,
          text: member.foreignKey!,
          why: `a foreign key to ${table}, which is not a model in this file`,
        });
        continue;
      }
      const target = modelOf.get(targetPy.className)!;
      const referenced = targetPy.members.find((m) => m.kind === "column" && columnOf(m) === column);
      const forward = py.members.find(
        (m) =>
          m.kind === "relationship" && targetOf(m) === targetPy.className && !m.annotation?.list && !usedRelationships.has(m),
      );
      const back = targetPy.members.find(
        (m) =>
          m.kind === "relationship" &&
          targetOf(m) === py.className &&
          !usedRelationships.has(m) &&
          (!forward?.backPopulates || m.name === forward.backPopulates),
      );
      const cascade = /delete/.test(back?.cascade ?? "") || member.onDelete?.toUpperCase() === "CASCADE";
      const fkField = model.fields.find((f) => f.name === member.name)!;
      let forwardField = forward && model.fields.find((f) => f.name === forward.name);
      if (forward) usedRelationships.add(forward);
      if (!forwardField) {
        forwardField = { ...baseField(lowerFirst(target.name), target.name, "object"), relation: {} };
        model.fields.splice(model.fields.indexOf(fkField) + 1, 0, forwardField);
      }
      forwardField.optional = fkField.optional;
      forwardField.relation = {
        fields: [member.name],
        references: [referenced?.name ?? column],
        ...(cascade ? { onDelete: "Cascade" as const } : {}),
      };
      const oneToOne = back ? back.uselist === false || (back.annotation !== null && !back.annotation.list) : false;
      if (oneToOne) fkField.isUnique = true;
      let backField = back && target.fields.find((f) => f.name === back.name);
      if (back) usedRelationships.add(back);
      if (!backField) {
        backField = baseField(`${lowerFirst(model.name)}s`, model.name, "object");
        target.fields.push(backField);
      }
      Object.assign(backField, { type: model.name, list: !oneToOne, optional: oneToOne, relation: {} });
    }
  }
  for (const py of pyModels) {
    for (const member of py.members.filter((m) => m.kind === "relationship" && !usedRelationships.has(m))) {
      unknown.push({
        line: member.line,
        text: member.name,
        why: "a relationship() with no foreign key column behind it; not imported",
      });
      const model = modelOf.get(py.className)!;
      model.fields = model.fields.filter((f) => f.name !== member.name);
    }
  }
  for (const model of models)
    for (const field of model.fields) if (field.kind === "object" && !field.relation?.fields) delete field.relation?.fields;

  const graph: SchemaGraph = {
    datasource: { name: "db", provider: "sqlite" },
    generators: [
      {
        name: "client",
        config: [
          ["provider", '"prisma-client"'],
          ["output", '"../generated/prisma"'],
        ],
      },
    ],
    models,
    enums: [],
  };
  const compiled = compileSchema(graph);
  if (!compiled.ok)
    throw new Error(
      `The imported models do not make a valid Prisma schema: ${compiled.problems.map((p) => p.message).join(" ")}`,
    );
  return { text: compiled.text, unknown: unknown.sort((a, b) => a.line - b.line) };
}
