import fs from "node:fs";
import { seedTutorial } from "../data/seed";
import { applyRevision } from "../migrate/revision";
import type { Project } from "../project/project";
import { tempProject } from "./temp-project";

/** A fresh project on the shipped schema, migrated ("init") and seeded with the tutorial's users; and that schema's text. */
export async function seededTutorialProject(): Promise<{ project: Project; schema: string }> {
  const project = tempProject();
  const schema = fs.readFileSync(project.schemaPath, "utf8");
  await applyRevision(project, { name: "init" });
  await seedTutorial(project);
  return { project, schema };
}
