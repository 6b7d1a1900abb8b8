import { describe, expect, test } from "vitest";
import { toCsvLine } from "./csv";

describe("CSV export defuses formulas (OWASP CSV injection); each row: what a spreadsheet would run", () => {
  test.each([
    ["a formula", '=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ["a DDE command", "+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ["arithmetic that starts with a minus", "-2+3", "'-2+3"],
    ["an @ function", "@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"],
    ["a leading tab", "\t=1+1", "'\t=1+1"],
    ["a leading carriage return", "\r=1+1", `"'\r=1+1"`],
    ["a formula with a comma, quoted as RFC 4180 asks", "=SUM(1,2)", `"'=SUM(1,2)"`],
  ])("%s", (_what, value, written) => {
    expect(toCsvLine([value])).toBe(written);
  });

  test.each([
    ["a negative number stays a number", -2, "-2"],
    ["text with an inner = is text", "a=b", "a=b"],
    ["NULL is empty", null, ""],
    ["quotes are doubled, the field quoted", 'say "hi"', '"say ""hi"""'],
  ])("%s", (_what, value, written) => {
    expect(toCsvLine([value])).toBe(written);
  });
});
