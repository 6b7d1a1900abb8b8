import fs from "node:fs";
import path from "node:path";

/**
 * The tutorial schema as the project ships it, frozen for tests: the project's own
 * prisma/schema.prisma is the user's to change (the app rewrites it on every edit), so no
 * test reads it.
 */
export const TUTORIAL_SCHEMA_PATH = path.join(import.meta.dirname, "fixtures", "tutorial.prisma");

export function tutorialSchema(): string {
  return fs.readFileSync(TUTORIAL_SCHEMA_PATH, "utf8");
}
