import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectAt, type Project } from "../project/project";
import { tutorialSchema } from "./tutorial-schema";

/** A fresh project in a temporary directory holding the shipped tutorial schema. */
export function tempProject(schemaText?: string): Project {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "schemaflow-"));
  fs.mkdirSync(path.join(root, "prisma"));
  const text = schemaText ?? tutorialSchema();
  fs.writeFileSync(path.join(root, "prisma", "schema.prisma"), text);
  return projectAt(root);
}

export function removeProject(project: Project): void {
  fs.rmSync(project.root, { recursive: true, force: true });
}
