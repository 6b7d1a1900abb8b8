import { describe, expect, test } from "vitest";
import { parseSchema } from "../schema/parse";
import { tutorialSchema } from "../testing/tutorial-schema";
import { patchRequestSchema } from "./patch-schema";
import { rateLimiter } from "./rate-limit";

const base = { version: 1, hash: "abc" };
const by = "tab-0123456789";
const field = parseSchema(tutorialSchema()).models[0].fields[1];

describe("a patch from a tab is checked before anything reads it (each row: what is refused)", () => {
  test.each([
    ["a key that names no element", { base, by, changes: [{ key: "table:User", value: null }] }, /names no element/],
    [
      "a field whose value is not a field",
      { base, by, changes: [{ key: "field:model:User/field:x", value: { name: 3 } }] },
      /field:model:User/,
    ],
    [
      "a model shell without its field order",
      { base, by, changes: [{ key: "model:model:X", value: { id: "model:X", name: "X", uniques: [], indexes: [] } }] },
      /fieldIds/,
    ],
    ["a version that is not a number", { base: { version: "7", hash: "abc" }, by, changes: [] }, /"base","version"/],
    ["no tab id", { base, changes: [] }, /by/],
    ["a position that is not finite", { base, by, changes: [], layout: { "model:User": { x: Infinity, y: 0 } } }, /layout/],
    ["a color that is not a color", { base, by, changes: [], layout: { "model:User": { x: 0, y: 0, color: "red;" } } }, /layout/],
    [
      "more than 20,000 changes",
      { base, by, changes: Array.from({ length: 20_001 }, () => ({ key: "schema", value: null })) },
      /changes/,
    ],
  ])("%s", (_what, input, message) => {
    const parsed = patchRequestSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(JSON.stringify(parsed.error.issues)).toMatch(message);
  });

  test("a well-formed patch passes", () => {
    expect(
      patchRequestSchema.safeParse({ base, by, changes: [{ key: "field:model:User/field:User.name", value: field }] }).success,
    ).toBe(true);
  });
});

test("a flood from one tab is refused after its burst; another tab is not slowed; the bucket refills", () => {
  let now = 0;
  const allow = rateLimiter({ perSecond: 20, burst: 60, now: () => now });
  const flood = Array.from({ length: 100 }, () => allow("tab-a"));
  expect(flood.filter(Boolean)).toHaveLength(60);
  expect(allow("tab-b")).toBe(true);
  now += 1000;
  expect(Array.from({ length: 25 }, () => allow("tab-a")).filter(Boolean)).toHaveLength(20);
});
