// The work scripts/launch.cjs runs once (npm run build, or the first `npm run migrate`
// after Node or the schema engine changed) so that V8 compiles the schema engine's
// functions that the migrate command calls; the launcher then saves that compiled code
// (see engineCache in launch.cjs). Every engine call the CLI makes is made here once, on a
// schema with every kind of field, in a temporary project that is deleted afterwards.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { detectDrift, reconcileDrift } from "../lib/migrate/drift";
import { readHistory } from "../lib/migrate/history";
import { applyRevision, applyUnapplied, diagnoseHistory, planRevision, resetDatabase } from "../lib/migrate/revision";
import { rollbackLast } from "../lib/migrate/rollback";
import { projectAt } from "../lib/project/project";
import { writeRenames } from "../lib/project/renames-store";
import { runCommand } from "./cli";

const SCHEMA = `
datasource db {
  provider = "sqlite"
}

enum Role {
  USER
  ADMIN
}

model User {
  id        Int       @id @default(autoincrement())
  email     String    @unique
  name      String?
  role      Role      @default(USER)
  balance   Decimal   @default(0)
  score     Float?
  visits    BigInt    @default(0)
  active    Boolean   @default(true)
  avatar    Bytes?
  settings  Json?
  createdAt DateTime  @default(now())
  updatedAt DateTime  @updatedAt
  posts     Post[]
  profile   Profile?
  manager   User?     @relation("Reports", fields: [managerId], references: [id], onDelete: SetNull)
  managerId Int?
  reports   User[]    @relation("Reports")

  @@index([name, createdAt])
  @@map("users")
}

model Profile {
  userId Int    @id
  bio    String @default("")
  user   User   @relation(fields: [userId], references: [id], onDelete: Cascade)
}

model Post {
  id       String @id @default(cuid())
  title    String @map("post_title")
  authorId Int
  author   User   @relation(fields: [authorId], references: [id])
  tags     Tag[]

  @@unique([authorId, title])
}

model Tag {
  name  String @id
  posts Post[]
}
`;

void runCommand(async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "schemaflow-engine-warmup-"));
  try {
    fs.mkdirSync(path.join(root, "prisma"));
    const project = projectAt(root);
    const write = (text: string) => fs.writeFileSync(project.schemaPath, text);
    write(SCHEMA);
    await applyRevision(project, { name: "init" });
    const db = new Database(project.databasePath);
    db.exec(`INSERT INTO users (email, updatedAt) VALUES ('a@example.com', 0); INSERT INTO Tag VALUES ('x')`);
    db.close();
    // status and history
    await Promise.all([readHistory(project), planRevision(project), detectDrift(project), diagnoseHistory(project)]);
    // A rename made on the canvas, a new column, a dropped one, a changed type.
    write(
      SCHEMA.replace("name      String?", "full_name String?")
        .replace("@@index([name,", "@@index([full_name,")
        .replace("score     Float?", "score     Int?")
        .replace('bio    String @default("")', "bio    String?\n  website String?")
        .replace("  tags     Tag[]\n", "  tags     Tag[]\n  draft    Boolean @default(false)\n"),
    );
    await writeRenames(project, [{ kind: "column", table: "users", from: "name", to: "full_name" }]);
    await applyRevision(project, { name: "change", acceptDataLoss: true });
    await rollbackLast(project, { acceptDataLoss: true });
    await applyUnapplied(project, { acceptDataLoss: true });
    // Drift: a table made by hand, kept as a revision.
    const hand = new Database(project.databasePath);
    hand.exec("CREATE TABLE audit (id INTEGER PRIMARY KEY, note TEXT)");
    hand.close();
    await detectDrift(project);
    await reconcileDrift(project, { name: "keep audit" });
    await resetDatabase(project);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
