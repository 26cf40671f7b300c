import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { repoPaths } from "../../src/paths.ts";

/** The example pipelines users copy (docs/ci.md). */
export const examples = {
  github: path.join(repoPaths.root, "examples/ci/github-actions.yml"),
  gitlab: path.join(repoPaths.root, "examples/ci/gitlab-ci.yml"),
};

export interface WorkflowStep {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}

export interface WorkflowJob {
  "runs-on": string;
  strategy: { "fail-fast"?: boolean; matrix: Record<string, unknown[]> };
  env: Record<string, string>;
  steps: WorkflowStep[];
}

export interface Workflow {
  name: string;
  on: unknown;
  jobs: Record<string, WorkflowJob>;
}

export function readYaml<T>(file: string): T {
  return parse(readFileSync(file, "utf8")) as T;
}

/** The example's one job. */
export function githubJob(): WorkflowJob {
  const jobs = Object.values(readYaml<Workflow>(examples.github).jobs);
  if (jobs.length !== 1) throw new Error(`${examples.github}: expected one job, found ${jobs.length}`);
  return jobs[0] as WorkflowJob;
}

/** The image docker-compose.yml pins (`${STACKCTL_EMULATOR_IMAGE:-<pin>}`). */
export function composePin(): string {
  const text = readFileSync(path.join(repoPaths.root, "docker-compose.yml"), "utf8");
  const pin = /image: \$\{STACKCTL_EMULATOR_IMAGE:-([^}]+)\}/.exec(text)?.[1];
  if (pin === undefined) throw new Error("docker-compose.yml: no pinned LocalStack image found");
  return pin;
}

/** Every `npx stackctl …` command line in a script, as its words (quotes kept as written). */
export function stackctlInvocations(script: string): string[][] {
  return [...script.matchAll(/npx stackctl ([^\n>|&;]*)/g)].map((match) =>
    (match[1] ?? "")
      .trim()
      .split(/\s+/)
      .filter((word) => word !== ""),
  );
}

/** The contexts a step's `${{ … }}` expressions read, as a runner would fill them. */
export interface ExpressionContext {
  matrix: Record<string, string>;
  github: Record<string, string>;
  runner: Record<string, string>;
  secrets: Record<string, string>;
  env: Record<string, string>;
  /** Step id → its outputs. */
  steps: Record<string, Record<string, string>>;
  /** hashFiles(…): a value standing in for the hash (the test never restores a cache). */
  hashFiles: string;
}

function lookup(expression: string, ctx: ExpressionContext): string {
  const trimmed = expression.trim();
  if (/^hashFiles\(.*\)$/.test(trimmed)) return ctx.hashFiles;
  const literal = /^'([^']*)'$/.exec(trimmed);
  if (literal !== null) return literal[1] ?? "";
  const [root, ...rest] = trimmed.split(".");
  if (root === "steps" && rest.length === 3 && rest[1] === "outputs")
    return ctx.steps[rest[0] ?? ""]?.[rest[2] ?? ""] ?? "";
  const contexts: Record<string, Record<string, string>> = {
    matrix: ctx.matrix,
    github: ctx.github,
    runner: ctx.runner,
    secrets: ctx.secrets,
    env: ctx.env,
  };
  const source = contexts[root ?? ""];
  // An expression this runner does not know is drift between the example and this test: fail.
  if (source === undefined || rest.length !== 1) throw new Error(`unsupported expression: ${trimmed}`);
  return source[rest[0] ?? ""] ?? "";
}

/** `${{ … }}` in a string, replaced as the runner does before the shell sees it. */
export function interpolate(text: string, ctx: ExpressionContext): string {
  return text.replace(/\$\{\{(.*?)\}\}/g, (_, expression: string) => lookup(expression, ctx));
}

export type JobState = "success" | "failure" | "cancelled";

/**
 * A step's `if:` as the runner decides it: none means success(); status functions, `==`/`!=` of
 * two values and `||` of those. Anything else throws (an unsupported condition is drift).
 */
export function shouldRun(condition: string | undefined, state: JobState, ctx: ExpressionContext): boolean {
  const text = (condition ?? "success()").replace(/^\$\{\{(.*)\}\}$/s, "$1").trim();
  const statusCalled = /\b(always|success|failure|cancelled)\(\)/.test(text);
  const value = text.split("||").some((part) => {
    const term = part.trim();
    if (term === "always()") return true;
    if (term === "success()") return state === "success";
    if (term === "failure()") return state === "failure";
    if (term === "cancelled()") return state === "cancelled";
    const comparison = /^(.+?)\s*(==|!=)\s*(.+)$/.exec(term);
    if (comparison === null) throw new Error(`unsupported condition: ${term}`);
    const equal = lookup(comparison[1] ?? "", ctx) === lookup(comparison[3] ?? "", ctx);
    return comparison[2] === "==" ? equal : !equal;
  });
  // Without a status function, GitHub adds `success() &&`.
  return statusCalled ? value : value && state === "success";
}
