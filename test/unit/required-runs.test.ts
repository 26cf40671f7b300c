import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { profileIndependentFiles, runsUnder } from "../support/e2e-once.ts";
import { ciProfiles, expectedRuns } from "../support/expected-runs.ts";
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

describe("files that run under one emulator profile only (test/support/e2e-once.ts)", () => {
  it("names e2e files that exist, each under a profile CI runs", () => {
    for (const [file, profile] of Object.entries(profileIndependentFiles)) {
      expect(existsSync(join(repoRoot, file)), file).toBe(true);
      expect(file.endsWith(".e2e.test.ts"), file).toBe(true);
      expect(ciProfiles as readonly string[], file).toContain(profile);
    }
  });

  it("runs each under its profile alone, unless that profile is not selected", () => {
    const both = ["ministack", "localstack"];
    for (const [file, profile] of Object.entries(profileIndependentFiles)) {
      const other = profile === "ministack" ? "localstack" : "ministack";
      expect(runsUnder(file, profile, both)).toBe(true);
      expect(runsUnder(file, other, both)).toBe(false);
      expect(runsUnder(file, other, [other])).toBe(true);
    }
    expect(runsUnder("cli/test/switch.e2e.test.ts", "ministack", both)).toBe(true);
    expect(runsUnder("cli/test/switch.e2e.test.ts", "localstack", both)).toBe(true);
  });

  it("the config's projects list exactly the files expectedRuns counts for each profile", () => {
    const vitest = join(repoRoot, "node_modules/vitest/vitest.mjs");
    const run = spawnSync(process.execPath, [vitest, "list", "--filesOnly", "--json"], {
      cwd: repoRoot,
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, STACKCTL_TEST_EMULATORS: "ministack,localstack", STACKCTL_TEST_SKIP_UNIT: "" },
    });
    expect(run.status, run.stderr).toBe(0);
    const listed = JSON.parse(run.stdout) as { file: string; projectName: string }[];
    const byProject = (name: string) =>
      listed
        .filter((entry) => entry.projectName === name)
        .map((entry) => relative(repoRoot, entry.file).split(sep).join("/"))
        // Not this file's own scratch runs above (`.required-runs-*`), which expectedRuns skips too.
        .filter((file) => !file.split("/").some((part) => part.startsWith(".")));
    const expected = expectedRuns(repoRoot);
    for (const profile of ciProfiles) {
      const files = byProject(`e2e-${profile}`);
      expect(files.length, profile).toBe(expected[`e2e-${profile}`]);
      for (const [file, only] of Object.entries(profileIndependentFiles))
        expect(files.includes(file), `${file} under ${profile}`).toBe(only === profile);
    }
    expect(byProject("docker").length).toBe(expected.docker);
  }, 60_000);
});
