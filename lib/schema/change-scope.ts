import { changedBlocks, SCALAR_TYPES, tableName, type Enum, type Model, type SchemaGraph } from "./graph";

const SCALARS = new Set<string>(SCALAR_TYPES);

/**
 * The part of a schema an edit can make invalid, when the schema before it was valid: a
 * schema to hand Prisma's validator in place of the whole one, so that validating an edit
 * costs the size of the edit, not of the schema (a 5,044-model file takes Prisma ~40 ms to
 * parse; the part a field rename touches, well under 1).
 *
 * Prisma's rules reach across blocks in these ways only, and the scope follows each:
 * - a relation joins two models (both sides, their names, fields and references): every
 *   model the edit changed or removed comes with the models related to it, before or after;
 * - a field names an enum (type, default): an enum the edit changed or removed comes with
 *   the models that use it, and every model in the scope with the enums it uses;
 * - top-level names (models, views and enums), table and type names (`@@map`) and
 *   constraint names (`map:`, and Prisma's defaults, `<table>_<columns>_key`) share
 *   namespaces: every block whose names could equal the changed blocks' comes too.
 * Models related to the scope but outside it are left out, and so are the relation fields
 * that point at them: those relations did not change, and Prisma accepted them before.
 *
 * A changed datasource, generator or @@ignore'd model (kept as text) has no scope: the
 * whole schema is validated. A scope that Prisma refuses is no verdict either: the caller
 * validates the whole schema to locate the problems, so nothing valid is ever refused.
 */
export function changeScope(before: SchemaGraph, after: SchemaGraph): SchemaGraph | null {
  if (!sameTop(before, after) || after.ignoredModels?.length) return null;
  const changed = changedBlocks(before.models, after.models);
  const changedEnums = changedBlocks(before.enums, after.enums);
  // Names before and after: a renamed model or enum is still named by what pointed at it.
  const allModels = [...changed.present, ...changed.was];
  const changedNames = new Set([...allModels, ...changedEnums.present, ...changedEnums.was].map((block) => block.name));
  const targets = new Set(allModels.flatMap((model) => modelNames(model).types));
  const keys = namespaceKeys([...changed.present, ...changedEnums.present]);
  const changedIds = new Set(allModels.map((m) => m.id));
  const scope = after.models.filter((model) => {
    if (changedIds.has(model.id)) return changed.present.includes(model);
    const names = modelNames(model);
    return targets.has(model.name) || names.types.some((type) => changedNames.has(type)) || collides(names, keys);
  });
  const inScope = new Set(scope.map((m) => m.name));
  const used = new Set(scope.flatMap((m) => modelNames(m).types));
  const enums = after.enums.filter((e) => used.has(e.name) || changedEnums.present.includes(e) || collidesEnum(e, keys));
  let present: Set<string> | undefined;
  const outside = (type: string) => !inScope.has(type) && (present ??= new Set(after.models.map((m) => m.name))).has(type);
  return {
    ...after,
    models: scope.map((model) => (changed.present.includes(model) ? model : withoutRelationsOut(model, outside))),
    enums,
  };
}

/** Every key of the graph but its models, enums and order is the same object: no top-level change. */
function sameTop(before: SchemaGraph, after: SchemaGraph): boolean {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of ["models", "enums", "order"]) keys.delete(key);
  return [...keys].every((key) => before[key as keyof SchemaGraph] === after[key as keyof SchemaGraph]);
}

const baseType = (type: string) => type.replace(/[?[\]]/g, "");

/** A model with only the relations inside the scope (or to a model that is gone): the rest did not change. */
function withoutRelationsOut(model: Model, outside: (type: string) => boolean): Model {
  const fields = model.fields.filter((f) => !outside(f.type));
  const verbatimFields = model.verbatimFields?.filter((f) => !outside(baseType(f.type)));
  if (fields.length === model.fields.length && verbatimFields?.length === model.verbatimFields?.length) return model;
  return { ...model, fields, ...(verbatimFields && { verbatimFields }) };
}

/** Names that share a namespace across blocks, lower-cased (some databases fold case): a superset is safe. */
interface NamespaceKeys {
  blocks: Set<string>;
  tables: string[];
  constraints: string[];
}

function namespaceKeys(blocks: (Model | Enum)[]): NamespaceKeys {
  return {
    blocks: new Set(blocks.flatMap((b) => [b.name, b.dbName ?? b.name].map(lower))),
    tables: blocks.filter((b): b is Model => "fields" in b).map((m) => modelNames(m).table),
    constraints: blocks.flatMap((b) => ("fields" in b ? modelNames(b).constraints : [])),
  };
}

const lower = (name: string) => name.toLowerCase();

/** A model's names in the shared namespaces, lower-cased; kept as long as the model object lives. */
interface ModelNames {
  name: string;
  table: string;
  /** The types its fields name, kept fields included, other than Prisma's scalars: models and enums. */
  types: string[];
  /** The names it gives its keys and indexes itself (`map:`). */
  constraints: string[];
}
const namesOf = new WeakMap<Model, ModelNames>();
function modelNames(model: Model): ModelNames {
  let names = namesOf.get(model);
  if (!names) {
    const fieldNames = model.fields.flatMap((f) => [f.uniqueDbName, f.idDbName, f.relation?.dbName]);
    const blockNames = [model.primaryKey, ...model.uniques, ...model.indexes].map((index) => index?.dbName);
    const constraints = [...fieldNames, ...blockNames].filter((n): n is string => !!n).map(lower);
    const types = [...model.fields.map((f) => f.type), ...(model.verbatimFields ?? []).map((f) => baseType(f.type))];
    names = {
      name: lower(model.name),
      table: lower(tableName(model)),
      types: [...new Set(types)].filter((type) => !SCALARS.has(type)),
      constraints,
    };
    namesOf.set(model, names);
  }
  return names;
}

/**
 * Whether a name could be one of Prisma's default constraint names for a table: those are
 * `<table>_<columns>_<suffix>`, cut to the database's length limit (63 on PostgreSQL).
 */
function couldBeDefaultOf(name: string, table: string): boolean {
  return name.startsWith(`${table}_`) || (table.length >= 40 && name.startsWith(table.slice(0, 40)));
}

function collides({ name, table, constraints }: ModelNames, keys: NamespaceKeys): boolean {
  if (keys.blocks.has(name) || keys.blocks.has(table)) return true;
  if (keys.tables.some((t) => couldBeDefaultOf(t, table) || couldBeDefaultOf(table, t))) return true;
  for (const constraint of constraints) {
    if (keys.constraints.includes(constraint) || keys.tables.some((t) => couldBeDefaultOf(constraint, t))) return true;
  }
  return keys.constraints.some((constraint) => couldBeDefaultOf(constraint, table));
}

function collidesEnum(enumeration: Enum, keys: NamespaceKeys): boolean {
  return keys.blocks.has(lower(enumeration.name)) || keys.blocks.has(lower(enumeration.dbName ?? enumeration.name));
}
