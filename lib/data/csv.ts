/**
 * Text that a spreadsheet would run as a formula: cells beginning with =, +, -, @, a tab or
 * a carriage return (OWASP's CSV injection list). Numbers are numbers; only text is at risk.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** What the export's note says, beside its button. */
export const CSV_FORMULA_NOTE =
  "Text cells that begin with =, +, -, @, a tab or a carriage return are written with a leading ' so that a spreadsheet shows them instead of running them as formulas.";

function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One CSV line (RFC 4180): a field with a comma, quote or line break is quoted, quotes
 * doubled; NULL is empty; formula-like text is defused (see FORMULA_START).
 */
export function toCsvLine(values: readonly unknown[]): string {
  return values.map(csvField).join(",");
}
