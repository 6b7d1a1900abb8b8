import pg from "pg";
import { unreachable } from "../../../project/postgres";

/**
 * The grid's connections to a PostgreSQL server: one small pool per DATABASE_URL, kept
 * between requests (a page of rows should not pay for a new connection and its login).
 * Values are read as the grid shows them: 64-bit integers whole (BigInt), timestamps
 * without a time zone as UTC (as Prisma writes them), dates as written.
 */

const INT8 = 20;
const DATE = 1082;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;
const timestamptz = pg.types.getTypeParser(TIMESTAMPTZ);

const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8) return (text: string) => BigInt(text);
    if (oid === TIMESTAMP) return (text: string) => timestamptz(`${text}+00`);
    if (oid === DATE) return (text: string) => text;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

const pools = new Map<string, pg.Pool>();

function poolFor(url: string): pg.Pool {
  let pool = pools.get(url);
  if (!pool) {
    pool = new pg.Pool({
      connectionString: url,
      max: 4,
      idleTimeoutMillis: 10_000,
      connectionTimeoutMillis: 10_000,
      allowExitOnIdle: true,
      options: "-c TimeZone=UTC",
      types,
    });
    // An idle connection the server closed (a restart, a dropped database) is replaced at the next checkout.
    pool.on("error", () => {});
    pools.set(url, pool);
  }
  return pool;
}

/** A connection from the pool, or a sentence saying which server could not be reached and why. */
export async function checkout(url: string): Promise<pg.PoolClient> {
  try {
    return await poolFor(url).connect();
  } catch (error) {
    throw unreachable(url, error);
  }
}
