// npm run migrate -- --name <name>: what the Migrate button does, headless.
import { describeLoss } from "../lib/migrate/data-loss";
import { applyRevision, planRevision } from "../lib/migrate/revision";
import { currentProject } from "../lib/project/project";
import { option, runCommand } from "./cli";

void runCommand(async () => {
  const args = process.argv.slice(2);
  const project = currentProject();
  if (args.includes("--help")) {
    console.log(
      "usage: npm run migrate -- --name <name> [--accept-data-loss]    write the next revision and apply it\n       npm run migrate -- --preview        print the next revision's summary and SQL",
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
  const result = await applyRevision(project, { name, acceptDataLoss: args.includes("--accept-data-loss") });
  if (result.status === "rehearsal-failed" && !result.plan.rehearsal.ok) {
    const { rehearsal } = result.plan;
    throw new Error(
      `nothing was applied: the revision fails on a copy of the database.\n${rehearsal.error}` +
        (rehearsal.statement ? `\nstatement: ${rehearsal.statement}` : "") +
        (rehearsal.duplicates?.length
          ? `\nduplicates: ${rehearsal.duplicates.map((d) => `${d.values} (${d.count}x)`).join("; ")}`
          : ""),
    );
  }
  if (result.status === "needs-data-loss-consent" && result.plan.rehearsal.ok) {
    throw new Error(
      `nothing was applied: this revision loses data (rehearsed on a copy):\n- ${result.plan.rehearsal.losses.map(describeLoss).join("\n- ")}\nRun again with --accept-data-loss to apply it anyway.`,
    );
  }
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
