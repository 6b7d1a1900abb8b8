import { expect, test } from "vitest";
import { chainRenames, renameSql, type DatabaseRename } from "./renames";

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
