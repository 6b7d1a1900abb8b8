import fs from "node:fs/promises";
import Database from "better-sqlite3";
import { isPostgresUrl, type Project } from "../project/project";
import { splitDocumentation } from "../schema/naming";
import { readDatamodel } from "../schema/prisma-wasm";
import { constraintViolations, type LengthLimits } from "./constraints";
import type { PrismaClient } from "./generated/tutorial/client";
import { connectPostgres } from "../project/postgres";

/** A user of the tutorial's app.py, with the e-mail addresses it is created with. */
export interface SampleUser {
  name: string;
  fullname: string | null;
  addresses: string[];
}

export const TUTORIAL_USERS: SampleUser[] = [
  { name: "spongebob", fullname: "Spongebob Squarepants", addresses: ["spongebob@sqlalchemy.org"] },
  { name: "sandy", fullname: "Sandy Cheeks", addresses: ["sandy@sqlalchemy.org", "sandy@squirrelpower.org"] },
  { name: "patrick", fullname: "Patrick Star", addresses: [] },
];

/** A reason the seed cannot run that the user can act on. */
export class SeedRefused extends Error {}

export interface SeedResult {
  insertedUsers: number;
  insertedAddresses: number;
  /** Users that were there already (seeding twice adds nothing). */
  skippedUsers: number;
}

/** The schema's length limits, from Prisma's datamodel alone: the seed needs no whole graph (lib/schema/parse). */
function lengthLimits(text: string): LengthLimits {
  return {
    models: readDatamodel(text).models.map((model) => ({
      name: model.name,
      dbName: model.dbName ?? undefined,
      fields: model.fields.map((field) => ({
        name: field.name,
        dbName: field.dbName ?? undefined,
        maxLength: splitDocumentation(field.documentation).maxLength,
      })),
    })),
  };
}

const TABLES = ["user_account", "address"];

function missingSqliteTables(databasePath: string): string[] {
  let database: Database.Database | undefined;
  try {
    database = new Database(databasePath, { readonly: true, fileMustExist: true });
    const present = new Set(
      (database.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name),
    );
    return TABLES.filter((table) => !present.has(table));
  } catch {
    return TABLES;
  } finally {
    database?.close();
  }
}

async function missingPostgresTables(url: string): Promise<string[]> {
  const client = await connectPostgres(url);
  try {
    const { rows } = await client.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()",
    );
    const present = new Set(rows.map((r) => r.name));
    return TABLES.filter((table) => !present.has(table));
  } finally {
    await client.end();
  }
}

/**
 * The project's database as Seed reaches it: the tables missing there, and a Prisma Client
 * made for its provider (the two generated clients have the same API).
 */
async function seedTarget(project: Project): Promise<{ missing: string[]; client: () => Promise<PrismaClient> }> {
  // Each database's client and driver are loaded when used: a seed never loads the other's.
  if (isPostgresUrl(project.databaseUrl)) {
    const url = project.databaseUrl;
    return {
      missing: await missingPostgresTables(url),
      client: async () => {
        const [{ PrismaClient: PostgresClient }, { PrismaPg }] = await Promise.all([
          import("./generated/tutorial-postgresql/client"),
          import("@prisma/adapter-pg"),
        ]);
        return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as PrismaClient;
      },
    };
  }
  return {
    missing: missingSqliteTables(project.databasePath),
    client: async () => {
      const [{ PrismaClient }, { PrismaBetterSqlite3 }] = await Promise.all([
        import("./generated/tutorial/client"),
        import("@prisma/adapter-better-sqlite3"),
      ]);
      return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${project.databasePath}` }) });
    },
  };
}

/**
 * Inserts the tutorial's users and their addresses through Prisma Client, in one
 * transaction. A user whose name is already in user_account is left alone, so seeding
 * twice does not duplicate anything.
 */
export async function seedTutorial(project: Project, users: SampleUser[] = TUTORIAL_USERS): Promise<SeedResult> {
  const { missing, client } = await seedTarget(project);
  if (missing.length) {
    throw new SeedRefused(
      `The table${missing.length > 1 ? "s" : ""} ${missing.join(" and ")} do${missing.length > 1 ? "" : "es"} not exist yet: run Migrate first.`,
    );
  }
  const limits = lengthLimits(await fs.readFile(project.schemaPath, "utf8"));
  const problems = users.flatMap((user) => [
    ...constraintViolations(limits, "user_account", { name: user.name, fullname: user.fullname }),
    ...user.addresses.flatMap((email) => constraintViolations(limits, "address", { email_address: email })),
  ]);
  if (problems.length) throw new SeedRefused(`Nothing was seeded: ${problems.join("; ")}.`);

  const prisma = await client();
  try {
    return await prisma.$transaction(async (tx) => {
      const result: SeedResult = { insertedUsers: 0, insertedAddresses: 0, skippedUsers: 0 };
      for (const user of users) {
        if (await tx.user.findFirst({ where: { name: user.name }, select: { id: true } })) {
          result.skippedUsers++;
          continue;
        }
        await tx.user.create({
          data: {
            name: user.name,
            fullname: user.fullname,
            addresses: { create: user.addresses.map((email_address) => ({ email_address })) },
          },
        });
        result.insertedUsers++;
        result.insertedAddresses += user.addresses.length;
      }
      return result;
    });
  } finally {
    await prisma.$disconnect();
  }
}
