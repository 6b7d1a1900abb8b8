import { expect, test } from "vitest";
import { compileSchema } from "./compile";
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
