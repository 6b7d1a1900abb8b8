import { expect, test } from "vitest";
import { aField, aModel, aRelation } from "../testing/schema-builders";
import { shownMembers } from "./display";

const post = aModel(
  "Post",
  [
    aField("slug", { isUnique: true }),
    aField("title"),
    aField("body"),
    ...aRelation("author", "User"),
    aField("tenant"),
    aField("number", { type: "Int" }),
  ],
  { uniques: [{ fields: ["tenant", "number"] }] },
);
const names = (mode: "all" | "keys" | "names") => shownMembers(post, mode).map((m) => m.name);

test("keys and relations: the primary key, unique fields (alone or together), foreign keys and relation fields, in order", () => {
  expect(names("all")).toEqual(["id", "slug", "title", "body", "authorId", "author", "tenant", "number"]);
  expect(names("keys")).toEqual(["id", "slug", "authorId", "author", "tenant", "number"]);
  expect(names("names")).toEqual([]);
});
