// The Alembic peer as a process: the shared tutorial (../shared/peers/alembic/run.sh, SQLite) or
// its PostgreSQL mode (bench/alembic-postgresql.sh), timed by the script itself.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
export const ALEMBIC_PEER = path.resolve(ROOT, "..", "shared", "peers", "alembic", "run.sh");

export interface AlembicRun {
  autogenerate: number;
  upgrade: number;
  seed: number;
}

/** One run of the peer on the tutorial's or the scaled models, on SQLite or (given its URL) PostgreSQL. */
export function runAlembic(kind: "tutorial" | "scaled", models: number, postgresUrl?: string): AlembicRun {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "alembic-"));
  try {
    const args = postgresUrl
      ? [
          path.join(ROOT, "bench", "alembic-postgresql.sh"),
          kind,
          path.join(work, "a"),
          postgresUrl.replace(/^postgresql:/, "postgresql+psycopg2:"),
        ]
      : [ALEMBIC_PEER, kind, path.join(work, "a")];
    const result = spawnSync("bash", args, { encoding: "utf8", env: { ...process.env, N: String(models) } });
    if (result.status !== 0) throw new Error(result.stderr);
    const figures = Object.fromEntries([...result.stdout.matchAll(/(\w+)_ms=(\d+)/g)].map((m) => [m[1], Number(m[2])]));
    return { autogenerate: figures.autogenerate, upgrade: figures.upgrade, seed: figures.seed };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
