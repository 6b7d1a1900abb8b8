import { expect, test } from "vitest";
import { chainRenames, isDatabaseRename, renameSql, renamesIn, reverseRenameSql, type DatabaseRename } from "./renames";

test("renames chain and cancel", () => {
  const t = (from: string, to: string): DatabaseRename => ({ kind: "table", from, to });
  const c = (table: string, from: string, to: string): DatabaseRename => ({ kind: "column", table, from, to });
  expect(chainRenames([t("a", "b")], [t("b", "c")])).toEqual([t("a", "c")]);
  expect(chainRenames([t("a", "b")], [t("b", "a")])).toEqual([]);
  expect(chainRenames([c("x", "p", "q")], [c("x", "q", "r")])).toEqual([c("x", "p", "r")]);
  expect(chainRenames([c("x", "p", "q")], [t("x", "y")])).toEqual([c("y", "p", "q"), t("x", "y")]);
  expect(renameSql([c("y", "p", "q"), t("x", "y")])).toContain(
    'ALTER TABLE "x" RENAME TO "y";\nALTER TABLE "y" RENAME COLUMN "p" TO "q";',
  );
});

test("the renames a script performs are read back, both ways, quotes included", () => {
  const renames: DatabaseRename[] = [
    { kind: "table", from: "address", to: 'e"mail' },
    { kind: "column", table: 'e"mail', from: "a", to: "b" },
  ];
  expect(renamesIn(renameSql(renames))).toEqual(renames);
  // Undone: the column goes back under the table's current name, then the table; read as the final names.
  expect(reverseRenameSql(renames)).toContain(
    'ALTER TABLE "e""mail" RENAME COLUMN "b" TO "a";\nALTER TABLE "e""mail" RENAME TO "address";',
  );
  expect(renamesIn(reverseRenameSql(renames))).toEqual([
    { kind: "column", table: "address", from: "b", to: "a" },
    { kind: "table", from: 'e"mail', to: "address" },
  ]);
});

test("a rename read from outside (a request, the renames file) is checked field by field", () => {
  expect(isDatabaseRename({ kind: "table", from: "Address", to: "EmailAddress" })).toBe(true);
  expect(isDatabaseRename({ kind: "column", table: "user_account", from: "fullname", to: "full_name" })).toBe(true);
  for (const bad of [
    null,
    "Address",
    [],
    { kind: "table", from: "Address" },
    { kind: "table", from: "Address", to: 7 },
    { kind: "column", from: "fullname", to: "full_name" },
    { kind: "index", from: "a", to: "b" },
    { kind: "table", from: "a", to: "b", table: "c" },
  ]) {
    expect(isDatabaseRename(bad)).toBe(false);
  }
});
