import { describe, expect, it } from "vitest";
import { type CollectedTest, mustRun, requiredButSkipped } from "../support/required-skips.ts";

const test = (overrides: Partial<CollectedTest>): CollectedTest => ({
  project: "e2e-localstack",
  file: "cli/test/lambda-behaviour.e2e.test.ts",
  name: "lambda mode > behaviour > reports health",
  state: "passed",
  mode: "run",
  filtered: false,
  ...overrides,
});

describe("requiredButSkipped (in CI a skipped e2e test is a failure)", () => {
  it("names the project, file and test of every skipped docker or e2e test under STACKCTL_REQUIRE_E2E=1", () => {
    const skipped = [
      test({ state: "skipped", mode: "skip" }),
      test({
        project: "e2e-ministack",
        file: "test/e2e/harness.e2e.test.ts",
        name: "a > b",
        state: "skipped",
      }),
      test({
        project: "docker",
        file: "test/x.docker.test.ts",
        name: "builds",
        state: "skipped",
        mode: "skip",
      }),
    ];
    expect(requiredButSkipped([test({}), ...skipped], true)).toEqual([
      "e2e-localstack  cli/test/lambda-behaviour.e2e.test.ts > lambda mode > behaviour > reports health (skipped)",
      "e2e-ministack  test/e2e/harness.e2e.test.ts > a > b (skipped)",
      "docker  test/x.docker.test.ts > builds (skipped)",
    ]);
  });

  it("counts a todo as not run", () => {
    expect(requiredButSkipped([test({ state: "skipped", mode: "todo", name: "later" })], true)).toEqual([
      "e2e-localstack  cli/test/lambda-behaviour.e2e.test.ts > later (todo)",
    ]);
  });

  it("counts a test that skipped itself at run time (ctx.skip) like a declared skip", () => {
    expect(requiredButSkipped([test({ state: "skipped", mode: "run" })], true)).toHaveLength(1);
  });

  it("leaves passed and failed tests to vitest", () => {
    expect(requiredButSkipped([test({}), test({ state: "failed" })], true)).toEqual([]);
  });

  it("does not apply without STACKCTL_REQUIRE_E2E=1 (a developer's machine skips loudly instead)", () => {
    expect(requiredButSkipped([test({ state: "skipped", mode: "skip" })], false)).toEqual([]);
  });

  it("does not apply to the unit project", () => {
    expect(requiredButSkipped([test({ project: "unit", state: "skipped", mode: "skip" })], true)).toEqual([]);
  });

  it("does not count tests the caller filtered out (-t, file:line)", () => {
    expect(requiredButSkipped([test({ state: "skipped", mode: "skip", filtered: true })], true)).toEqual([]);
  });
});

describe("mustRun", () => {
  it("is the docker project and every e2e-<profile> project", () => {
    expect(["unit", "docker", "e2e-ministack", "e2e-localstack", "e2e"].map(mustRun)).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
  });
});
