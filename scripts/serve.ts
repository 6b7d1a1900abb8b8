// npm start (and npm run app after its build): `next start`, listening on 127.0.0.1 unless
// HOST says otherwise. Any other address is an explicit opt-in: it prints a warning and
// requires a token on every request (generated here, or SCHEMAFLOW_TOKEN), printed in the
// URL the way Jupyter does it; the browser then keeps it in an HttpOnly cookie.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { DEFAULT_BIND_HOST, isLoopback } from "../lib/boundary/exposure";

const host = process.env.HOST || DEFAULT_BIND_HOST;
const port = process.env.PORT || "3000";
const exposed = !isLoopback(host);
const token = process.env.SCHEMAFLOW_TOKEN || (exposed ? randomBytes(24).toString("base64url") : undefined);

/** Addresses another machine can use to reach a server that listens on every interface. */
function reachableAddresses(): string[] {
  if (host !== "0.0.0.0" && host !== "::") return [host.includes(":") ? `[${host}]` : host];
  const addresses = Object.values(os.networkInterfaces())
    .flat()
    .filter((address) => address && !address.internal && address.family === "IPv4")
    .map((address) => address!.address);
  return addresses.length ? addresses : [os.hostname()];
}

if (exposed) {
  console.warn(
    `warning: HOST=${host}: Schemaflow listens beyond this machine. Anyone who has the token can change the ` +
      "schema, run migrations and read every row; share it as you would a password.",
  );
}
if (token) {
  const names = exposed ? reachableAddresses() : ["127.0.0.1"];
  for (const name of names) console.log(`  Open: http://${name}:${port}/?token=${token}`);
}

const next = createRequire(path.join(process.cwd(), "package.json")).resolve("next/dist/bin/next");
const child = spawn(process.execPath, [next, "start", "-H", host, "-p", port], {
  stdio: "inherit",
  env: { ...process.env, SCHEMAFLOW_BIND_HOST: host, ...(token ? { SCHEMAFLOW_TOKEN: token } : {}) },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
