// npm run postgres: a throwaway PostgreSQL server for development, as `npm test` starts one for
// its tests (lib/testing/pg-server: Debian's PostgreSQL 15, a cluster in a temporary folder, on
// loopback only, as the postgres user when run as root). It prints the URLs to use, holds an
// empty database `schemaflow`, and is stopped and deleted on Ctrl+C.
import { databaseUrl } from "../lib/migrate/dialects/postgresql/adapter";
import { pgQuery } from "../lib/testing/pg-database";
import { postgresInstalled, startTestPostgres } from "../lib/testing/pg-server";

if (!postgresInstalled()) {
  console.error("PostgreSQL 15 is not installed: apt-get install postgresql (Debian), then run this again.");
  process.exit(1);
}
const server = await startTestPostgres();
let stopped = false;
const stop = () => {
  if (stopped) return;
  stopped = true;
  server.stop();
  console.log("\nStopped; its data is deleted.");
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
try {
  await pgQuery(server.url, "CREATE DATABASE schemaflow");
} catch (error) {
  server.stop();
  throw error;
}
console.log(`A throwaway PostgreSQL server is running on loopback (Ctrl+C stops it and deletes its data).

  The app on it:        DATABASE_URL=${databaseUrl(server.url, "schemaflow")} npm run app
  The tests on it:      SCHEMAFLOW_TEST_POSTGRES_URL=${server.url} npm test
`);
// Kept alive until a signal stops it.
setInterval(() => {}, 1 << 30);
