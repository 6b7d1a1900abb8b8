import { describe, expect, test } from "vitest";
import { compileSchema } from "./compile";
import type { SchemaGraph } from "./graph";
import { addModel } from "./operations";
import { parseSchema } from "./parse";
import { connectModels, deleteRelation, relationKindOf, setReferentialActions, setRelationKind } from "./relations";
import { tutorialSchema } from "../testing/tutorial-schema";

const tutorial = () => parseSchema(tutorialSchema());
const model = (graph: SchemaGraph, name: string) => graph.models.find((m) => m.name === name)!;
const compiled = (graph: SchemaGraph) => {
  const result = compileSchema(graph);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.text;
};

describe("relations drawn between tables", () => {
  test("one-to-many from Post to User adds the foreign key, the relation and the back-relation", () => {
    const base = tutorial();
    const { graph } = addModel(base, { name: "Post" });
    const { graph: related } = connectModels(graph, { fromModelId: model(graph, "Post").id, toModelId: model(graph, "User").id });
    const text = compiled(related);
    expect(text).toMatch(/userId\s+Int\n/);
    expect(text).toMatch(/user\s+User\s+@relation\(fields: \[userId\], references: \[id\]\)/);
    expect(text).toMatch(/posts\s+Post\[\]/);
  });

  test("the field dragged from becomes the foreign key when its type fits", () => {
    const base = tutorial();
    const address = model(base, "Address");
    const stripped: SchemaGraph = {
      ...base,
      models: base.models.map((m) => ({ ...m, fields: m.fields.filter((f) => f.kind !== "object") })),
    };
    const userId = address.fields.find((f) => f.name === "user_id")!;
    const { graph } = connectModels(stripped, {
      fromModelId: address.id,
      toModelId: model(base, "User").id,
      fromFieldId: userId.id,
    });
    const text = compiled(graph);
    expect(text).toMatch(/user\s+User\s+@relation\(fields: \[user_id\], references: \[id\]\)/);
    expect(text).not.toMatch(/user_id2/);
  });

  test("a second relation between the same tables gets a relation name", () => {
    const base = tutorial();
    const { graph } = connectModels(base, { fromModelId: model(base, "Address").id, toModelId: model(base, "User").id });
    const text = compiled(graph);
    expect(text).toMatch(/@relation\("AddressUser", fields: \[user_id2\], references: \[id\]\)/);
    expect(text).toMatch(/addresses2\s+Address\[\]\s+@relation\("AddressUser"\)/);
  });

  test("self-relations and many-to-many compile", () => {
    const base = tutorial();
    const { graph: withSelf } = connectModels(base, { fromModelId: model(base, "User").id, toModelId: model(base, "User").id });
    expect(compiled(withSelf)).toMatch(/parent\s+User\?\s+@relation\("UserSelf", fields: \[parent_id\], references: \[id\]\)/);
    const { graph: withTags } = addModel(withSelf, { name: "Tag" });
    const { graph: manyToMany, relationFieldId } = connectModels(withTags, {
      fromModelId: model(withTags, "Tag").id,
      toModelId: model(withTags, "User").id,
      kind: "many-to-many",
    });
    const text = compiled(manyToMany);
    expect(text).toMatch(/users\s+User\[\]/);
    expect(text).toMatch(/tags\s+Tag\[\]/);
    expect(relationKindOf(manyToMany, model(manyToMany, "Tag").id, relationFieldId)).toBe("many-to-many");
  });

  test("kinds change in place, actions are set on the foreign-key side, and deleting removes both sides", () => {
    const base = tutorial();
    const address = model(base, "Address");
    const user = address.fields.find((f) => f.name === "user")!;
    const oneToOne = setRelationKind(base, address.id, user.id, "one-to-one");
    expect(compiled(oneToOne)).toMatch(/user_id\s+Int\s+@unique/);
    expect(compiled(oneToOne)).toMatch(/address\s+Address\?/);
    const restricted = setReferentialActions(base, address.id, user.id, { onDelete: "Restrict", onUpdate: "Cascade" });
    expect(compiled(restricted)).toContain(
      "@relation(fields: [user_id], references: [id], onDelete: Restrict, onUpdate: Cascade)",
    );
    const removed = deleteRelation(base, address.id, user.id);
    const text = compiled(removed);
    expect(text).not.toMatch(/addresses|user_id|User @relation/);
  });
});
