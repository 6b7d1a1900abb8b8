// npm run seed: what the Seed button does, headless (the tutorial's three users).
// npm run seed -- --rows N [--seed S]: sample data for every table of the current schema,
// through the same code as the app's Generate sample data.
import type { SampleProgress } from "../lib/data/sample";
import { MAX_SAMPLE_ROWS } from "../lib/data/sample/types";
import { seedTutorial } from "../lib/data/seed";
import { databaseProject } from "../lib/project/database-project";
import { runCommand } from "./cli";

const USAGE =
  "usage: npm run seed [-- --rows N [--seed S]]   (N from 1 to 1,000,000 rows per table; S a whole number, 1 if not given)";

/** A mistake in the command line: exit code 2, as usage errors go. */
function usageError(message: string): never {
  console.error(`error: ${message}\n${USAGE}`);
  process.exit(2);
}

function parseArguments(args: string[]): { rows: number; seed: number } | undefined {
  const given: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const match = /^--(rows|seed)(?:=(.*))?$/.exec(args[i]);
    if (!match) usageError(`unknown argument "${args[i]}"`);
    const [, flag, inline] = match;
    const value = inline ?? args[++i];
    if (value === undefined || value === "") usageError(`--${flag} needs a value`);
    if (flag in given) usageError(`--${flag} is given twice`);
    given[flag] = value;
  }
  if (given.rows === undefined) {
    if (given.seed !== undefined) usageError("--seed goes with --rows N");
    return undefined;
  }
  const rows = Number(given.rows);
  if (!/^\d+$/.test(given.rows) || rows < 1 || rows > MAX_SAMPLE_ROWS) {
    usageError(`--rows takes a whole number from 1 to 1,000,000, not "${given.rows}"`);
  }
  const seedText = given.seed ?? "1";
  const seed = Number(seedText);
  if (!/^-?\d+$/.test(seedText) || !Number.isSafeInteger(seed)) usageError(`--seed takes a whole number, not "${seedText}"`);
  return { rows, seed };
}

const sample = parseArguments(process.argv.slice(2));

void runCommand(async () => {
  const project = await databaseProject();
  if (!sample) {
    const result = await seedTutorial(project);
    console.log(
      result.insertedUsers
        ? `Seeded ${result.insertedUsers} users and ${result.insertedAddresses} addresses.`
        : `Already seeded: the ${result.skippedUsers} sample users are in user_account.`,
    );
    return;
  }
  const live = process.stderr.isTTY;
  const onProgress = ({ table, done, total }: SampleProgress) => {
    if (done === total) process.stderr.write(`${live ? "\r\x1b[K" : ""}${table}: ${done.toLocaleString("en-US")} rows\n`);
    else if (live)
      process.stderr.write(`\r\x1b[K${table}: ${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} rows`);
  };
  // Loaded for --rows only: the tutorial's seed does not pay for the sample data's code.
  const { generateSampleData } = await import("../lib/data/sample");
  const result = await generateSampleData(project, { ...sample, onProgress });
  const width = Math.max(...result.tables.map((t) => t.table.length));
  console.log(
    `Generated ${result.rows.toLocaleString("en-US")} rows in ${result.tables.length} tables (seed ${sample.seed}) in ${Math.round(result.ms)} ms:`,
  );
  for (const table of result.tables) {
    console.log(
      `  ${table.table.padEnd(width)}  ${String(table.inserted).padStart(7)}${table.short ? `  (${table.short})` : ""}`,
    );
  }
});
