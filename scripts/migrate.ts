// npm run migrate -- <command>: Alembic's workflow on the command line, through the same
// lib code as the Migrate panel. Non-interactive; exit 0 on success, 1 on any refusal.
import type { Rehearsal } from "../lib/migrate/data-loss";
import { describeLoss } from "../lib/migrate/data-loss";
import { detectDrift, reconcileDrift } from "../lib/migrate/drift";
import { readHistory } from "../lib/migrate/history";
import { applyRevision, applyUnapplied, planRevision, resetDatabase, type ApplyResult } from "../lib/migrate/revision";
import { rollbackLast } from "../lib/migrate/rollback";
import { databaseProject } from "../lib/project/database-project";
import { withoutPassword } from "../lib/project/postgres";
import { option, runCommand } from "./cli";

const USAGE = `usage: npm run migrate -- status                      where the database is, what is pending
       npm run migrate -- history                     every revision and its state
       npm run migrate -- new --name <name>           write the next revision, do not apply it
       npm run migrate -- up                          apply every unapplied revision
       npm run migrate -- down                        roll back the last applied revision
       npm run migrate -- reset --force               delete the database and apply every revision
       npm run migrate -- reconcile [--name <name>]   keep changes made to the database by hand: record them
                                                      as a revision marked applied (nothing runs)
       npm run migrate -- --name <name>               new + up, as the Migrate button does
       npm run migrate -- --preview                   print the next revision's summary and SQL
Add --accept-data-loss to new, up, down or --name to go ahead when the rehearsal loses data.
A revision the database refuses is recorded as failed (the database is unchanged); the next
--name after a fix replaces it with a fresh revision, and up tries it again.`;

/** A rehearsal's refusal as the error the command exits with. */
function refusal(rehearsal: Rehearsal): Error {
  if (!rehearsal.ok) {
    return new Error(
      `nothing was applied: it fails on a copy of the database.\n${rehearsal.error}` +
        (rehearsal.statement ? `\nstatement: ${rehearsal.statement}` : "") +
        (rehearsal.duplicates?.length
          ? `\nduplicates: ${rehearsal.duplicates.map((d) => `${d.values} (${d.count}x)`).join("; ")}`
          : ""),
    );
  }
  return new Error(
    `nothing was applied: it loses data (rehearsed on a copy):\n- ${rehearsal.losses.map(describeLoss).join("\n- ")}\nRun again with --accept-data-loss to go ahead.`,
  );
}

/** A revision the database refused, as the error the command exits with. */
function failure(result: { revision: string; error: string; applied: string[] }): Error {
  return new Error(
    `${result.applied.length ? `applied ${result.applied.join(", ")}, then ` : ""}${result.error}\n` +
      `${result.revision} is recorded as failed. Fix the schema (or the database) and run --name again: ` +
      "the failed revision is then marked rolled back, moved to prisma/rolled-back/, and a fresh one applied.",
  );
}

function report(result: ApplyResult, written: boolean): void {
  if (result.status === "rehearsal-failed" || result.status === "needs-data-loss-consent") throw refusal(result.plan.rehearsal);
  if (result.status === "failed") throw failure(result);
  if (result.status !== "changed-since-preview" && result.rolledBack.length)
    console.log(`Marked ${result.rolledBack.join(", ")} rolled back (failed; moved to prisma/rolled-back/).`);
  if (result.status === "applied") {
    console.log(
      written
        ? `Wrote ${result.revision} (not applied: run up).`
        : `Applied ${result.applied.join(", ")}. The database is up to date.`,
    );
  } else if (result.status === "up-to-date") {
    console.log(
      result.applied.length
        ? `No new revision needed; applied ${result.applied.join(", ")}.`
        : "The database is up to date: nothing to migrate.",
    );
  }
}

void runCommand(async () => {
  const args = process.argv.slice(2);
  const acceptDataLoss = args.includes("--accept-data-loss");
  const command = args[0]?.startsWith("--") ? undefined : args[0];
  if (args.includes("--help")) return console.log(USAGE);
  // Every command runs on SQLite and PostgreSQL alike.
  const project = await databaseProject();
  const name = option(args, "--name");

  if (args.includes("--preview")) {
    const plan = await planRevision(project);
    console.log(plan.hasChanges ? `${plan.summary}\n\n${plan.sql}` : "No changes: the schema matches the migrations.");
    return;
  }
  switch (command) {
    case "status": {
      const [history, plan] = await Promise.all([readHistory(project), planRevision(project)]);
      const head = history.find((h) => h.head);
      console.log(`database: ${project.databasePath || withoutPassword(project.databaseUrl)}`);
      console.log(`head: ${head ? head.name : "(no revision applied)"}`);
      const pending = history.filter((h) => h.state === "pending");
      console.log(`pending: ${pending.length ? pending.map((h) => h.name).join(", ") : "none"}`);
      for (const h of history.filter((e) => e.state === "edited" || e.state === "failed" || e.state === "missing")) {
        console.log(`warning: ${h.name} is ${h.state}${h.error ? `: ${h.error}` : ""}`);
      }
      console.log(
        plan.hasChanges ? "schema: changed since the last revision (run new or --name)" : "schema: matches the revisions",
      );
      const drift = await detectDrift(project);
      console.log(
        drift.drifted
          ? `drift: the database was changed outside the migrations:\n${drift.summary}\n` +
              "(keep the changes as a revision with: npm run migrate -- reconcile; or recreate the database with: npm run migrate -- reset --force)"
          : "drift: none",
      );
      return;
    }
    case "history": {
      const history = await readHistory(project);
      if (!history.length) return console.log("No revisions yet.");
      for (const h of history) {
        console.log(`${h.head ? "*" : " "} ${h.name}  ${h.state}${h.appliedAt ? `  ${h.appliedAt}` : ""}`);
        if (h.error) console.log(`    ${h.error}`);
      }
      return;
    }
    case "new": {
      if (!name || !/[A-Za-z0-9]/.test(name))
        throw new Error('a revision needs a name: npm run migrate -- new --name "add posts"');
      return report(await applyRevision(project, { name, acceptDataLoss, writeOnly: true }), true);
    }
    case "up": {
      const result = await applyUnapplied(project, { acceptDataLoss });
      if (result.status === "failed")
        throw new Error(
          `${result.applied.length ? `applied ${result.applied.join(", ")}, then ` : ""}${result.error}\n` +
            `${result.revision} is recorded as failed; fix it and run up again.`,
        );
      if (result.status !== "applied") throw refusal(result.rehearsal);
      return console.log(
        result.applied.length ? `Applied ${result.applied.join(", ")}.` : "The database is up to date: nothing to apply.",
      );
    }
    case "down": {
      const result = await rollbackLast(project, { acceptDataLoss });
      if (result.status === "nothing-to-roll-back") return console.log("No applied revision to roll back.");
      if (result.status !== "rolled-back") throw refusal(result.rehearsal);
      return console.log(`Rolled back ${result.revision}; prisma/schema.prisma is as it was before it.`);
    }
    case "reset": {
      if (!args.includes("--force")) throw new Error("reset deletes the database and its rows: run it with --force");
      const applied = await resetDatabase(project);
      return console.log(`Recreated ${project.databasePath}${applied.length ? ` with ${applied.join(", ")}` : ""}.`);
    }
    case "reconcile": {
      const result = await reconcileDrift(project, { name });
      if (result.rolledBack.length) console.log(`Marked ${result.rolledBack.join(", ")} rolled back (failed; it never applied).`);
      return console.log(
        `Recorded the database's changes as ${result.revision}, marked applied (nothing was run on the database):\n` +
          `${result.summary}\nThe next revision proposes whatever prisma/schema.prisma asks.`,
      );
    }
    case undefined: {
      if (!name || !/[A-Za-z0-9]/.test(name)) throw new Error('a revision needs a name: npm run migrate -- --name "add posts"');
      return report(await applyRevision(project, { name, acceptDataLoss }), false);
    }
    default:
      throw new Error(USAGE);
  }
});
