import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["engine/test/**/*.test.ts", "runtime/test/**/*.test.ts"],
    // PGlite starts in seconds and migrations run real DDL: generous, but a hang still fails
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    reporters: ["default"],
  },
});
