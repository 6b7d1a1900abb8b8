/**
 * Prisma's implicit names, so that the graph stores a name only where the schema chose one
 * (printing an implicit name would add noise that `prisma format` keeps forever).
 */

/** The name Prisma gives a relation that has none: the two model names, sorted, joined by "To". */
export function defaultRelationName(a: string, b: string): string {
  return [a, b].sort().join("To");
}

const MAX_LENGTH_LINE = /^\s*@maxLength\((\d+)\)\s*$/;

/** Splits a documentation comment into its prose and the app's `@maxLength(n)` constraint. */
export function splitDocumentation(documentation: string | undefined): { documentation?: string; maxLength?: number } {
  if (!documentation) return {};
  let maxLength: number | undefined;
  const prose = documentation.split("\n").filter((line) => {
    const match = MAX_LENGTH_LINE.exec(line);
    if (match) maxLength = Number(match[1]);
    return !match;
  });
  const text = prose.join("\n");
  return { ...(text.trim() ? { documentation: text } : {}), ...(maxLength ? { maxLength } : {}) };
}

/** The documentation comment lines a field is printed with. */
export function documentationLines(documentation: string | undefined, maxLength?: number): string[] {
  const lines = documentation ? documentation.split("\n") : [];
  if (maxLength) lines.push(`@maxLength(${maxLength})`);
  return lines;
}
