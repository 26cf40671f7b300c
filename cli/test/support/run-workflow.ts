import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";
import { repoPaths } from "../../src/paths.ts";
import {
  type ExpressionContext,
  githubJob,
  interpolate,
  type JobState,
  shouldRun,
  type WorkflowStep,
} from "./ci-workflow.ts";
import { binPath } from "./real-bin.ts";

/**
 * Runs the GitHub example's job (examples/ci/github-actions.yml) the way a runner would, against the
 * test harness instead of a hosted runner. What differs from GitHub, and only this:
 * - `uses:` actions are not run (checkout, setup-node, cache, upload-artifact): the checkout is this
 *   repository, already installed; actions/cache reports a miss (no `cache-hit`); an
 *   upload-artifact step whose condition holds records the files at its `path` instead of uploading.
 * - the `npm ci` step is not run (see above); `npx stackctl` becomes `node cli/bin/stackctl.js`.
 * - `matrix.mode`, `github.run_id` and `github.workspace` are the caller's test values; secrets are
 *   empty; `runner.temp` is a temp folder; `hashFiles(…)` a fixed string.
 * - `extraEnv` joins the job's environment: the harness's emulator (STACKCTL_ENDPOINT, instead of
 *   the LocalStack `up` would start with compose), its stand-in base images, a state dir of the test's.
 * Steps run with bash -eo pipefail (GitHub's default shell) in the repository root, with
 * GITHUB_OUTPUT and GITHUB_ENV files per step, one GITHUB_STEP_SUMMARY, GITHUB_ACTIONS=true.
 */
export interface StepRecord {
  name: string;
  id: string | undefined;
  kind: "run" | "uses" | "replaced";
  ran: boolean;
  exitCode: number | undefined;
  output: string;
  outputs: Record<string, string>;
  /** An upload-artifact step that ran: the files under its path, relative to it. */
  uploaded?: string[];
}

export interface JobRun {
  steps: StepRecord[];
  state: JobState;
  summary: string;
  step(name: string): StepRecord;
}

/** Steps the test does not run and why (the only replacements besides `npx stackctl`). */
export const replacedRuns = new Set(["npm ci"]);

function parseKeyValues(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const eq = line.indexOf("=");
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

async function listFiles(dir: string): Promise<string[]> {
  const { readdir } = await import("node:fs/promises");
  return readdir(dir, { recursive: true }).catch(() => []);
}

export async function runGithubJob(options: {
  mode: string;
  runId: string;
  workspace: string;
  extraEnv: Record<string, string>;
}): Promise<JobRun> {
  const job = githubJob();
  const runnerTemp = path.join(options.workspace, ".runner-temp");
  await mkdir(runnerTemp, { recursive: true });
  const ctx: ExpressionContext = {
    matrix: { mode: options.mode },
    github: { run_id: options.runId, workspace: options.workspace },
    runner: { temp: runnerTemp, os: "Linux" },
    secrets: {},
    env: {},
    steps: {},
    hashFiles: "test-hash",
  };
  for (const [key, value] of Object.entries(job.env)) ctx.env[key] = interpolate(String(value), ctx);
  Object.assign(ctx.env, options.extraEnv);
  const summaryFile = path.join(runnerTemp, "step-summary.md");
  await writeFile(summaryFile, "");
  let state: JobState = "success";
  const steps: StepRecord[] = [];
  for (const [index, step] of job.steps.entries()) {
    const record = await runStep(step, index, {
      ctx,
      state,
      runnerTemp,
      summaryFile,
      workspace: options.workspace,
    });
    steps.push(record);
    if (record.id !== undefined) ctx.steps[record.id] = record.outputs;
    if (record.ran && record.exitCode !== 0 && state === "success") state = "failure";
  }
  const summary = await readFile(summaryFile, "utf8");
  return {
    steps,
    state,
    summary,
    step(name: string) {
      const found = steps.find((step) => step.name === name || step.id === name);
      if (found === undefined)
        throw new Error(`no step named ${name} in ${steps.map((s) => s.name).join(", ")}`);
      return found;
    },
  };
}

async function runStep(
  step: WorkflowStep,
  index: number,
  run: {
    ctx: ExpressionContext;
    state: JobState;
    runnerTemp: string;
    summaryFile: string;
    workspace: string;
  },
): Promise<StepRecord> {
  const name = step.name ?? step.uses ?? step.run ?? `step ${index}`;
  const record: StepRecord = {
    name,
    id: step.id,
    kind: step.uses !== undefined ? "uses" : "run",
    ran: false,
    exitCode: undefined,
    output: "",
    outputs: {},
  };
  if (!shouldRun(step.if, run.state, run.ctx)) return record;
  if (step.uses !== undefined) {
    record.ran = true;
    record.exitCode = 0;
    if (step.uses.startsWith("actions/upload-artifact@"))
      record.uploaded = await listFiles(path.join(run.workspace, String(step.with?.path ?? "")));
    return record;
  }
  const script = interpolate(step.run ?? "", run.ctx);
  if (replacedRuns.has(script.trim())) return { ...record, kind: "replaced" };
  const outputFile = path.join(run.runnerTemp, `output-${index}`);
  const envFile = path.join(run.runnerTemp, `env-${index}`);
  const scriptFile = path.join(run.runnerTemp, `step-${index}.sh`);
  await Promise.all([writeFile(outputFile, ""), writeFile(envFile, "")]);
  await writeFile(scriptFile, script.replaceAll("npx stackctl", `node ${binPath}`));
  const stepEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(step.env ?? {}))
    stepEnv[key] = interpolate(String(value), run.ctx);
  const result = await execa("bash", ["--noprofile", "--norc", "-eo", "pipefail", scriptFile], {
    cwd: repoPaths.root,
    reject: false,
    all: true,
    extendEnv: false,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CI: "true",
      GITHUB_ACTIONS: "true",
      ...run.ctx.env,
      ...stepEnv,
      GITHUB_OUTPUT: outputFile,
      GITHUB_ENV: envFile,
      GITHUB_STEP_SUMMARY: run.summaryFile,
      RUNNER_TEMP: run.runnerTemp,
      GITHUB_WORKSPACE: run.workspace,
    },
  });
  record.ran = true;
  record.exitCode = result.exitCode ?? -1;
  record.output = String(result.all);
  record.outputs = parseKeyValues(await readFile(outputFile, "utf8"));
  Object.assign(run.ctx.env, parseKeyValues(await readFile(envFile, "utf8")));
  await rm(scriptFile, { force: true });
  return record;
}
