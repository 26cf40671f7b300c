import { defineConfig } from "vitest/config";

// Tiers: unit/service tests run everywhere and fast; docker and e2e tiers need a Docker
// engine and an AWS emulator (see scripts/test-env/) and skip loudly without them,
// unless STACKCTL_REQUIRE_E2E=1 turns that skip into a failure.
const slowTiers = ["**/*.e2e.test.ts", "**/*.docker.test.ts"];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["service/test/**/*.test.ts", "cli/test/**/*.test.ts", "test/**/*.test.ts"],
          exclude: [...slowTiers, "**/node_modules/**"],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: slowTiers,
          exclude: ["**/node_modules/**"],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
