import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { datasourceProvider, datasourceSchemaNames } from "./datasource-provider";
import { readConfig } from "./prisma-wasm";

const CORPUS = path.resolve(import.meta.dirname, "../../../shared/corpus");

test("the provider is read as Prisma reads it, on every schema of the corpus", () => {
  const files = ["prisma", "postgresql"].flatMap((folder) =>
    fs
      .readdirSync(path.join(CORPUS, folder))
      .filter((f) => f.endsWith(".prisma"))
      .map((f) => path.join(CORPUS, folder, f)),
  );
  expect(files.length).toBeGreaterThan(50);
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    expect(datasourceProvider(text), file).toBe(readConfig(text).datasources[0]?.provider);
    expect(datasourceSchemaNames(text).sort(), file).toEqual(readConfig(text).datasources[0]?.schemas ?? []);
  }
});

test("comments, strings and other blocks' provider keys are not the datasource's provider", () => {
  const schema = (datasource: string) => `// provider = "mysql"
generator client {
  provider = "prisma-client-js" // not the datasource
}

model Account {
  provider String // a column named provider
}

${datasource}
`;
  expect(
    datasourceProvider(schema(`datasource db {\n  // provider = "mysql"\n  provider = "postgresql" // was "sqlite"\n}`)),
  ).toBe("postgresql");
  expect(datasourceProvider(schema(`datasource db {\n  url = "postgresql://a//b"\n  provider = "sqlite"\n}`))).toBe("sqlite");
  expect(datasourceProvider(schema(`// datasource db {\n//  provider = "sqlite"\n// }`))).toBeUndefined();
  expect(datasourceProvider(schema(`datasource db {\n}`))).toBeUndefined();
});

test("a multi-schema datasource's schemas are read in the file's order, as Prisma reads them", () => {
  const text = `datasource db {\n  provider = "postgresql"\n  schemas  = ["public", "auth"] // two\n}\n\nmodel A {\n  id Int @id\n\n  @@schema("auth")\n}\n`;
  expect(datasourceSchemaNames(text)).toEqual(["public", "auth"]);
  expect([...datasourceSchemaNames(text)].sort()).toEqual(readConfig(text).datasources[0].schemas);
});
