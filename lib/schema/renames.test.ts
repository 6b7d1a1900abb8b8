import { expect, test } from "vitest";
import { aSchema, anEnum as buildEnum } from "../testing/schema-builders";
import type { Enum } from "./graph";
import {
  chainRenames,
  databaseRenames,
  describeRename,
  isDatabaseRename,
  renameSql,
  renamesIn,
  reverseRenameSql,
  type DatabaseRename,
} from "./renames";

// One enum, its id kept across versions whatever its name.
const aGraph = (enums: Enum[]) => aSchema([], enums);
const anEnum = (name: string, values: string[], extra: Partial<Enum> = {}) => buildEnum(name, values, { id: "e1", ...extra });

test("renames chain and cancel", () => {
  const t = (from: string, to: string): DatabaseRename => ({ kind: "table", from, to });
  const c = (table: string, from: string, to: string): DatabaseRename => ({ kind: "column", table, from, to });
  expect(chainRenames([t("a", "b")], [t("b", "c")])).toEqual([t("a", "c")]);
  expect(chainRenames([t("a", "b")], [t("b", "a")])).toEqual([]);
  expect(chainRenames([c("x", "p", "q")], [c("x", "q", "r")])).toEqual([c("x", "p", "r")]);
  expect(chainRenames([c("x", "p", "q")], [t("x", "y")])).toEqual([c("y", "p", "q"), t("x", "y")]);
  expect(renameSql([c("y", "p", "q"), t("x", "y")], "sqlite")).toContain(
    'ALTER TABLE "x" RENAME TO "y";\nALTER TABLE "y" RENAME COLUMN "p" TO "q";',
  );
});

test("the renames a script performs are read back, both ways, quotes included", () => {
  const renames: DatabaseRename[] = [
    { kind: "table", from: "address", to: 'e"mail' },
    { kind: "column", table: 'e"mail', from: "a", to: "b" },
  ];
  expect(renamesIn(renameSql(renames, "sqlite"))).toEqual(renames);
  // Undone: the column goes back under the table's current name, then the table; read as the final names.
  expect(reverseRenameSql(renames, "sqlite")).toContain(
    'ALTER TABLE "e""mail" RENAME COLUMN "b" TO "a";\nALTER TABLE "e""mail" RENAME TO "address";',
  );
  expect(renamesIn(reverseRenameSql(renames, "sqlite"))).toEqual([
    { kind: "column", table: "address", from: "b", to: "a" },
    { kind: "table", from: 'e"mail', to: "address" },
  ]);
});

test("a rename read from outside (a request, the renames file) is checked field by field", () => {
  expect(isDatabaseRename({ kind: "table", from: "Address", to: "EmailAddress" })).toBe(true);
  expect(isDatabaseRename({ kind: "column", table: "user_account", from: "fullname", to: "full_name" })).toBe(true);
  expect(isDatabaseRename({ kind: "enum", from: "Status", to: "State" })).toBe(true);
  expect(isDatabaseRename({ kind: "enumValue", enum: "Status", from: "draft", to: "DRAFT" })).toBe(true);
  for (const bad of [
    null,
    "Address",
    [],
    { kind: "table", from: "Address" },
    { kind: "table", from: "Address", to: 7 },
    { kind: "column", from: "fullname", to: "full_name" },
    { kind: "index", from: "a", to: "b" },
    { kind: "table", from: "a", to: "b", table: "c" },
    { kind: "enum", from: "a", to: "b", enum: "c" },
    { kind: "enumValue", from: "a", to: "b" },
    { kind: "enumValue", enum: 1, from: "a", to: "b" },
  ]) {
    expect(isDatabaseRename(bad)).toBe(false);
  }
});

test("an enum value edited in place is a rename; values added, removed or moved are not", () => {
  const before = aGraph([anEnum("Status", ["draft", "live", "gone"])]);
  const renames = (values: string[], extra: Partial<Enum> = {}) =>
    databaseRenames(before, aGraph([anEnum("Status", values, extra)]));
  expect(renames(["DRAFT", "live", "gone"])).toEqual([{ kind: "enumValue", enum: "Status", from: "draft", to: "DRAFT" }]);
  expect(renames(["draft", "live"])).toEqual([]);
  expect(renames(["draft", "live", "gone", "new"])).toEqual([]);
  expect(renames(["live", "draft", "gone"])).toEqual([]); // moved
  expect(renames(["draft", "draft2", "live"])).toEqual([]); // gone removed, draft2 added: not a rename of live
  // The type takes the enum's @@map; the value its @map when it has one.
  expect(renames(["draft", "live", "gone"], { name: "State", dbName: "status" })).toEqual([
    { kind: "enum", from: "Status", to: "status" },
  ]);
  const mapped = aGraph([
    {
      ...anEnum("Status", ["draft", "live", "gone"]),
      values: [{ name: "draft", dbName: "d" }, { name: "live" }, { name: "gone" }],
    },
  ]);
  expect(databaseRenames(mapped, before)).toEqual([{ kind: "enumValue", enum: "Status", from: "d", to: "draft" }]);
});

test("enum renames chain like tables and columns: a value follows its enum", () => {
  const e = (from: string, to: string): DatabaseRename => ({ kind: "enum", from, to });
  const v = (enumeration: string, from: string, to: string): DatabaseRename => ({
    kind: "enumValue",
    enum: enumeration,
    from,
    to,
  });
  expect(chainRenames([v("S", "a", "b")], [v("S", "b", "c")])).toEqual([v("S", "a", "c")]);
  expect(chainRenames([v("S", "a", "b")], [v("S", "b", "a")])).toEqual([]);
  expect(chainRenames([v("S", "a", "b")], [e("S", "T"), v("T", "b", "c")])).toEqual([e("S", "T"), v("T", "a", "c")]);
  // A table and an enum of the same name stay apart.
  expect(chainRenames([{ kind: "column", table: "S", from: "a", to: "b" }], [e("S", "T")])).toEqual([
    { kind: "column", table: "S", from: "a", to: "b" },
    e("S", "T"),
  ]);
  expect([e("S", "T"), v("T", "a", "c")].map(describeRename)).toEqual(["enum S → T", "T.a → c"]);
});

test("PostgreSQL renames enum types and values; SQLite, which has none, gets no statement for them", () => {
  const renames: DatabaseRename[] = [
    { kind: "enumValue", enum: "State", from: "it's", to: "its" },
    { kind: "enum", from: "Status", to: "State" },
    { kind: "table", from: "post", to: "article" },
  ];
  const up = renameSql(renames, "postgresql");
  expect(up).toContain(
    `ALTER TABLE "post" RENAME TO "article";\nALTER TYPE "Status" RENAME TO "State";\nALTER TYPE "State" RENAME VALUE 'it''s' TO 'its';`,
  );
  const down = reverseRenameSql(renames, "postgresql");
  expect(down).toContain(
    `ALTER TYPE "State" RENAME VALUE 'its' TO 'it''s';\nALTER TYPE "State" RENAME TO "Status";\nALTER TABLE "article" RENAME TO "post";`,
  );
  expect(renamesIn(up)).toEqual([renames[2], renames[1], renames[0]]);
  expect(renamesIn(down)).toEqual([
    { kind: "enumValue", enum: "Status", from: "its", to: "it's" },
    { kind: "enum", from: "State", to: "Status" },
    { kind: "table", from: "article", to: "post" },
  ]);
  expect(renameSql(renames, "sqlite")).not.toContain("ALTER TYPE");
  expect(renameSql(renames.slice(0, 2), "sqlite")).toBe("");
});
