import type { Reporter, TestModule, TestSpecification, Vitest } from "vitest/node";
import { type CollectedTest, type ExpectedRuns, missingRuns, requiredButSkipped } from "./required-skips.ts";

/**
 * Fails the run (exit code 1) when STACKCTL_REQUIRE_E2E=1 and a docker or e2e test was skipped or
 * left todo, naming each one: vitest itself counts skips as success. In a full run (no file, project
 * or name filter) it also fails when a required project ran fewer files than `expected` says, or not
 * at all (a tier that vanishes is not green). Listed in vitest.config.ts next to the default
 * reporter; a `--reporter` on the command line replaces both.
 */
export class RequiredSkipsReporter implements Reporter {
  readonly #requireE2e: boolean;
  #namePattern = false;
  readonly #lineFiltered = new Set<string>();
  readonly #expected: () => ExpectedRuns;
  #vitest: Vitest | undefined;

  constructor(requireE2e: boolean, expected: () => ExpectedRuns = () => ({})) {
    this.#requireE2e = requireE2e;
    this.#expected = expected;
  }

  onInit(vitest: Vitest): void {
    this.#namePattern = vitest.config.testNamePattern !== undefined;
    this.#vitest = vitest;
  }

  /** A run filtered by file (`vitest run a.test.ts`, an internal field set once the run starts), project or name. */
  #isPartialRun(): boolean {
    const vitest = this.#vitest;
    if (vitest === undefined) return true;
    const files = (vitest as unknown as { filenamePattern?: string[] }).filenamePattern ?? [];
    return this.#namePattern || files.length > 0 || (vitest.config.project ?? []).length > 0;
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    this.#lineFiltered.clear();
    for (const spec of specifications)
      if ((spec.testLines?.length ?? 0) > 0) this.#lineFiltered.add(spec.moduleId);
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const tests = testModules.flatMap((module) =>
      [...module.children.allTests()].map(
        (test): CollectedTest => ({
          project: module.project.name,
          file: module.relativeModuleId,
          name: test.fullName,
          state: test.result().state,
          mode: test.options.mode,
          filtered: this.#namePattern || this.#lineFiltered.has(module.moduleId),
        }),
      ),
    );
    const failures = requiredButSkipped(tests, this.#requireE2e);
    if (this.#requireE2e && !this.#isPartialRun() && this.#lineFiltered.size === 0) {
      const ran = new Map<string, number>();
      for (const module of testModules) {
        const anyRan = [...module.children.allTests()].some((test) => test.result().state !== "skipped");
        if (anyRan) ran.set(module.project.name, (ran.get(module.project.name) ?? 0) + 1);
      }
      failures.push(...missingRuns(this.#expected(), ran));
    }
    if (failures.length === 0) return;
    console.error(
      [
        "",
        `*** STACKCTL_REQUIRE_E2E=1: ${failures.length} docker/e2e test(s) did not run, and in CI a skipped e2e test is a failure ***`,
        ...failures.map((line) => `  ${line}`),
        "",
      ].join("\n"),
    );
    process.exitCode = 1;
  }
}
