import { describe, expect, test } from "vitest";
import { WHOLE_SCHEMA } from "./board";
import { printLayoutFile, readLayoutFile } from "./layout-file";

const names = ["User", "Post", "Status"];
const area = { id: "a1", name: "Content", color: "#dcfce7", tables: ["User", "Post"] };
const view = { id: "v1", name: "Posts", tables: ["Post"], hidden: [], viewport: { x: 1, y: 2, zoom: 0.5 } };

describe("the layout file, read over the schema", () => {
  test("positions, areas and views read back as written, the whole schema always one view", () => {
    const file = { version: 1, positions: { User: { x: 1, y: 2, color: "#ffffff" } }, areas: [area], views: [view] };
    const { file: read, notes } = readLayoutFile(file, names);
    expect(notes).toEqual([]);
    expect(read.positions).toEqual({ User: { x: 1, y: 2, color: "#ffffff" } });
    expect(read.board.areas).toEqual({ a1: area });
    expect(read.board.views).toEqual({ [WHOLE_SCHEMA]: { id: WHOLE_SCHEMA, name: "Whole schema", hidden: [] }, v1: view });
    expect(readLayoutFile(JSON.parse(printLayoutFile(read)), names).file).toEqual(read);
  });

  test("an older file (positions only) and no file at all read without a note", () => {
    expect(readLayoutFile({ version: 1, positions: { User: { x: 0, y: 0 } } }, names).notes).toEqual([]);
    expect(readLayoutFile(undefined, names)).toMatchObject({ file: { positions: {} }, notes: [] });
  });

  test.each([
    ["areas that are not a list", { areas: { a1: area } }, /areas are not a list/],
    ["an area without a name", { areas: [{ ...area, name: "" }] }, /area #1 is not one Schemaflow can read/],
    ["two areas with one id", { areas: [area, { ...area, name: "Again" }] }, /two areas with the id "a1"/],
    ["an unknown key", { colours: {} }, /"colours" is not Schemaflow's/],
    ["a view whose hidden list is not a list", { views: [{ ...view, hidden: "Post" }] }, null],
  ])("%s: ignored with a note, the rest kept", (_, content, note) => {
    const { file, notes } = readLayoutFile({ version: 1, positions: { User: { x: 0, y: 0 } }, ...content }, names);
    expect(file.positions).toEqual({ User: { x: 0, y: 0 } });
    if (note) expect(notes).toEqual([expect.stringMatching(note)]);
    else expect(file.board.views.v1.hidden).toEqual([]);
  });

  test("areas and views over deleted tables are repaired, or removed when nothing is left, each with a note", () => {
    const { file, notes } = readLayoutFile(
      {
        areas: [
          { ...area, tables: ["User", "Gone"] },
          { ...area, id: "a2", name: "Empty", tables: ["Gone"] },
        ],
        views: [
          { ...view, tables: ["Post", "Gone"], hidden: ["Gone"] },
          { ...view, id: "v2", name: "Stale", tables: ["Gone"] },
        ],
      },
      names,
    );
    expect(file.board.areas).toEqual({ a1: { ...area, tables: ["User"] } });
    expect(Object.keys(file.board.views)).toEqual([WHOLE_SCHEMA, "v1"]);
    expect(file.board.views.v1).toMatchObject({ tables: ["Post"], hidden: [] });
    expect(notes).toEqual([
      'Area "Content" named "Gone", no longer in the schema: left out.',
      'Area "Empty" named "Gone", no longer in the schema: left out.',
      'Area "Empty" has no table left in the schema: it was removed.',
      'View "Posts" named "Gone", no longer in the schema: left out.',
      'View "Stale" named "Gone", no longer in the schema: left out.',
      'View "Stale" has no table left in the schema: it was removed.',
    ]);
  });

  test("a file that is not an object is said; positions of tables no longer in the schema are dropped quietly", () => {
    expect(readLayoutFile([1, 2], names).notes).toEqual([expect.stringMatching(/not a JSON object/)]);
    expect(readLayoutFile({ positions: { Gone: { x: 0, y: 0 } } }, names)).toMatchObject({ file: { positions: {} }, notes: [] });
  });

  test("printed sorted and rounded, without areas or views when there are none", () => {
    const text = printLayoutFile({
      positions: { b: { x: 1.4, y: 2.6 }, a: { x: 0, y: 0 } },
      board: { areas: {}, views: { [WHOLE_SCHEMA]: { id: WHOLE_SCHEMA, name: "Whole schema", hidden: [] } } },
    });
    expect(JSON.parse(text)).toEqual({ version: 1, positions: { a: { x: 0, y: 0 }, b: { x: 1, y: 3 } } });
    expect(Object.keys(JSON.parse(text).positions)).toEqual(["a", "b"]);
  });
});
