/**
 * The CI rule "a skipped e2e test is a failure", as a decision over what a run collected; the
 * reporter in ./required-skips-reporter.ts feeds it and fails `npm test` (docs/testing.md).
 */
export interface CollectedTest {
  /** The vitest project, e.g. `unit`, `docker`, `e2e-localstack`. */
  project: string;
  /** Relative to the repository root. */
  file: string;
  /** With its suites, `suite > test`. */
  name: string;
  state: "passed" | "failed" | "skipped" | "pending";
  /** How it was declared: `run`, `skip`, `todo`, `only`. */
  mode: string;
  /** The run asked for only some tests (`-t`, `file:line`), so the others were skipped by the caller. */
  filtered: boolean;
}

/** The tiers that must run in CI; unit tests need nothing, so their skips are not this rule's. */
export function mustRun(project: string): boolean {
  return project === "docker" || project.startsWith("e2e-");
}

/** One line per test that CI must count as failed: skipped or todo in a docker or e2e project. */
export function requiredButSkipped(tests: readonly CollectedTest[], requireE2e: boolean): string[] {
  if (!requireE2e) return [];
  return tests
    .filter((test) => mustRun(test.project) && !test.filtered)
    .filter((test) => test.state === "skipped")
    .map(
      (test) => `${test.project}  ${test.file} > ${test.name} (${test.mode === "todo" ? "todo" : "skipped"})`,
    );
}

/** How many files each required project must run in a full CI run (see `expectedRuns`). */
export type ExpectedRuns = Record<string, number>;

/**
 * A tier that vanishes is not green: in a full run (no file, project or name filter) under
 * STACKCTL_REQUIRE_E2E=1, every expected project must have run at least its known number of files.
 * `ran` maps each project that ran to the number of its files that ran.
 */
export function missingRuns(expected: ExpectedRuns, ran: ReadonlyMap<string, number>): string[] {
  return Object.entries(expected).flatMap(([project, files]) => {
    const count = ran.get(project) ?? 0;
    if (count >= files) return [];
    return [
      count === 0
        ? `${project}: did not run at all (expected ${files} files); check STACKCTL_TEST_EMULATORS and the test environment`
        : `${project}: ran ${count} of ${files} files`,
    ];
  });
}
