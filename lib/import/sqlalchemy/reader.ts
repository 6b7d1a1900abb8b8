import { spawnSync } from "node:child_process";
import path from "node:path";

/**
 * What lib/import/sqlalchemy/sqlalchemy_models.py prints for a models.py: the tables Base.metadata would
 * hold (columns, keys, constraints, indexes), the enums they use and the ORM relationships,
 * read with Python's own parser. Nothing in the file is imported or run.
 */

export interface ImportNote {
  line: number;
  text: string;
  why: string;
}
export interface PyAnnotation {
  type: string | null;
  optional: boolean;
  list: boolean;
}
export interface PyType {
  name: string | null;
  args: unknown[];
  kwargs: Record<string, unknown>;
  /** Enum(Status): the enum class of the file. */
  enum?: string;
  /** Enum("a", "b"): the values written inline. */
  values?: unknown[];
  valuesCallable?: boolean;
  /** ARRAY(Integer): the item type. */
  item?: PyType;
}
export type PyDefault =
  | { kind: "literal"; value: unknown }
  | { kind: "now" | "uuid" }
  | { kind: "enum"; value: string }
  | {
      kind: "other";
      text: string;
      /** A server_default's SQL: text("gen_random_uuid()"), func.gen_random_uuid(). */ sql?: string;
    };
export interface PyForeignKey {
  /** "table.column", resolved from "table.column", Model.attr or table.c.column. */
  target: string | null;
  line: number;
  onDelete?: string | null;
  onUpdate?: string | null;
  name?: string | null;
}
export interface PyColumn {
  /** The attribute (a class's) or the column name (a Table's). */
  attr: string | null;
  /** The column's name in the table. */
  name: string;
  line: number;
  type: PyType | null;
  annotation?: PyAnnotation | null;
  foreignKeys: PyForeignKey[];
  primaryKey: boolean | null;
  nullable: boolean | null;
  unique: boolean | null;
  index: boolean | null;
  default?: PyDefault;
  serverDefault?: PyDefault;
  onUpdate?: PyDefault;
  comment?: string | null;
  autoincrement?: unknown;
}
export interface PyConstraint {
  kind: "unique" | "index" | "primaryKey" | "foreignKey";
  line: number;
  name: string | null;
  /** Column names in the table. */
  columns: string[];
  /** A ForeignKeyConstraint's referenced columns, "table.column" each. */
  targets?: (string | null)[];
  onDelete?: string | null;
  onUpdate?: string | null;
}
export interface PyRelationship {
  attr: string;
  line: number;
  annotation: PyAnnotation | null;
  target: string | null;
  backPopulates: string | null;
  backref: string | null;
  /** The association table's name. */
  secondary: string | null;
  uselist: boolean | null;
  cascade: string | null;
  foreignKeys: string | null;
  primaryjoin: string | null;
  /** remote_side=: the many-to-one side of a self-referential relation. */
  remoteSide: boolean;
  /** viewonly=True: a query over other relations, with no key of its own. */
  viewonly: boolean;
}
export interface PyTable {
  name: string;
  /** The mapped class, or null for a Table() no class maps. */
  className: string | null;
  variable: string | null;
  line: number;
  columns: PyColumn[];
  constraints: PyConstraint[];
  relationships: PyRelationship[];
}
export interface PyEnum {
  name: string;
  members: { name: string; value: unknown }[];
}
export interface PyModels {
  tables: PyTable[];
  enums: PyEnum[];
  unknown: ImportNote[];
}

const PYTHON_OUTPUT_BYTES = 256 * 1024 * 1024;

/** Why the reader did not finish, in words that point at the real cause. */
function pythonFailure(error: NodeJS.ErrnoException): string {
  if (error.code === "ENOENT") return `Python 3 is needed to read models.py and could not be started (${error.message})`;
  if (error.code === "ETIMEDOUT") return "models.py took longer than 30 s to read, so it was not imported";
  if (error.code === "ENOBUFS")
    return "models.py describes more than the importer reads (over 256 MB of models), so it was not imported";
  return `models.py could not be read: ${error.message}`;
}

export function readModelsFile(file: string): PyModels {
  const script = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "import", "sqlalchemy", "sqlalchemy_models.py");
  const result = spawnSync(/*turbopackIgnore: true*/ process.env.PYTHON ?? "python3", ["-B", script, file], {
    encoding: "utf8",
    timeout: 30_000,
    // The model list of a 5 MB file is larger than Node's default 1 MB of output.
    maxBuffer: PYTHON_OUTPUT_BYTES,
  });
  if (result.error) throw new Error(pythonFailure(result.error as NodeJS.ErrnoException));
  if (result.status !== 0) throw new Error(`models.py could not be read: ${result.stderr.trim().split("\n").at(-1)}`);
  const output = JSON.parse(result.stdout) as PyModels & { error?: string };
  if (output.error) throw new Error(`models.py has a syntax error at ${output.error}`);
  if (!output.tables.length) throw new Error("models.py declares no table: no model class with a __tablename__, no Table()");
  return output;
}
