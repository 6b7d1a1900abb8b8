/** A multi-schema PostgreSQL project: Account in public, its Sessions in auth, related across them. */
export const MULTI_SCHEMA = `datasource db {
  provider = "postgresql"
  schemas  = ["public", "auth"]
}

model Account {
  id       Int       @id @default(autoincrement())
  name     String
  sessions Session[]

  @@schema("public")
}

model Session {
  id         Int     @id @default(autoincrement())
  token      String
  account_id Int
  account    Account @relation(fields: [account_id], references: [id], onDelete: Cascade)

  @@schema("auth")
}
`;
