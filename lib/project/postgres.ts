import type pg from "pg";

/** The PostgreSQL server DATABASE_URL names cannot be reached (down, wrong port, refused login). */
export class PostgresUnreachable extends Error {}

/** host:port/database of a URL, never its password: what a message may show. */
export function describeServer(url: string): string {
  const parsed = URL.parse(url);
  // A socket URL the WHATWG parser refuses (postgresql://me@/app?host=/run/postgresql): its path.
  if (!parsed) {
    const host = /[?&]host=([^&]*)/.exec(url)?.[1] ?? "localhost";
    return `${decodeURIComponent(host)}:5432${/^[^/]*\/\/[^/]*(\/[^?]*)/.exec(url)?.[1] ?? ""}`;
  }
  const host = parsed.hostname || parsed.searchParams.get("host") || "localhost";
  return `${host}:${parsed.port || "5432"}${parsed.pathname}`;
}

/** A server's URL as it may be printed: its password hidden. */
export function withoutPassword(url: string): string {
  const parsed = URL.parse(url);
  if (!parsed) return url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

/** A connected client, or a sentence saying which server could not be reached and why. */
export async function connectPostgres(url: string): Promise<pg.Client> {
  // Loaded on first use: a command on SQLite never pays for the driver (~80 ms to load).
  const { default: driver } = await import("pg");
  const client = new driver.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // A connection the server ends (a restart, a killed backend) fails the query in flight, which
  // says so; the client's own 'error' event, unheard, would end the process.
  client.on("error", () => {});
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => {});
    throw unreachable(url, error);
  }
}

/** The sentence for a server that refused or failed a connection: which server, and why. */
export function unreachable(url: string, error: unknown): PostgresUnreachable {
  const reason = (error as Error).message || (error as Error).name;
  // Class 28, invalid authorization: the server answered, and refused this user or password.
  if (/^28/.test((error as { code?: string }).code ?? "")) {
    return new PostgresUnreachable(
      `The PostgreSQL server ${describeServer(url)} refused the login (${reason}): check the user and password in DATABASE_URL.`,
    );
  }
  return new PostgresUnreachable(
    `The PostgreSQL server ${describeServer(url)} could not be reached (${reason}): check DATABASE_URL and that the server is running.`,
  );
}
