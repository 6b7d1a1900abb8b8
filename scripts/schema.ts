// npm run schema -- import <schema.prisma | models.py | database.db | postgresql://...> --out <file.prisma>
//                  [--provider sqlite | postgresql]   a models.py typed for that database (default: DATABASE_URL's)
//                  export sql          the DDL of prisma/schema.prisma
//                  provider <sqlite | postgresql>   prisma/schema.prisma designed for that database
//                  roundtrip <file>    the file as the designer would write it
import fs from "node:fs/promises";
import { importAny, roundTrip } from "../lib/import/open-any";
import { schemaDdl } from "../lib/migrate/schema-sql";
import { writeFileAtomic } from "../lib/project/atomic-write";
import { currentProject, projectDialect } from "../lib/project/project";
import { openSchema, saveSchema } from "../lib/project/schema-store";
import { switchProvider } from "../lib/schema/switch-provider";
import { option, runCommand } from "./cli";

const USAGE = `usage: npm run schema -- import <schema.prisma | models.py | database.db | postgresql://...> --out <file.prisma> [--provider sqlite | postgresql]
       npm run schema -- export sql
       npm run schema -- provider <sqlite | postgresql>
       npm run schema -- roundtrip <file.prisma>`;

void runCommand(async () => {
  const [command, ...rest] = process.argv.slice(2);
  if (command === "import") {
    const source = rest.find((a) => !a.startsWith("--") && a !== option(rest, "--out") && a !== option(rest, "--provider"));
    const out = option(rest, "--out");
    const provider = option(rest, "--provider") ?? projectDialect(currentProject());
    if (!source || !out || (provider !== "sqlite" && provider !== "postgresql")) throw new Error(USAGE);
    const imported = await importAny(source, provider);
    for (const note of imported.notes) console.error(`note: ${note}`);
    await writeFileAtomic(out, imported.text);
    console.log(`Wrote ${out}`);
  } else if (command === "export" && rest[0] === "sql") {
    process.stdout.write(await schemaDdl(await fs.readFile(currentProject().schemaPath, "utf8")));
  } else if (command === "provider" && (rest[0] === "sqlite" || rest[0] === "postgresql")) {
    const project = currentProject();
    const switched = switchProvider((await openSchema(project)).graph, rest[0]);
    if (!switched.ok) throw new Error(`prisma/schema.prisma is unchanged: ${switched.reason}`);
    const saved = await saveSchema(project, switched.graph);
    if (!saved.ok) throw new Error(`prisma/schema.prisma is unchanged: ${saved.problems.map((p) => p.message).join("; ")}`);
    for (const note of switched.notes) console.log(`note: ${note}`);
    console.log(
      rest[0] === "postgresql"
        ? "prisma/schema.prisma is now for PostgreSQL: set DATABASE_URL=postgresql://user@host:5432/database, then npm run migrate."
        : "prisma/schema.prisma is now for SQLite: set DATABASE_URL=file:./prisma/dev.db (or leave it unset), then npm run migrate.",
    );
  } else if (command === "roundtrip" && rest[0]) {
    process.stdout.write(roundTrip(await fs.readFile(rest[0], "utf8")));
  } else {
    throw new Error(USAGE);
  }
});
