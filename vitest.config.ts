import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "components/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The engine tests share one process-wide WebAssembly instance and run one file at a time.
    fileParallelism: false,
    // A throwaway PostgreSQL server for the PostgreSQL tests (lib/testing/pg-server).
    globalSetup: ["lib/testing/pg-global-setup.ts"],
  },
});
