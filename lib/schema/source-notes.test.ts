import { expect, test } from "vitest";
import { compileSchema } from "./compile";
import { schemaGraphSchema } from "./graph";
import * as operations from "./operations";
import { parseSchemaFile } from "./parse-file";
import { formatSchema, readDatamodel } from "./prisma-wasm";
import { readSourceNotes } from "./source-notes";

/**
 * prisma-ast 0.15 reads ASCII names only; Prisma reads names in any alphabet. A schema
 * whose names have accents keeps its comments all the same.
 */
const accented = `// Un café, sus dueños y sus géneros
generator clïent {
  provider = "prisma-client"
  output   = "./generated"
}

datasource db {
  provider = "sqlite"
}

// Los cafés del barrio: "año" is in a comment, zzu0 too
/// Documentación del café
model Café {
  id      Int    @id @default(autoincrement()) // la clave
  // el año de apertura
  año     Int    @default(2024)
  género  Género @default(MÁS) // el género
  naïve_x String @default("año: ñandú") @map("naïve")
  dueño   Dueño  @relation(fields: [dueñoId], references: [id], onDelete: Cascade)
  dueñoId Int
  viejo   String @ignore // ignorado
  Ωmega   Unsupported("ωmega")?

  // antes del índice
  @@index([año, género])
  @@map("cafés")
  // al final
}

// El dueño
model Dueño {
  id    Int    @id
  cafés Café[]
}

// Géneros
enum Género {
  MÁS // más
  // menos, con comentario
  menos @map("menos_ñ")
}
`;

test("a schema with accented model, field and enum names keeps every comment", () => {
  const notes = readSourceNotes(accented);
  expect(notes.unsupported).toEqual([]);
  expect(notes.order).toEqual(["Café", "Dueño", "Género"]);
  expect(notes.header).toEqual(["// Un café, sus dueños y sus géneros"]);
  const café = notes.blocks.get("Café")!;
  expect(café.leading).toEqual(['// Los cafés del barrio: "año" is in a comment, zzu0 too']);
  expect(café.members.get("id")).toEqual({ trailing: "// la clave" });
  expect(café.members.get("año")).toEqual({ leading: ["// el año de apertura"] });
  expect(café.members.get("género")).toEqual({ trailing: "// el género" });
  expect(café.beforeAttributes).toEqual(["// antes del índice"]);
  expect(café.end).toEqual(["// al final"]);
  expect(café.verbatim.map((v) => [v.name, v.text, v.type, v.after])).toEqual([
    ["viejo", "viejo String @ignore", "String", "dueñoId"],
    ["Ωmega", 'Ωmega Unsupported("ωmega")?', 'Unsupported("ωmega")?', "dueñoId"],
  ]);
  expect(notes.blocks.get("Género")!.members.get("menos")).toEqual({ leading: ["// menos, con comentario"] });

  const graph = parseSchemaFile(accented);
  expect(graph.readOnly).toBeUndefined();
  expect(schemaGraphSchema.parse(graph)).toEqual(graph);
  const result = compileSchema(graph);
  expect(result.ok && result.text).toBe(formatSchema(accented));
  expect(result.ok && readDatamodel(result.text)).toEqual(readDatamodel(accented));

  // Edited, it still keeps them.
  const renamed = operations.renameField(graph, "field:Café.año", "añoDeApertura");
  const edited = compileSchema(renamed);
  expect(edited.ok && edited.text).toContain("  // el año de apertura\n  añoDeApertura ");
  expect(edited.ok && edited.text).toContain("@@index([añoDeApertura, género])");
});

test("names that are not ASCII stand-ins' lookalikes: a stand-in never meets the file's own text", () => {
  // The text already holds what a stand-in would look like; names must come back as written.
  const text = `datasource db {
  provider = "sqlite"
}

// zzu0 zzuu0 zzuuu0
model zzu0 {
  id  Int @id
  é   Int // e acute
  zzuu0 Int // ascii
}
`;
  const notes = readSourceNotes(text);
  expect(notes.unsupported).toEqual([]);
  expect(notes.order).toEqual(["zzu0"]);
  expect([...notes.blocks.get("zzu0")!.members.keys()]).toEqual(["id", "é", "zzuu0"]);
  expect(notes.blocks.get("zzu0")!.members.get("é")).toEqual({ trailing: "// e acute" });
  const result = compileSchema(parseSchemaFile(text));
  expect(result.ok && result.text).toBe(formatSchema(text));
});
