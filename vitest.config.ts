import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

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
          include: [
            "engine/test/**/*.test.ts",
            "runtime/test/**/*.test.ts",
            "designer/test/**/*.test.ts",
          ],
          exclude: ["runtime/test/e2e/**"],
          // vitest's default is one worker fewer than the cores (one, here); these tests wait on
          // databases, child processes and sockets more than they compute, so two share 2 cores
          maxWorkers: 2,
        },
      },
      e2e("e2e", "pglite", 1),
      // the browser tests on the PostgreSQL server too when DATABASE_URL is set, like the unit
      // tests: after the PGlite run, not mixed into it, so the two never write one screenshot at once
      ...(process.env.DATABASE_URL ? [e2e("e2e-pg", "postgres", 2)] : []),
    ],
  },
});

/**
 * Headless Chromium on the built app (built first when missing or stale), its server on
 * `database` (read by useAppServer), in run group `group`: after the unit tests, a group of its
 * own as vitest wants for a different maxWorkers.
 */
function e2e(
  name: string,
  database: "pglite" | "postgres",
  group: number,
): TestProjectInlineConfiguration {
  return {
    extends: true,
    test: {
      name,
      include: ["runtime/test/e2e/**/*.test.ts"],
      globalSetup: ["runtime/test/e2e/support/build-app.ts"],
      env: { LOOM_E2E_DATABASE: database },
      testTimeout: 180_000,
      hookTimeout: 180_000,
      // each file starts a server and a browser: two at a time is what 2 cores carry
      maxWorkers: 2,
      sequence: { groupOrder: group },
    },
  };
}
