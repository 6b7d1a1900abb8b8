import { expect, test } from "vitest";
import { updateEnum } from "./operations";
import { parseSchema } from "./parse";

const schema = `datasource db {
  provider = "postgresql"
}

enum Status {
  draft
  live
  gone
}

model Post {
  id     Int      @id
  status Status   @default(draft)
  seen   Status[] @default([draft, live])
}
`;

const rename = (values: string[]) => {
  const graph = parseSchema(schema);
  const status = graph.enums[0];
  const next = updateEnum(graph, status.id, { values: values.map((name) => ({ name })) });
  return Object.fromEntries(next.models[0].fields.map((f) => [f.name, f.default]));
};

test("a value renamed in place takes the defaults that name it along, lists included", () => {
  expect(rename(["DRAFT", "live", "gone"])).toMatchObject({ status: "DRAFT", seen: "[DRAFT, live]" });
  expect(rename(["draft", "LIVE", "gone"])).toMatchObject({ status: "draft", seen: "[draft, LIVE]" });
});

test("a default naming a value that was removed is dropped, so the schema still validates", () => {
  expect(rename(["live", "gone"])).toMatchObject({ status: undefined, seen: undefined });
  expect(rename(["draft", "live"])).toMatchObject({ status: "draft", seen: "[draft, live]" });
});
