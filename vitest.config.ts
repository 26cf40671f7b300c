import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import { excludedUnder } from "./test/support/e2e-once.ts";
import { expectedRuns } from "./test/support/expected-runs.ts";
import { RequiredSkipsReporter } from "./test/support/required-skips-reporter.ts";
import { parseTestEnvFile, testEnvFileFor } from "./test/support/test-env.ts";

// Tiers: unit/service tests run everywhere and fast; docker and e2e tiers need a Docker
// engine and an AWS emulator (see scripts/test-env/) and skip loudly without them,
// unless STACKCTL_REQUIRE_E2E=1 turns that skip into a failure. The e2e tier runs once per
// emulator profile (docs/testing.md), each run with that emulator's `.test-env.<name>`.
const e2eTests = "**/*.e2e.test.ts";
const dockerTests = "**/*.docker.test.ts";
// Starts LocalStack itself through docker compose (no --endpoint), so it runs under one profile only.
const managedTests = "test/e2e/managed/**/*.e2e.test.ts";

const emulators = (
  process.env.STACKCTL_TEST_EMULATORS ??
  parseTestEnvFile(testEnvFileFor("")).STACKCTL_TEST_EMULATORS ??
  "ministack,localstack"
)
  .split(",")
  .map((name) => name.trim())
  .filter((name) => name !== "");

// Read as the test files read it (test/support/tiers.ts): the caller's environment, else `.test-env`.
const requireE2e =
  (process.env.STACKCTL_REQUIRE_E2E ?? parseTestEnvFile(testEnvFileFor("")).STACKCTL_REQUIRE_E2E) === "1";

// STACKCTL_E2E_WORKERS=1 runs the e2e files one after the other (to read one file's output in order).
const e2eWorkers = Math.max(1, Number(process.env.STACKCTL_E2E_WORKERS ?? "2") || 1);
// The emulator tiers run at the same time (each against its own emulator, with stacks and labels of
// its own); STACKCTL_E2E_TIERS_SEQUENTIAL=1 runs one emulator's tier after the other, as before.
const tiersTogether = process.env.STACKCTL_E2E_TIERS_SEQUENTIAL !== "1";
// The e2e projects this run asked for (`--project e2e-ministack`), else all of them.
const asked = process.argv.flatMap((arg, at, argv) =>
  arg === "--project" ? [argv[at + 1] ?? ""] : arg.startsWith("--project=") ? [arg.slice(10)] : [],
);
const runningTiers =
  asked.length === 0 || asked.some((name) => name.includes("*"))
    ? emulators.length
    : emulators.filter((profile) => asked.includes(`e2e-${profile}`)).length;
// Projects that run together share one pool (vitest requires them to declare the same maxWorkers):
// STACKCTL_E2E_WORKERS files per emulator, so two tiers together run twice as many files at a time.
const poolWorkers = tiersTogether ? e2eWorkers * Math.max(1, runningTiers) : e2eWorkers;

function e2eProject(profile: string): TestProjectInlineConfiguration {
  return {
    test: {
      name: `e2e-${profile}`,
      include: [e2eTests],
      exclude: [
        "**/node_modules/**",
        ...(profile === "localstack" ? [] : [managedTests]),
        // Files whose subject is the same on every emulator run under one profile (test/support/e2e-once.ts).
        ...excludedUnder(profile, emulators),
      ],
      // The profile's file wins over a `.test-env` the caller sourced (that one names the first emulator).
      env: { ...parseTestEnvFile(testEnvFileFor(profile)), STACKCTL_TEST_PROFILE: profile },
      testTimeout: 300_000,
      hookTimeout: 600_000,
      // Several files at a time: an e2e file mostly waits on Docker and the emulator (a sequential run
      // used a third of one core), and every file works on stacks and labels of its own.
      fileParallelism: poolWorkers > 1,
      maxWorkers: poolWorkers,
      // Both emulators' tiers in one group (they run together), or one after the other.
      sequence: { groupOrder: tiersTogether ? 1 : emulators.indexOf(profile) + 1 },
    },
  };
}

// CI runs the unit project on its own first (scripts/unit-hermetic/run.sh, the same project on the
// same Node with no network); STACKCTL_TEST_SKIP_UNIT=1 leaves it out of the full run that follows, so
// it is not run twice. The required-runs check (test/support/expected-runs.ts) does not count it.
const skipUnit = process.env.STACKCTL_TEST_SKIP_UNIT === "1";

const unitProject: TestProjectInlineConfiguration = {
  test: {
    name: "unit",
    include: ["service/test/**/*.test.ts", "cli/test/**/*.test.ts", "test/**/*.test.ts"],
    exclude: [e2eTests, dockerTests, "**/node_modules/**"],
    // Refuses and fails any socket to something outside the test's process (emulators, Docker).
    setupFiles: ["test/support/outside-world-guard.ts"],
    testTimeout: 20_000,
  },
};

// The SDK prints a multi-line notice on Node < 22 (below the floor, package.json `engines`). The bin no
// longer hides it (no supported Node gets it); a test run on an older Node (this machine's own Node 20,
// docs/testing.md) would repeat it in every test process. CI runs the tests on Node 22 or newer.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

export default defineConfig({
  test: {
    // vitest counts a skip as a success; under STACKCTL_REQUIRE_E2E=1 a docker/e2e skip fails the run.
    // It also fails a full run in which a required project ran fewer files than are on disk.
    reporters: ["default", new RequiredSkipsReporter(requireE2e, () => expectedRuns(process.cwd()))],
    projects: [
      ...(skipUnit ? [] : [unitProject]),
      {
        test: {
          name: "docker",
          include: [dockerTests],
          exclude: ["**/node_modules/**"],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
      ...emulators.map(e2eProject),
    ],
  },
});
