// npm run migrate -- --name <name>: what the Migrate button does, headless.
import { applyRevision, planRevision } from "../lib/migrate/revision";
import { currentProject } from "../lib/project/project";
import { option, runCommand } from "./cli";

void runCommand(async () => {
  const args = process.argv.slice(2);
  const project = currentProject();
  if (args.includes("--help")) {
    console.log(
      "usage: npm run migrate -- --name <name>    write the next revision and apply it\n       npm run migrate -- --preview        print the next revision's summary and SQL",
    );
    return;
  }
  if (args.includes("--preview")) {
    const plan = await planRevision(project);
    console.log(plan.hasChanges ? `${plan.summary}\n\n${plan.sql}` : "No changes: the schema matches the migrations.");
    return;
  }
  const name = option(args, "--name");
  if (!name || !/[A-Za-z0-9]/.test(name)) throw new Error('a revision needs a name: npm run migrate -- --name "add posts"');
  const result = await applyRevision(project, { name });
  if (result.status === "applied") {
    console.log(`Applied ${result.applied.join(", ")}. The database ${project.databasePath} is up to date.`);
  } else if (result.status === "up-to-date") {
    console.log(
      result.applied.length
        ? `No new revision needed; applied ${result.applied.join(", ")}.`
        : "The database is up to date: nothing to migrate.",
    );
  }
});
