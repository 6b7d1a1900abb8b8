import { datasourceSchemas, type Field, type Model, type SchemaGraph } from "./graph";
import { randomId } from "./random-id";
import { valuesRenamedInPlace } from "./renames";

/**
 * Edits of a graph, each a pure function from a graph to a new one. They keep the graph
 * consistent (a rename reaches every reference to the old name); whether the result is
 * a valid schema is Prisma's validator's call, made when it is saved.
 */

export function newId(prefix: string): string {
  return `${prefix}:${randomId()}`;
}

function nextFreeName(base: string, taken: Iterable<string>): string {
  const names = new Set(taken);
  for (let n = 1; ; n++) if (!names.has(`${base}${n}`)) return `${base}${n}`;
}

/** Names a new field must not take: its model's fields', kept ones' included. */
export function fieldNames(model: Model): string[] {
  return [...model.fields.map((f) => f.name), ...(model.verbatimFields ?? []).map((f) => f.name)];
}

/**
 * The model with other fields. A kept (verbatim) field follows a field; when that field
 * leaves (deleted, or `moved` elsewhere), it follows the nearest field before it that
 * stays, so it keeps its place among the others.
 */
export function withFields(model: Model, fields: Field[], moved?: string): Model {
  if (!model.verbatimFields?.length) return { ...model, fields };
  const staying = new Set(fields.map((f) => f.id));
  if (moved) staying.delete(moved);
  const before = model.fields.map((f) => f.id);
  const verbatimFields = model.verbatimFields.map((field) => {
    if (field.after === undefined || staying.has(field.after) || !before.includes(field.after)) return field;
    const { after, ...rest } = field;
    const anchor = before.slice(0, before.indexOf(after)).findLast((id) => staying.has(id));
    return anchor === undefined ? rest : { ...rest, after: anchor };
  });
  return { ...model, fields, verbatimFields };
}

function updateModel(graph: SchemaGraph, modelId: string, update: (model: Model) => Model): SchemaGraph {
  if (!graph.models.some((m) => m.id === modelId)) throw new Error(`No model with id ${modelId}`);
  return { ...graph, models: graph.models.map((m) => (m.id === modelId ? update(m) : m)) };
}

/** A new table with an autoincrementing id, named Table1, Table2... unless a name is given. */
export function addModel(graph: SchemaGraph, options: { id?: string; name?: string } = {}): { graph: SchemaGraph; model: Model } {
  const model: Model = {
    id: options.id ?? newId("model"),
    name:
      options.name ??
      nextFreeName(
        "Table",
        graph.models.map((m) => m.name),
      ),
    fields: [],
    uniques: [],
    indexes: [],
    // A multi-schema project's new table lives in its first schema (Prisma asks for one).
    ...(datasourceSchemas(graph).length ? { schema: datasourceSchemas(graph)[0] } : {}),
  };
  model.fields.push({
    id: newId("field"),
    name: "id",
    type: "Int",
    kind: "scalar",
    list: false,
    optional: false,
    isId: true,
    isUnique: false,
    default: "autoincrement()",
    updatedAt: false,
  });
  return { graph: { ...graph, models: [...graph.models, model] }, model };
}

export function renameModel(graph: SchemaGraph, modelId: string, name: string): SchemaGraph {
  const old = graph.models.find((m) => m.id === modelId);
  if (!old) throw new Error(`No model with id ${modelId}`);
  // Models that neither are renamed nor point at the renamed one keep their objects.
  return {
    ...graph,
    models: graph.models.map((model) => {
      const pointing = model.fields.some((f) => f.kind === "object" && f.type === old.name);
      if (model.id !== modelId && !pointing) return model;
      return {
        ...model,
        ...(model.id === modelId ? { name } : {}),
        fields: pointing
          ? model.fields.map((f) => (f.kind === "object" && f.type === old.name ? { ...f, type: name } : f))
          : model.fields,
      };
    }),
  };
}

/** Removes a model with the relation fields that point at it, and their foreign keys. */
export function deleteModel(graph: SchemaGraph, modelId: string): SchemaGraph {
  const doomed = graph.models.find((m) => m.id === modelId);
  if (!doomed) throw new Error(`No model with id ${modelId}`);
  return {
    ...graph,
    models: graph.models
      .filter((m) => m.id !== modelId)
      .map((model) => {
        const relations = model.fields.filter((f) => f.kind === "object" && f.type === doomed.name);
        if (!relations.length) return model;
        const foreignKeys = new Set(relations.flatMap((f) => f.relation?.fields ?? []));
        const stillUsed = new Set(model.fields.filter((f) => !relations.includes(f)).flatMap((f) => f.relation?.fields ?? []));
        return withFields(
          model,
          model.fields.filter((f) => !relations.includes(f) && !(foreignKeys.has(f.name) && !stillUsed.has(f.name))),
        );
      }),
  };
}

/** A new optional-free String field named field1, field2... unless a name is given. */
/** A field as it is added: a required scalar with no attributes. */
export function blankField(id: string, name: string, type = "String"): Field {
  return { id, name, type, kind: "scalar", list: false, optional: false, isId: false, isUnique: false, updatedAt: false };
}

export function addField(
  graph: SchemaGraph,
  modelId: string,
  options: { id?: string; name?: string; type?: string } = {},
): { graph: SchemaGraph; field: Field } {
  const model = graph.models.find((m) => m.id === modelId);
  if (!model) throw new Error(`No model with id ${modelId}`);
  const field = blankField(
    options.id ?? newId("field"),
    options.name ?? nextFreeName("field", fieldNames(model)),
    options.type ?? "String",
  );
  return { graph: updateModel(graph, modelId, (m) => ({ ...m, fields: [...m.fields, field] })), field };
}

function findField(graph: SchemaGraph, fieldId: string): { model: Model; field: Field } {
  for (const model of graph.models) {
    const field = model.fields.find((f) => f.id === fieldId);
    if (field) return { model, field };
  }
  throw new Error(`No field with id ${fieldId}`);
}

/** Renames a field and every reference to it: relations' fields/references and block indexes. */
export function renameField(graph: SchemaGraph, fieldId: string, name: string): SchemaGraph {
  const { model: owner, field } = findField(graph, fieldId);
  const rename = (names: string[] | undefined) => names?.map((n) => (n === field.name ? name : n));
  const renameBlock = <T extends { fields: string[] }>(block: T): T => ({ ...block, fields: rename(block.fields)! });
  return {
    ...graph,
    models: graph.models.map((model) => {
      const own = model.id === owner.id;
      // `references` name fields of the model the relation points at: only models related to the owner change.
      if (!own && !model.fields.some((f) => f.kind === "object" && f.type === owner.name)) return model;
      return {
        ...model,
        fields: model.fields.map((f) => {
          let next = f.id === fieldId ? { ...f, name } : f;
          if (next.relation) {
            const relation = { ...next.relation };
            if (own && relation.fields) relation.fields = rename(relation.fields);
            if (next.type === owner.name && relation.references) relation.references = rename(relation.references);
            next = { ...next, relation };
          }
          return next;
        }),
        ...(own
          ? {
              primaryKey: model.primaryKey && renameBlock(model.primaryKey),
              uniques: model.uniques.map(renameBlock),
              indexes: model.indexes.map(renameBlock),
            }
          : {}),
      };
    }),
  };
}

export function deleteField(graph: SchemaGraph, fieldId: string): SchemaGraph {
  const { model } = findField(graph, fieldId);
  return updateModel(graph, model.id, (m) =>
    withFields(
      m,
      m.fields.filter((f) => f.id !== fieldId),
    ),
  );
}

/** Changes a field's scalar properties (type, optional, default...); identity and name stay. */
export function updateField(graph: SchemaGraph, fieldId: string, changes: Partial<Omit<Field, "id" | "name">>): SchemaGraph {
  const { model } = findField(graph, fieldId);
  return updateModel(graph, model.id, (m) => ({
    ...m,
    fields: m.fields.map((f) => (f.id === fieldId ? { ...f, ...changes } : f)),
  }));
}

/** Changes a model's table name (@@map), documentation or composite keys and indexes. */
export function updateModelProperties(
  graph: SchemaGraph,
  modelId: string,
  changes: Partial<Pick<Model, "dbName" | "schema" | "documentation" | "primaryKey" | "uniques" | "indexes">>,
): SchemaGraph {
  return updateModel(graph, modelId, (model) => {
    const next: Model = { ...model, ...changes };
    for (const key of ["dbName", "documentation", "primaryKey"] as const)
      if (next[key] === undefined || next[key] === "") delete next[key];
    return next;
  });
}

/** Moves a field to another place in its model (fields print in this order). */
export function moveField(graph: SchemaGraph, fieldId: string, toIndex: number): SchemaGraph {
  const { model } = findField(graph, fieldId);
  return updateModel(graph, model.id, (m) => {
    const fields = m.fields.filter((f) => f.id !== fieldId);
    fields.splice(
      Math.max(0, Math.min(toIndex, fields.length)),
      0,
      m.fields.find((f) => f.id === fieldId)!,
    );
    return withFields(m, fields, fieldId);
  });
}

/**
 * Copies of models with new ids and free names (User → UserCopy, UserCopy2...). Scalar
 * fields are copied; relation fields are not, since a relation joins two particular tables.
 */
export function duplicateModels(graph: SchemaGraph, modelIds: string[]): { graph: SchemaGraph; copies: Model[] } {
  const names = new Set(graph.models.map((m) => m.name));
  const copies: Model[] = [];
  for (const id of modelIds) {
    const source = graph.models.find((m) => m.id === id);
    if (!source) continue;
    let name = `${source.name}Copy`;
    for (let n = 2; names.has(name); n++) name = `${source.name}Copy${n}`;
    names.add(name);
    const fields = source.fields.filter((f) => f.kind !== "object").map((f) => ({ ...f, id: newId("field") }));
    const kept = new Set(fields.map((f) => f.name));
    const keep = (block: { fields: string[] }) => block.fields.every((f) => kept.has(f));
    copies.push({
      ...source,
      id: newId("model"),
      name,
      fields,
      // Kept fields are not copied: an ignored relation joins two particular tables, an unsupported column is the database's.
      verbatimFields: undefined,
      dbName: undefined,
      primaryKey: source.primaryKey && keep(source.primaryKey) ? source.primaryKey : undefined,
      uniques: source.uniques.filter(keep).map((u) => ({ ...u, dbName: undefined, name: undefined })),
      indexes: source.indexes.filter(keep).map((i) => ({ ...i, dbName: undefined, name: undefined })),
    });
  }
  const clean = copies.map((m) => JSON.parse(JSON.stringify(m)) as Model); // drops the undefined keys
  return { graph: { ...graph, models: [...graph.models, ...clean] }, copies: clean };
}

export function addEnum(
  graph: SchemaGraph,
  options: { id?: string; name?: string } = {},
): { graph: SchemaGraph; enumId: string } {
  const id = options.id ?? newId("enum");
  const name = options.name ?? nextFreeName("Enum", [...graph.enums.map((e) => e.name), ...graph.models.map((m) => m.name)]);
  const schema = datasourceSchemas(graph)[0];
  const enumeration = { id, name, values: [{ name: "A" }, { name: "B" }], ...(schema ? { schema } : {}) };
  return { graph: { ...graph, enums: [...graph.enums, enumeration] }, enumId: id };
}

/** Renames an enum, its values, table name or documentation; fields of the enum's type follow a rename. */
export function updateEnum(
  graph: SchemaGraph,
  enumId: string,
  changes: Partial<Pick<SchemaGraph["enums"][number], "name" | "values" | "dbName" | "documentation">>,
): SchemaGraph {
  const old = graph.enums.find((e) => e.id === enumId);
  if (!old) throw new Error(`No enum with id ${enumId}`);
  const next = { ...old, ...changes };
  for (const key of ["dbName", "documentation"] as const) if (!next[key]) delete next[key];
  const valueNames = new Set(next.values.map((v) => v.name));
  // A value renamed in place takes the defaults that named it along.
  const renamed = new Map(
    valuesRenamedInPlace(
      old.values.map((v) => v.name),
      next.values.map((v) => v.name),
    ),
  );
  return {
    ...graph,
    enums: graph.enums.map((e) => (e.id === enumId ? next : e)),
    models: graph.models.map((model) => ({
      ...model,
      fields: model.fields.map((f) => {
        if (f.kind !== "enum" || f.type !== old.name) return f;
        const field = { ...f, type: next.name };
        if (field.default === undefined) return field;
        // A list's default names several values: `[A, B]`.
        const named = field.default
          .replace(/^\[|\]$/g, "")
          .split(",")
          .map((v) => v.trim())
          .filter(Boolean);
        const now = named.map((v) => renamed.get(v) ?? v);
        // A default naming a value that no longer exists would not validate.
        if (!now.every((v) => valueNames.has(v))) delete field.default;
        else if (now.some((v, i) => v !== named[i])) field.default = f.list ? `[${now.join(", ")}]` : now[0];
        return field;
      }),
    })),
  };
}

/** Removes an enum; fields of its type become Strings (their values are the same text). */
export function deleteEnum(graph: SchemaGraph, enumId: string): SchemaGraph {
  const doomed = graph.enums.find((e) => e.id === enumId);
  if (!doomed) throw new Error(`No enum with id ${enumId}`);
  return {
    ...graph,
    enums: graph.enums.filter((e) => e.id !== enumId),
    models: graph.models.map((model) => ({
      ...model,
      fields: model.fields.map((f) =>
        f.kind === "enum" && f.type === doomed.name
          ? { ...f, kind: "scalar" as const, type: "String", ...(f.default ? { default: JSON.stringify(f.default) } : {}) }
          : f,
      ),
    })),
  };
}
