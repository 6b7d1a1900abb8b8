import { expect, test } from "vitest";
import { compileSchema } from "./compile";
import { addEnum, addModel } from "./operations";
import { parseSchemaFile } from "./parse-file";

/** What a PostgreSQL schema holds that a SQLite one cannot, each kept through a read and a write. */
const SCHEMA = `generator client {
  provider        = "prisma-client"
  output          = "./generated"
  previewFeatures = ["postgresqlExtensions"]
}

datasource db {
  provider   = "postgres"
  extensions = [pg_trgm, citext(schema: "public")]
}

enum Role {
  admin
  member
}

model Account {
  id       String   @id(map: "account_pk") @default(dbgenerated("gen_random_uuid()")) @db.Uuid
  email    String   @db.VarChar(320)
  roles    Role[]
  tags     String[]
  settings Json     @default("{\\"theme\\": \\"dark\\"}") @db.JsonB
  balance  Decimal  @db.Decimal(12, 2)
  seenAt   DateTime @db.Timestamptz(3)
  posts    Post[]

  @@index([email(ops: raw("gin_trgm_ops"))], map: "account_email_trgm", type: Gin)
  @@index([settings(ops: JsonbPathOps)], type: Gin)
  @@index([seenAt], type: Brin)
}

model Post {
  id        Int     @id @default(autoincrement())
  accountId String  @db.Uuid
  account   Account @relation(fields: [accountId], references: [id], onDelete: Cascade, map: "post_account_fk")

  @@index([accountId], type: Hash)
}
`;

test("a PostgreSQL schema reads into the graph and prints back as written", () => {
  const graph = parseSchemaFile(SCHEMA);
  const account = graph.models.find((m) => m.name === "Account")!;
  const post = graph.models.find((m) => m.name === "Post")!;
  expect(graph.datasource).toMatchObject({
    provider: "postgres",
    config: [["extensions", '[pg_trgm, citext(schema: "public")]']],
  });
  expect(account.fields.find((f) => f.name === "id")).toMatchObject({
    idDbName: "account_pk",
    nativeType: "Uuid",
    default: 'dbgenerated("gen_random_uuid()")',
  });
  expect(account.fields.find((f) => f.name === "roles")).toMatchObject({ kind: "enum", list: true });
  expect(account.indexes).toEqual([
    { fields: ["email"], dbName: "account_email_trgm", type: "Gin", ops: { email: 'raw("gin_trgm_ops")' } },
    { fields: ["settings"], type: "Gin", ops: { settings: "JsonbPathOps" } },
    { fields: ["seenAt"], type: "Brin" },
  ]);
  expect(post.fields.find((f) => f.name === "account")?.relation).toMatchObject({
    dbName: "post_account_fk",
    onDelete: "Cascade",
  });
  expect(post.indexes).toEqual([{ fields: ["accountId"], type: "Hash" }]);

  const compiled = compileSchema(graph);
  expect(compiled).toEqual({ ok: true, text: SCHEMA });
});

test("a multi-schema project: each model and enum keeps its @@schema, and a new table or enum lands in the first schema", () => {
  const multi = `datasource db {
  provider = "postgresql"
  schemas  = ["public", "auth"]
}

enum Role {
  admin
  member

  @@schema("auth")
}

model Account {
  id    Int    @id @default(autoincrement())
  email String

  @@schema("public")
}

model Session {
  id   Int  @id @default(autoincrement())
  role Role

  @@map("sessions")
  @@schema("auth")
}
`;
  const graph = parseSchemaFile(multi);
  expect(graph.models.map((m) => [m.name, m.schema])).toEqual([
    ["Account", "public"],
    ["Session", "auth"],
  ]);
  expect(graph.enums[0].schema).toBe("auth");
  expect(compileSchema(graph)).toEqual({ ok: true, text: multi });

  const { graph: withTable, model } = addModel(graph);
  const { graph: withEnum, enumId } = addEnum(withTable);
  expect(model.schema).toBe("public");
  expect(withEnum.enums.find((e) => e.id === enumId)?.schema).toBe("public");
  expect(compileSchema(withEnum)).toMatchObject({ ok: true });
});
