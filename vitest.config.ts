import { defineConfig } from "vitest/config";
import path from "node:path";

/** A project whose files each get a fresh database cloned from the migrated template (test/setup). */
function databaseProject(name: string, include: string[]) {
  return {
    extends: true as const,
    test: {
      name,
      include,
      environment: "node" as const,
      // web-bundle: one web build per run at most, whichever test starts the first server (test/setup/web-bundle.ts).
      globalSetup: ["test/setup/web-bundle.ts", "test/setup/global-setup.ts"],
      setupFiles: ["test/setup/setup-file.ts"],
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  };
}

// Tiers: unit tests sit beside pure code in app/; integration and contract tests
// talk to the real PostgreSQL and Redis on this machine (see test/setup).
export default defineConfig({
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  test: {
    // Two cores: two forks, each with its own database cloned from the migrated template.
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "app/**/*.test.ts",
            "app/**/*.test.tsx",
            "workers/**/*.test.ts",
            "prisma/**/*.test.ts",
            "test/matching-scenarios/**/*.test.ts",
            "test/lint/**/*.test.ts",
          ],
          environment: "node",
        },
      },
      {
        // Issue 17: the two biggest components rendered in jsdom inside a Remix stub (createRemixStub),
        // no server, no database: seconds. Kept under test/component rather than beside the components
        // because the unit project already collects app/**/*.test.tsx (in node, without a DOM).
        extends: true,
        test: {
          name: "component",
          include: ["test/component/**/*.test.tsx"],
          environment: "jsdom",
          setupFiles: ["test/setup/component-setup.ts"],
          // Seconds on a quiet machine; the first render of a file pays for the module graph, and the machine is shared.
          testTimeout: 30_000,
        },
      },
      // Both talk to the real PostgreSQL and Redis, each file on its own database cloned from the
      // migrated template; "security" holds one test per attack from the privacy review (issue 11).
      databaseProject("integration", ["test/integration/**/*.test.ts", "test/contract/**/*.test.ts"]),
      databaseProject("security", ["test/security/**/*.test.ts"]),
      {
        // Issue 16: real processes against the test's own PostgreSQL and Redis, stopped and started
        // under load (test/chaos/servers.ts); the machine's shared servers are never touched.
        extends: true,
        test: {
          name: "chaos",
          include: ["test/chaos/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/setup/web-bundle.ts", "test/e2e/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // One file at a time (the files share one server and its demo data), in a thread pool of its
          // own so that it runs beside the other projects: vitest runs a forks project marked singleFork
          // only after every other forks file has finished, which left the two cores mostly idle for the
          // e2e tail (a browser test waits on pages far more than it computes).
          pool: "threads",
          poolOptions: { threads: { singleThread: true } },
        },
      },
    ],
  },
});
