import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { expectedRuns } from "../support/expected-runs.ts";
import { missingRuns } from "../support/required-skips.ts";
import { repoRoot } from "../support/test-env.ts";

// A real, small vitest run with the reporter: a folder inside the repository (so `vitest` resolves)
// holding a config with the projects the case names, each with one file of one passing test.
const scratch = await mkdtemp(join(repoRoot, ".required-runs-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function vitestRun(
  name: string,
  projects: string[],
  expected: Record<string, number>,
  testBody = "expect(1).toBe(1)",
) {
  const dir = await mkdtemp(join(scratch, `${name}-`));
  for (const project of projects)
    await writeFile(
      join(dir, `${project}.e2e.test.ts`),
      `import { expect, it } from "vitest";\nit("works", () => { ${testBody}; });\n`,
    );
  const reporter = join(repoRoot, "test/support/required-skips-reporter.ts");
  const list = projects.map(
    (project) =>
      `{ test: { name: ${JSON.stringify(project)}, include: [${JSON.stringify(`${project}.e2e.test.ts`)}] } }`,
  );
  await writeFile(
    join(dir, "vitest.config.ts"),
    [
      `import { defineConfig } from "vitest/config";`,
      `import { RequiredSkipsReporter } from ${JSON.stringify(reporter)};`,
      "export default defineConfig({ test: {",
      `  reporters: ["default", new RequiredSkipsReporter(true, () => (${JSON.stringify(expected)}))],`,
      `  projects: [${list.join(", ")}],`,
      "} });",
    ].join("\n"),
  );
  const vitest = join(repoRoot, "node_modules/vitest/vitest.mjs");
  const run = spawnSync(process.execPath, [vitest, "run", "--root", dir], {
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: run.status, output: `${run.stdout}\n${run.stderr}` };
}

describe("a tier that vanishes is not green (STACKCTL_REQUIRE_E2E=1)", () => {
  it("fails a full run in which an expected project never ran, naming it", async () => {
    const run = await vitestRun("vanished", ["e2e-ministack"], { "e2e-ministack": 1, "e2e-localstack": 1 });
    expect(run.code, run.output).toBe(1);
    expect(run.output).toContain("e2e-localstack: did not run at all (expected 1 files)");
    expect(run.output).not.toContain("e2e-ministack:");
  }, 60_000);

  it("passes when every expected project ran its files", async () => {
    const run = await vitestRun("complete", ["e2e-ministack", "e2e-localstack"], {
      "e2e-ministack": 1,
      "e2e-localstack": 1,
    });
    expect(run.code, run.output).toBe(0);
  }, 60_000);

  it("fails a project that ran fewer files than expected", () => {
    expect(missingRuns({ docker: 3 }, new Map([["docker", 2]]))).toEqual(["docker: ran 2 of 3 files"]);
  });

  it("counts the repository's own files: LocalStack runs the managed path on top of every e2e file", () => {
    const expected = expectedRuns(repoRoot);
    expect(expected.docker).toBeGreaterThan(0);
    expect(expected["e2e-ministack"]).toBeGreaterThan(10);
    expect(expected["e2e-localstack"]).toBeGreaterThan(expected["e2e-ministack"] ?? 0);
  });
});
