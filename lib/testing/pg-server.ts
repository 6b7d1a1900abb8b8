import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * A throwaway PostgreSQL server for tests: Debian's PostgreSQL 15 (`apt-get install
 * postgresql`), a cluster initialised in a temporary folder, listening on loopback only, gone
 * when stopped. PostgreSQL refuses to run as root, so as root it runs as the postgres user.
 * Its superuser `schemaflow` may create databases (throwaway shadow databases need that), and
 * logs in without a password; the role PASSWORD_ROLE must give one, for the tests of a
 * password the server refuses (the test creates it).
 */

export const PASSWORD_ROLE = "sf_password";

const BIN = "/usr/lib/postgresql/15/bin";

export interface TestPostgres {
  /** postgresql://schemaflow@127.0.0.1:PORT/postgres */
  url: string;
  stop(): void;
}

export function postgresInstalled(): boolean {
  return fs.existsSync(path.join(BIN, "initdb")) && fs.existsSync(path.join(BIN, "pg_ctl"));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "schemaflow-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync("chown", ["postgres:postgres", root]);
  const run = (command: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ["runuser", ["-u", "postgres", "--", path.join(BIN, command), ...args]]
      : [path.join(BIN, command), args];
    const result = spawnSync(file, argv, { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
  };
  const data = path.join(root, "data");
  run("initdb", ["-D", data, "-U", "schemaflow", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
  // First match wins: this role's line goes before initdb's trust lines.
  const hba = path.join(data, "pg_hba.conf");
  fs.writeFileSync(hba, `host all ${PASSWORD_ROLE} 127.0.0.1/32 scram-sha-256\n${fs.readFileSync(hba, "utf8")}`);
  const port = await freePort();
  // fsync off: a test server's data is thrown away. 256 locks a transaction: 5,044 tables in one migration.
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${root} -c fsync=off -c max_locks_per_transaction=256`;
  run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(root, "server.log"), "-w", "start"]);
  return {
    url: `postgresql://schemaflow@127.0.0.1:${port}/postgres`,
    stop() {
      run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
