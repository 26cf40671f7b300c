import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// `npm run test:api -- <url>` (test/api/run.ts): only the suite against a deployed stack,
// never the repository's own tiers.
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    include: ["test/api/*.api.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
