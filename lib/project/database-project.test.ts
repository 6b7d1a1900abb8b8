import fs from "node:fs";
import { afterEach, expect, test } from "vitest";
import { removeProject, tempProject } from "../testing/temp-project";
import { databaseProject, DatabaseUnavailable } from "./database-project";
import { projectAt, type Project } from "./project";

const made: Project[] = [];
afterEach(() => made.splice(0).forEach(removeProject));

test("DATABASE_URL may name a SQLite file or a PostgreSQL server; anything else is refused with both forms shown", () => {
  expect(projectAt("/srv/app", "postgresql://me@localhost:5432/app")).toMatchObject({
    databaseUrl: "postgresql://me@localhost:5432/app",
    databasePath: "",
  });
  expect(projectAt("/srv/app", "postgres://me@localhost/app").databasePath).toBe("");
  expect(projectAt("/srv/app", "postgresql://me@/app?host=/var/run/postgresql").databasePath).toBe("");
  expect(projectAt("/srv/app", "file:./prisma/dev.db").databasePath).toBe("/srv/app/prisma/dev.db");
  expect(() => projectAt("/srv/app", "mysql://me@localhost/app")).toThrow(
    /file:\.\/prisma\/dev\.db or a PostgreSQL URL such as postgresql:\/\//,
  );
  // A URL that does not parse, or names no server, is said so; a password in it is never shown.
  for (const bad of ["postgresql://me:s3cret@localhost:port/app", "postgresql:///app", "mysql://me:s3cret@localhost/app"]) {
    expect(() => projectAt("/srv/app", bad)).toThrow(/DATABASE_URL must be/);
    expect(() => projectAt("/srv/app", bad)).not.toThrow(/s3cret/);
  }
});

test("database work goes ahead on SQLite and PostgreSQL alike; a provider and URL that disagree get a sentence", async () => {
  const project = tempProject();
  made.push(project);
  await expect(databaseProject(project)).resolves.toBe(project);

  const onServer = { ...project, databaseUrl: "postgresql://me@localhost/app", databasePath: "" };
  await expect(databaseProject(onServer)).rejects.toThrow(DatabaseUnavailable);
  await expect(databaseProject(onServer)).rejects.toThrow(
    /DATABASE_URL names a PostgreSQL server, but the schema's provider is "sqlite"/,
  );

  fs.writeFileSync(
    project.schemaPath,
    fs.readFileSync(project.schemaPath, "utf8").replace('provider = "sqlite"', 'provider = "postgresql"'),
  );
  await expect(databaseProject(project)).rejects.toThrow(/This schema is for PostgreSQL: set DATABASE_URL to its server/);
  await expect(databaseProject(onServer)).resolves.toBe(onServer);
});
