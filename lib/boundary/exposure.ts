import { isIP } from "node:net";
import os from "node:os";

/**
 * Who may reach the server. By default it listens on loopback and answers requests that
 * name it by a loopback name only. Listening elsewhere is an explicit opt-in (HOST) that
 * requires a token on every request, the way Jupyter does it.
 */
export interface Exposure {
  /** The address `next start` listens on (SCHEMAFLOW_BIND_HOST, set by npm start). */
  bindHost: string;
  /** When set, every request must carry it (cookie, `?token=` or `Authorization: Bearer`). */
  token?: string;
  /** Host names accepted besides the loopback ones (SCHEMAFLOW_ALLOWED_HOSTS, comma-separated). */
  allowedHosts: string[];
}

export const DEFAULT_BIND_HOST = "127.0.0.1";
const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "::1"]);

/** The host part of a Host header or address, lower-cased, without brackets, port or a trailing dot. */
export function hostnameOf(host: string): string {
  let name = host.trim().toLowerCase();
  if (name.startsWith("[")) {
    const end = name.indexOf("]");
    name = name.slice(1, end < 0 ? undefined : end);
  } else if (name.split(":").length === 2) {
    name = name.slice(0, name.indexOf(":")); // host:port (a bare IPv6 address has more colons)
  }
  return name.replace(/\.$/, "");
}

/** 127.0.0.0/8, ::1 and localhost: addresses no other machine can reach. */
export function isLoopback(host: string): boolean {
  const name = hostnameOf(host);
  return LOOPBACK_NAMES.has(name) || (isIP(name) === 4 && name.startsWith("127."));
}

export function exposureFromEnv(env: Record<string, string | undefined> = process.env): Exposure {
  return {
    bindHost: env.SCHEMAFLOW_BIND_HOST || DEFAULT_BIND_HOST,
    token: env.SCHEMAFLOW_TOKEN || undefined,
    allowedHosts: (env.SCHEMAFLOW_ALLOWED_HOSTS ?? "")
      .split(",")
      .map((name) => hostnameOf(name))
      .filter(Boolean),
  };
}

/**
 * Whether a request's Host names this server. A DNS-rebinding page reaches 127.0.0.1 under
 * its own domain name, so a name that is not ours is refused. An IP address cannot be
 * rebound: when the server is exposed, any address of it is accepted (as Vite does), and the machine's own name.
 */
export function isOwnHost(host: string, exposure: Exposure): boolean {
  const name = hostnameOf(host);
  if (!name) return false;
  if (LOOPBACK_NAMES.has(name) || exposure.allowedHosts.includes(name)) return true;
  if (name === hostnameOf(exposure.bindHost)) return true;
  if (isLoopback(exposure.bindHost)) return false;
  return isIP(name) !== 0 || name === os.hostname().toLowerCase();
}
