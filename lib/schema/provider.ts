import { z } from "zod";

/**
 * The databases a schema can be designed for, and Prisma's names for them. `postgres` is an
 * alias Prisma accepts for `postgresql`: a schema keeps the one it was written with, and
 * everything that depends on the database asks `dialectOf`.
 */
export const DIALECTS = ["sqlite", "postgresql"] as const;
export type Dialect = (typeof DIALECTS)[number];

export const providerSchema = z.enum(["sqlite", "postgresql", "postgres"]);
export type Provider = z.infer<typeof providerSchema>;

export function isProvider(provider: string): provider is Provider {
  return providerSchema.safeParse(provider).success;
}

export function dialectOf(provider: Provider): Dialect {
  return provider === "postgres" ? "postgresql" : provider;
}
