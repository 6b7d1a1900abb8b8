// npm run seed: what the Seed button does, headless.
import { seedTutorial } from "../lib/data/seed";
import { currentProject } from "../lib/project/project";
import { runCommand } from "./cli";

void runCommand(async () => {
  const result = await seedTutorial(currentProject());
  console.log(
    result.insertedUsers
      ? `Seeded ${result.insertedUsers} users and ${result.insertedAddresses} addresses.`
      : `Already seeded: the ${result.skippedUsers} sample users are in user_account.`,
  );
});
