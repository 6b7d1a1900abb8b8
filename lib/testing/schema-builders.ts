import type { Enum, Field, Model, SchemaGraph } from "../schema/graph";
import { blankField } from "../schema/operations";

/**
 * Small builders for a graph in a test, instead of parsing a schema file: `aSchema` with
 * `aModel`s of `aField`s and `anEnum`s. Ids are the names (`model:User`, `field:User.id`,
 * `enum:Status`) unless given. Defaults are what a new element has on the canvas.
 */

export function aField(name: string, overrides: Partial<Field> = {}): Field {
  return { ...blankField(`field:${name}`, name), ...overrides };
}

/** A model with an `id Int @id` and the fields given (their ids prefixed with the model's name). */
export function aModel(name: string, fields: Field[] = [], overrides: Partial<Model> = {}): Model {
  const owned = [aField("id", { type: "Int", isId: true }), ...fields].map((f) =>
    f.id === `field:${f.name}` ? { ...f, id: `field:${name}.${f.name}` } : f,
  );
  return { id: `model:${name}`, name, fields: owned, uniques: [], indexes: [], ...overrides };
}

/** A field of model `target`'s type holding a foreign key `<name>Id` to its id. */
export function aRelation(name: string, target: string): Field[] {
  return [
    aField(`${name}Id`, { type: "Int" }),
    aField(name, { type: target, kind: "object", relation: { fields: [`${name}Id`], references: ["id"] } }),
  ];
}

export function anEnum(name: string, values: string[], overrides: Partial<Enum> = {}): Enum {
  return { id: `enum:${name}`, name, values: values.map((value) => ({ name: value })), ...overrides };
}

export function aSchema(models: Model[] = [], enums: Enum[] = [], overrides: Partial<SchemaGraph> = {}): SchemaGraph {
  return { datasource: { name: "db", provider: "sqlite" }, generators: [], models, enums, ...overrides };
}
