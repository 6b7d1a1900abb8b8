// Prisma 7 reads the datasource URL from here. Schemaflow uses the same default:
// prisma/dev.db, overridden by DATABASE_URL=file:<path> (relative to the project root).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./prisma/dev.db" },
});
