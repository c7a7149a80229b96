import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // PGlite starts in seconds and migrations run real DDL: generous, but a hang still fails
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    reporters: ["default"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["engine/test/**/*.test.ts", "runtime/test/**/*.test.ts"],
          exclude: ["runtime/test/e2e/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          // headless Chromium on the built app (built first when missing or stale)
          include: ["runtime/test/e2e/**/*.test.ts"],
          globalSetup: ["runtime/test/e2e/support/build-app.ts"],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // each file starts a server and a browser: two at a time is what 2 cores carry, after
          // the unit tests (a group of its own, as vitest wants for a different maxWorkers)
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
