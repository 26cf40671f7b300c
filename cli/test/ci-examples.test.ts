import { existsSync } from "node:fs";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { loadTestEnvFile } from "../../test/support/test-env.ts";
import { modeNames } from "../src/engine/modes/table.ts";
import { envKeys, envOutputCommands } from "../src/report/ci/env-lines.ts";
import { runCli } from "./support/capture-io.ts";
import {
  composePin,
  examples,
  githubJob,
  readYaml,
  stackctlInvocations,
  type WorkflowStep,
} from "./support/ci-workflow.ts";

// The example pipelines of docs/ci.md: the GitHub workflow linted by actionlint (pinned, built by the
// harness: scripts/test-env/actionlint.sh), the GitLab file parsed and checked for the keys it must
// have, and every `npx stackctl …` in either checked against the CLI's commands and flags, so an
// example cannot drift from the CLI. cli/test/ci-workflow.e2e.test.ts runs the GitHub steps.
loadTestEnvFile();
const actionlint = process.env.STACKCTL_TEST_ACTIONLINT;
const required = process.env.STACKCTL_REQUIRE_E2E === "1";
const haveActionlint = actionlint !== undefined && actionlint !== "" && existsSync(actionlint);
if (!haveActionlint && !required)
  process.stderr.write(
    `*** SKIPPING actionlint of ${examples.github}: STACKCTL_TEST_ACTIONLINT is not set (npm run test-env:up builds it) ***\n`,
  );

/** A GitHub expression as the workflow writes it: `${{ <inner> }}`. */
const gh = (inner: string) => `\${{ ${inner} }}`;
const job = githubJob();
const steps = job.steps;
const runOf = (step: WorkflowStep | undefined) => step?.run ?? "";
const stepRunning = (pattern: RegExp) => steps.find((step) => pattern.test(runOf(step)));

interface GitlabJob {
  tags?: string[];
  parallel: { matrix: Record<string, string[]>[] };
  variables: Record<string, string>;
  cache: { key: { files: string[]; prefix?: string }; paths: string[] }[];
  before_script: string[];
  script: string[];
  after_script: string[];
  artifacts: { when: string; paths: string[]; reports: { dotenv: string } };
}
const gitlab = readYaml<Record<string, unknown> & { stages: string[] }>(examples.gitlab);
const gitlabJob = gitlab.integration as GitlabJob;
const gitlabScripts = () => [...gitlabJob.before_script, ...gitlabJob.script, ...gitlabJob.after_script];

/** The long flags `stackctl [command] --help` lists. */
async function knownFlags(command?: string): Promise<Set<string>> {
  const help = await runCli([...(command === undefined ? [] : [command]), "--help"], {
    env: {},
    cwd: process.cwd(),
  });
  return new Set([...`${help.stdout}${help.stderr}`.matchAll(/--[a-z][a-z-]*/g)].map((match) => match[0]));
}

describe("the GitHub Actions example", () => {
  it.skipIf(!haveActionlint && !required)("passes actionlint", async () => {
    if (!haveActionlint)
      throw new Error("STACKCTL_TEST_ACTIONLINT names no actionlint binary (STACKCTL_REQUIRE_E2E=1)");
    const lint = await execa(actionlint as string, ["-no-color", examples.github], { reject: false });
    expect(lint.exitCode, `${lint.stdout}${lint.stderr}`).toBe(0);
  });

  it("runs a matrix over every compute mode with a stack unique to the run and mode", () => {
    expect(job.strategy.matrix.mode).toEqual(modeNames());
    expect(job.strategy["fail-fast"]).toBe(false);
    expect(job.env.STACKCTL_STACK).toBe(`ci-${gh("github.run_id")}-${gh("matrix.mode")}`);
  });

  it("checks out, sets up Node with the npm cache, caches the pinned LocalStack image", () => {
    expect(steps[0]?.uses).toMatch(/^actions\/checkout@/);
    const node = steps.find((step) => step.uses?.startsWith("actions/setup-node@"));
    expect(node?.with).toMatchObject({ cache: "npm" });
    const cache = steps.find((step) => step.uses?.startsWith("actions/cache@"));
    expect(String(cache?.with?.key)).toContain("hashFiles('docker-compose.yml')");
    expect(job.env.LOCALSTACK_IMAGE).toBe(composePin());
    expect(job.env.LOCALSTACK_AUTH_TOKEN).toBe(gh("secrets.LOCALSTACK_AUTH_TOKEN"));
  });

  it("runs doctor, then up --output env into $GITHUB_OUTPUT, then the suite against its API URL", () => {
    const doctor = steps.indexOf(stepRunning(/npx stackctl doctor/) as WorkflowStep);
    const up = stepRunning(/npx stackctl up /);
    expect(runOf(up)).toMatch(/--output env >> "\$GITHUB_OUTPUT"/);
    expect(up?.id).toBe("up");
    const suite = stepRunning(/npm run test:api -- /);
    expect(suite?.env?.API_URL).toBe(gh("steps.up.outputs.STACKCTL_API_URL"));
    expect(envKeys.map(([key]) => key)).toContain("STACKCTL_API_URL");
    expect(doctor).toBeGreaterThan(0);
    expect(steps.indexOf(up as WorkflowStep)).toBeGreaterThan(doctor);
    expect(steps.indexOf(suite as WorkflowStep)).toBeGreaterThan(steps.indexOf(up as WorkflowStep));
  });

  it("keeps logs and status --json as an artifact when a step failed, and always runs down --purge last", () => {
    const diagnostics = stepRunning(/npx stackctl logs/);
    expect(runOf(diagnostics)).toContain("npx stackctl status --json");
    expect(diagnostics?.if).toContain("failure()");
    const upload = steps.find((step) => step.uses?.startsWith("actions/upload-artifact@"));
    expect(upload?.if).toBe(diagnostics?.if);
    const last = steps.at(-1);
    expect(last?.if).toBe("always()");
    expect(runOf(last)).toBe("npx stackctl down --purge");
  });
});

describe("the GitLab CI example", () => {
  it("has a stage, a mode matrix, the unique stack name and both caches", () => {
    expect(gitlab.stages).toEqual(["integration"]);
    expect(gitlabJob.parallel.matrix).toEqual([{ MODE: modeNames() }]);
    expect(gitlabJob.variables.STACKCTL_STACK).toBe(`ci-\${CI_PIPELINE_ID}-\${MODE}`);
    expect(gitlabJob.variables.LOCALSTACK_IMAGE).toBe(composePin());
    expect(gitlabJob.cache.map((cache) => cache.key.files)).toEqual([
      ["package-lock.json"],
      ["docker-compose.yml"],
    ]);
  });

  it("hands the env lines on as a dotenv report and always tears down", () => {
    expect(gitlabJob.script).toContain('npx stackctl up --mode "$MODE" --output env > stack.env');
    expect(gitlabJob.script.some((line) => line.includes('npm run test:api -- "$STACKCTL_API_URL"'))).toBe(
      true,
    );
    expect(gitlabJob.artifacts).toMatchObject({ when: "always", reports: { dotenv: "stack.env" } });
    expect(gitlabJob.after_script.at(-1)).toBe("npx stackctl down --purge");
    const diagnostics = gitlabJob.after_script.join("\n");
    expect(diagnostics).toContain("npx stackctl logs");
    expect(diagnostics).toContain("npx stackctl status --json");
  });
});

describe("every stackctl command in the examples is one the CLI accepts", () => {
  const scripts = [...steps.map(runOf), ...gitlabScripts()];
  const invocations = scripts.flatMap(stackctlInvocations);
  it("finds the commands", () => {
    expect(invocations.map((words) => words[0])).toEqual(
      expect.arrayContaining(["doctor", "up", "logs", "status", "down"]),
    );
  });
  for (const words of invocations) {
    it(`stackctl ${words.join(" ")}`, async () => {
      const [command = "", ...rest] = words;
      const flags = new Set([...(await knownFlags()), ...(await knownFlags(command))]);
      expect(flags.size, `stackctl ${command} --help lists no flags`).toBeGreaterThan(3);
      for (const flag of rest.filter((word) => word.startsWith("--")))
        expect(flags.has(flag), `${flag} of stackctl ${command}`).toBe(true);
      if (rest.includes("--output")) {
        expect(rest[rest.indexOf("--output") + 1]).toBe("env");
        expect(envOutputCommands).toContain(command);
      }
    });
  }
});
