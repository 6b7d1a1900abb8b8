import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, describe, expect, inject, test } from "vitest";
import { readRows } from "../../../data/rows";
import { seedTutorial } from "../../../data/seed";
import { databaseUrl } from "./adapter";
import { projectAt, type Project } from "../../../project/project";
import { pgQuery, testDatabases } from "../../../testing/pg-database";
import { PASSWORD_ROLE } from "../../../testing/pg-server";
import { removeProject, tempProject } from "../../../testing/temp-project";
import { tutorialSchema } from "../../../testing/tutorial-schema";
import { detectDrift, reconcileDrift } from "../../drift";
import { readHistory } from "../../history";
import { lockfileContent } from "../../migrations-dir";
import { applyRevision, applyUnapplied, diagnoseHistory, planRevision } from "../../revision";
import { rollbackLast } from "../../rollback";

/**
 * Migrate on a PostgreSQL project, as the Migrate button and `npm run migrate` run it: the
 * real engine diffing through a shadow database, the rehearsal on the server, the revision
 * written with a PostgreSQL lock file and applied, in step with Prisma's own reading.
 */
const server = inject("postgresUrl");
const SCHEMA = tutorialSchema().replace('provider = "sqlite"', 'provider = "postgresql"');
const ROOT = path.resolve(import.meta.dirname, "../../../..");
const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");

describe.skipIf(!server)("Migrate on PostgreSQL", () => {
  const scratch = testDatabases(server);
  const made: Project[] = [];
  afterEach(() => made.splice(0).forEach(removeProject));
  afterAll(() => scratch.dropAll());

  async function pgProject(): Promise<Project> {
    const project = projectAt(tempProject(SCHEMA).root, await scratch.fresh());
    made.push(project);
    return project;
  }

  test("revisions planned, rehearsed, written for PostgreSQL and applied (a dropped column asks first), listed, rolled back; drift found and kept", async () => {
    const project = await pgProject();
    const plan = await planRevision(project);
    expect(plan).toMatchObject({ hasChanges: true, rehearsal: { ok: true, losses: [] } });
    expect(plan.sql).toContain(`CREATE TABLE "user_account"`);
    expect(plan.summary).toMatch(/Added tables/);

    const applied = await applyRevision(project, { name: "init", expectedSql: plan.sql });
    expect(applied).toMatchObject({ status: "applied", applied: [expect.stringMatching(/_init$/)] });
    expect(fs.readFileSync(path.join(project.migrationsDir, "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');
    expect(await diagnoseHistory(project)).toMatchObject({ failedMigrationNames: [], editedMigrationNames: [], history: null });

    await pgQuery(
      project.databaseUrl,
      "INSERT INTO user_account (name, fullname) VALUES ('spongebob', 'Spongebob Squarepants'), ('sandy', 'Sandy Cheeks')",
    );
    fs.writeFileSync(project.schemaPath, SCHEMA.replace(/\n\s+fullname\s+String\?/, ""));
    const drop = await planRevision(project);
    expect(drop.rehearsal).toEqual({
      ok: true,
      losses: [{ kind: "column-dropped", table: "user_account", column: "fullname", rows: 2 }],
    });
    expect(await applyRevision(project, { name: "drop fullname" })).toMatchObject({ status: "needs-data-loss-consent" });
    expect(await pgQuery(project.databaseUrl, "SELECT count(fullname)::int AS n FROM user_account")).toEqual([{ n: 2 }]);
    expect(await applyRevision(project, { name: "drop fullname", acceptDataLoss: true })).toMatchObject({ status: "applied" });
    expect(
      await pgQuery(
        project.databaseUrl,
        "SELECT count(*)::int AS n FROM information_schema.columns WHERE column_name = 'fullname'",
      ),
    ).toEqual([{ n: 0 }]);
    expect((await planRevision(project)).hasChanges).toBe(false);

    // The history, and the way back: down.sql restores the column (empty) and the schema file.
    expect((await readHistory(project)).map((e) => [e.state, e.head, e.reversible])).toEqual([
      ["applied", false, true],
      ["applied", true, true],
    ]);
    expect(await rollbackLast(project)).toMatchObject({
      status: "rolled-back",
      revision: expect.stringMatching(/_drop_fullname$/),
    });
    expect(fs.readFileSync(project.schemaPath, "utf8")).toMatch(/fullname\s+String\?/);
    expect(
      await pgQuery(
        project.databaseUrl,
        "SELECT count(*)::int AS n FROM information_schema.columns WHERE column_name = 'fullname'",
      ),
    ).toEqual([{ n: 1 }]);

    // A table made by hand is drift; kept as a revision marked applied, it is drift no more.
    expect(await detectDrift(project)).toEqual({ drifted: false, summary: "" });
    await pgQuery(project.databaseUrl, 'CREATE TABLE "handmade" ("id" INTEGER PRIMARY KEY)');
    expect(await detectDrift(project)).toMatchObject({ drifted: true, summary: expect.stringContaining("handmade") });
    expect(await reconcileDrift(project, { name: "keep handmade" })).toMatchObject({
      sql: expect.stringContaining('CREATE TABLE "public"."handmade"'),
    });
    expect(await detectDrift(project)).toEqual({ drifted: false, summary: "" });
    expect(await diagnoseHistory(project)).toMatchObject({ failedMigrationNames: [], editedMigrationNames: [] });
  });

  test("a schema moved from SQLite: its SQLite revisions are set aside, and PostgreSQL's history starts with a clean first revision", async () => {
    const project = await pgProject();
    const sqliteRevision = path.join(project.migrationsDir, "20260101000000_init");
    fs.mkdirSync(sqliteRevision, { recursive: true });
    fs.writeFileSync(
      path.join(sqliteRevision, "migration.sql"),
      'CREATE TABLE "user_account" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT);',
    );
    fs.writeFileSync(path.join(project.migrationsDir, "migration_lock.toml"), 'provider = "sqlite"\n');

    const plan = await planRevision(project);
    expect(plan).toMatchObject({ hasChanges: true, foreign: { provider: "sqlite", revisions: 1 } });
    expect(plan.sql).toContain('CREATE TABLE "user_account"');
    expect(plan.summary).toContain(
      "The schema moved from sqlite to postgresql: the 1 revision(s) written for sqlite cannot run here",
    );
    expect(await applyRevision(project, { name: "init postgresql" })).toMatchObject({ status: "applied" });
    expect(fs.readdirSync(`${project.migrationsDir}-sqlite`)).toEqual(["20260101000000_init", "migration_lock.toml"]);
    expect(fs.readdirSync(project.migrationsDir)).toEqual([expect.stringMatching(/_init_postgresql$/), "migration_lock.toml"]);
    expect(fs.readFileSync(path.join(project.migrationsDir, "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');
    expect((await planRevision(project)).hasChanges).toBe(false);
  });

  test("a server that cannot be reached, a missing database and a refused password are each named in one sentence, the password never shown, and nothing is written", async () => {
    const project = { ...(await pgProject()), databaseUrl: "postgresql://me:secret@127.0.0.1:1/app" };
    for (const work of [() => planRevision(project), () => seedTutorial(project), () => readHistory(project)]) {
      const failure = work();
      await expect(failure).rejects.toThrow("The PostgreSQL server 127.0.0.1:1/app could not be reached");
      await expect(failure).rejects.not.toThrow("secret");
    }
    expect(fs.existsSync(project.migrationsDir)).toBe(false);

    // A database the server does not have, in the app's Migrate, the grid and the CLI's words alike.
    const missing = { ...project, databaseUrl: databaseUrl(server, "no_such_database") };
    for (const work of [() => planRevision(missing), () => readRows(missing, undefined, { table: "user_account", limit: 5 })]) {
      await expect(work()).rejects.toThrow(/could not be reached \(database "no_such_database" does not exist\)/);
    }
    expect(fs.existsSync(project.migrationsDir)).toBe(false);

    // A password the server refuses: said as the server says it, the password never shown.
    await pgQuery(server, `DROP ROLE IF EXISTS ${PASSWORD_ROLE}`);
    await pgQuery(server, `CREATE ROLE ${PASSWORD_ROLE} LOGIN PASSWORD 'right'`);
    const url = new URL((await pgProject()).databaseUrl);
    Object.assign(url, { username: PASSWORD_ROLE, password: "wrong-secret" });
    const refused = { ...project, databaseUrl: url.toString() };
    for (const work of [() => planRevision(refused), () => readRows(refused, undefined, { table: "user_account", limit: 5 })]) {
      const failure = work();
      await expect(failure).rejects.toThrow(
        `refused the login (password authentication failed for user "${PASSWORD_ROLE}"): check the user and password in DATABASE_URL.`,
      );
      await expect(failure).rejects.not.toThrow("wrong-secret");
    }
    expect(fs.existsSync(project.migrationsDir)).toBe(false);
  });

  test("npm run migrate and npm run seed, as the README types them, with DATABASE_URL naming the server", async () => {
    const project = await pgProject();
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [TSX, path.join(ROOT, "scripts", "migrate.ts"), ...args], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, SCHEMAFLOW_PROJECT: project.root, DATABASE_URL: project.databaseUrl },
      });
    expect(run("--preview").stdout).toMatch(/CREATE TABLE "address"/);
    expect(run("--name", "init").stdout).toMatch(/\d{14}_init/);
    expect(
      await pgQuery(project.databaseUrl, "SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL"),
    ).toEqual([{ n: 1 }]);
    const seed = spawnSync(process.execPath, [TSX, path.join(ROOT, "scripts", "seed.ts")], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, SCHEMAFLOW_PROJECT: project.root, DATABASE_URL: project.databaseUrl },
    });
    expect(seed.stdout).toContain("Seeded 3 users and 3 addresses.");
    expect(await seedTutorial(project)).toEqual({ insertedUsers: 0, insertedAddresses: 0, skippedUsers: 3 });
    expect(await pgQuery(project.databaseUrl, "SELECT count(*)::int AS n FROM address")).toEqual([{ n: 3 }]);
    const status = run("status");
    expect(status.stdout).toMatch(
      /database: postgresql:\/\/schemaflow@127\.0\.0\.1:\d+\/test_\w+\nhead: \d{14}_init\npending: none/,
    );
    expect(status.stdout).toContain("drift: none");
    await pgQuery(project.databaseUrl, "CREATE TABLE stray (id int)");
    const reset = run("reset", "--force");
    expect(reset.stdout).toMatch(/\d{14}_init/);
    expect(await pgQuery(project.databaseUrl, "SELECT count(*)::int AS n FROM address")).toEqual([{ n: 0 }]);
    const tables = await pgQuery<{ name: string }>(
      project.databaseUrl,
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
    );
    expect(tables.map((t) => t.name)).toEqual(["_prisma_migrations", "address", "user_account"]);
  });

  test('a schema whose provider is written "postgres" (Prisma\'s alias) migrates as PostgreSQL', async () => {
    const project = projectAt(
      tempProject(SCHEMA.replace('provider = "postgresql"', 'provider = "postgres"')).root,
      await scratch.fresh(),
    );
    made.push(project);
    expect(await applyRevision(project, { name: "init" })).toMatchObject({ status: "applied" });
    expect(fs.readFileSync(path.join(project.migrationsDir, "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');
    expect(await pgQuery(project.databaseUrl, "SELECT count(*)::int AS n FROM user_account")).toEqual([{ n: 0 }]);
  });

  test("a revision that fails on the shadow database is reported, naming it; nothing is written or applied", async () => {
    const project = await pgProject();
    const broken = path.join(project.migrationsDir, "20240101000000_broken");
    fs.mkdirSync(broken, { recursive: true });
    fs.writeFileSync(path.join(project.migrationsDir, "migration_lock.toml"), lockfileContent("postgresql"));
    fs.writeFileSync(path.join(broken, "migration.sql"), 'CREATE TABLE "broken" ("id" INTEGER,);\n');
    const shadowFailure =
      /^Revision 20240101000000_broken does not replay on an empty database \(Migrate replays every revision on a shadow database to plan the next one\): ERROR: syntax error at or near "\)"\. Fix its migration\.sql, or roll it back, then Migrate again\.$/;
    await expect(planRevision(project)).rejects.toThrow(shadowFailure);
    await expect(applyRevision(project, { name: "next" })).rejects.toThrow(shadowFailure);
    expect(fs.readdirSync(project.migrationsDir).sort()).toEqual(["20240101000000_broken", "migration_lock.toml"]);
    expect(await pgQuery(project.databaseUrl, "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")).toEqual([
      { n: 0 },
    ]);
  });

  test("five `npm run migrate -- up` at once: the revision applies once, and none of them fails", async () => {
    const project = await pgProject();
    const plan = await planRevision(project);
    const revision = path.join(project.migrationsDir, "20260101000000_init");
    fs.mkdirSync(revision, { recursive: true });
    fs.writeFileSync(path.join(revision, "migration.sql"), plan.sql);
    fs.writeFileSync(path.join(project.migrationsDir, "migration_lock.toml"), lockfileContent("postgresql"));
    const up = () =>
      new Promise<{ status: number | null; output: string }>((resolve) => {
        const child = spawn(process.execPath, [TSX, path.join(ROOT, "scripts", "migrate.ts"), "up"], {
          cwd: ROOT,
          env: { ...process.env, SCHEMAFLOW_PROJECT: project.root, DATABASE_URL: project.databaseUrl },
        });
        let output = "";
        child.stdout.on("data", (chunk) => (output += chunk));
        child.stderr.on("data", (chunk) => (output += chunk));
        child.on("close", (status) => resolve({ status, output }));
      });
    const runs = await Promise.all(Array.from({ length: 5 }, up));
    expect(runs.map((r) => r.status)).toEqual([0, 0, 0, 0, 0]);
    expect(runs.filter((r) => r.output.includes("20260101000000_init"))).toHaveLength(1);
    expect(
      await pgQuery(project.databaseUrl, "SELECT migration_name, finished_at IS NOT NULL AS finished FROM _prisma_migrations"),
    ).toEqual([{ migration_name: "20260101000000_init", finished: true }]);
  });

  test("an enum value added and made the default in one revision applies (the value is committed first), as does a hand-written CREATE INDEX CONCURRENTLY, and the plan says so", async () => {
    const roles = `datasource db {\n  provider = "postgresql"\n}\n\nenum Role {\n  ADMIN\n}\n\nmodel Member {\n  id   Int  @id\n  role Role @default(ADMIN)\n}\n`;
    const project = projectAt(tempProject(roles).root, await scratch.fresh());
    made.push(project);
    expect(await applyRevision(project, { name: "init" })).toMatchObject({ status: "applied" });
    await pgQuery(project.databaseUrl, `INSERT INTO "Member" (id) VALUES (1)`);

    fs.writeFileSync(
      project.schemaPath,
      roles.replace("  ADMIN\n", "  ADMIN\n  MEMBER\n").replace("@default(ADMIN)", "@default(MEMBER)"),
    );
    const plan = await planRevision(project);
    expect(plan.rehearsal).toEqual({ ok: true, losses: [] });
    expect(plan.summary).toContain("New enum values are added first and committed on their own");
    expect(await applyRevision(project, { name: "member by default" })).toMatchObject({ status: "applied" });
    await pgQuery(project.databaseUrl, `INSERT INTO "Member" (id) VALUES (2)`);
    expect(await pgQuery(project.databaseUrl, `SELECT role::text FROM "Member" ORDER BY id`)).toEqual([
      { role: "ADMIN" },
      { role: "MEMBER" },
    ]);

    const concurrently = path.join(project.migrationsDir, "20990101000000_index");
    fs.mkdirSync(concurrently);
    fs.writeFileSync(
      path.join(concurrently, "migration.sql"),
      `-- CreateIndex\nCREATE INDEX CONCURRENTLY "Member_role_idx" ON "Member"("role");\n`,
    );
    expect(await applyUnapplied(project)).toMatchObject({ status: "applied", applied: ["20990101000000_index"] });
    expect(
      await pgQuery(project.databaseUrl, `SELECT indexname FROM pg_indexes WHERE indexname = 'Member_role_idx'`),
    ).toHaveLength(1);
    expect(await diagnoseHistory(project)).toMatchObject({ failedMigrationNames: [] });
  });
});
