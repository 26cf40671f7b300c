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
