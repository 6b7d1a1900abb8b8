/** One CSV line (RFC 4180): a field with a comma, quote or line break is quoted, quotes doubled; NULL is empty. */
export function toCsvLine(values: readonly unknown[]): string {
  return values
    .map((value) => {
      if (value === null || value === undefined) return "";
      const text = String(value);
      return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    })
    .join(",");
}
