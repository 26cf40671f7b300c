import type { Reporter, TestModule, TestSpecification, Vitest } from "vitest/node";
import { type CollectedTest, requiredButSkipped } from "./required-skips.ts";

/**
 * Fails the run (exit code 1) when STACKCTL_REQUIRE_E2E=1 and a docker or e2e test was skipped or
 * left todo, naming each one: vitest itself counts skips as success. Listed in vitest.config.ts
 * next to the default reporter; a `--reporter` on the command line replaces both.
 */
export class RequiredSkipsReporter implements Reporter {
  readonly #requireE2e: boolean;
  #namePattern = false;
  readonly #lineFiltered = new Set<string>();

  constructor(requireE2e: boolean) {
    this.#requireE2e = requireE2e;
  }

  onInit(vitest: Vitest): void {
    this.#namePattern = vitest.config.testNamePattern !== undefined;
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
