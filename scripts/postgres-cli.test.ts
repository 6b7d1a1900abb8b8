import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { pgQuery } from "../lib/testing/pg-database";
import { postgresInstalled } from "../lib/testing/pg-server";

const ROOT = path.resolve(import.meta.dirname, "..");
const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");

test.skipIf(!postgresInstalled())(
  "npm run postgres: a throwaway server with an empty database, its URLs printed, gone with its data on Ctrl+C",
  async () => {
    const child = spawn(process.execPath, [TSX, path.join(ROOT, "scripts", "postgres.ts")], { cwd: ROOT });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    try {
      for (let waited = 0; !/npm test\n/.test(out) && waited < 30_000; waited += 100)
        await new Promise((resolve) => setTimeout(resolve, 100));
      const url = /DATABASE_URL=(\S+) npm run app/.exec(out)?.[1];
      expect(url, out).toMatch(/^postgresql:\/\/schemaflow@127\.0\.0\.1:\d+\/schemaflow$/);
      expect(out).toMatch(/SCHEMAFLOW_TEST_POSTGRES_URL=postgresql:\/\/schemaflow@127\.0\.0\.1:\d+\/postgres npm test/);
      const [{ database }] = await pgQuery<{ database: string }>(url!, "SELECT current_database() AS database");
      expect(database).toBe("schemaflow");
      expect(await pgQuery(url!, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).toEqual([]);
      const clusters = () => new Set(fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith("schemaflow-pg-")));
      const before = clusters();
      child.kill("SIGINT");
      expect(await exited).toBe(0);
      expect(out).toContain("Stopped; its data is deleted.");
      await expect(pgQuery(url!, "SELECT 1")).rejects.toThrow();
      // Its cluster's folder is gone; those of other servers (the test run's own) are not.
      expect([...before].filter((name) => !clusters().has(name))).toHaveLength(1);
    } finally {
      child.kill("SIGKILL");
    }
  },
  60_000,
);
