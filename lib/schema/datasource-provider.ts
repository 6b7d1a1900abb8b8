/**
 * The provider a schema's datasource block names, read from the text without Prisma's parser.
 * Deciding which database a command works on must be cheap: through prisma-schema-wasm it
 * cost the migrate command ~360 ms of its ~650 (the wasm's parser compiled by the optimizing
 * compiler, as the CLI's flags set for the schema engine). Prisma requires the provider to be
 * a string literal, so a scan finds it: outside comments and strings, the first `datasource
 * <name> {` block, its `provider = "..."` line. A test holds it to Prisma's own reading
 * on every schema of the corpus. Undefined when there is none (Prisma's errors say why).
 */
export function datasourceProvider(text: string): string | undefined {
  const provider = datasourceSetting(text, "provider");
  return provider && /^"((?:[^"\\]|\\.)*)"$/.exec(provider)?.[1];
}

/** The database schemas the datasource names (`schemas = ["public", "auth"]`), the same way; none without. */
export function datasourceSchemaNames(text: string): string[] {
  return schemaNamesIn(datasourceSetting(text, "schemas") ?? "");
}

/** The names a `schemas` list holds, as written (`["public", "auth"]`). */
export function schemaNamesIn(list: string): string[] {
  return [...list.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
}

/** A setting's value as written on its line of the first datasource block. */
function datasourceSetting(text: string, key: string): string | undefined {
  let inDatasource = false;
  for (const raw of text.split("\n")) {
    const line = withoutComment(raw).trim();
    if (!inDatasource) {
      inDatasource = /^datasource\s+\w+\s*\{$/.test(line);
      continue;
    }
    if (line.startsWith("}")) return undefined;
    const setting = /^(\w+)\s*=\s*(.*)$/.exec(line);
    if (setting?.[1] === key) return setting[2];
  }
  return undefined;
}

/** A line without its `//` comment: a `//` inside a string (a URL) is not one. */
function withoutComment(line: string): string {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (inString && char === "\\") i++;
    else if (char === '"') inString = !inString;
    else if (!inString && char === "/" && line[i + 1] === "/") return line.slice(0, i);
  }
  return line;
}
