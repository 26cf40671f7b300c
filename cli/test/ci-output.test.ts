import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { EngineEvent } from "../src/engine/events.ts";
import { StackctlError } from "../src/errors.ts";
import { createCommandReporter } from "../src/report/ci/ci-reporter.ts";
import { envLines } from "../src/report/ci/env-lines.ts";
import { errorAnnotation } from "../src/report/ci/github-actions.ts";
import type { Rendering } from "../src/report/create-reporter.ts";
import { bufferStream, runCli } from "./support/capture-io.ts";

const upData = {
  stack: "ci-42-lambda",
  mode: "lambda",
  apiUrl: "http://localhost:4566/_aws/execute-api/abc123/dev/",
  directUrl: null,
  resources: { table: "ci-42-lambda-inventory", bucket: "ci-42-lambda-files", restApiId: "abc123" },
  deploy: {
    package: "zip",
    smoke: [
      { name: "health", ms: 12 },
      { name: "item create/get/update/delete", ms: 80 },
    ],
  },
  timings: { "provision.table": 40, "lambda.function": 1200, total: 3100 },
};

const buildEvents: EngineEvent[] = [
  { step: "image.container", status: "start" },
  { step: "image.container", status: "log", message: "Step 1/6 : FROM node:22-slim" },
  { step: "image.container", status: "log", message: "Step 2/6 : COPY . ." },
  { step: "image.container", status: "done", ms: 900, message: "built" },
  { step: "api", status: "start" },
];

const dir = await mkdtemp(path.join(os.tmpdir(), "stackctl-ci-output-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

function run(
  rendering: Rendering | "env",
  command: string,
  ok: boolean,
  ci: { githubActions: boolean; stepSummaryFile?: string },
) {
  const out = bufferStream();
  const err = bufferStream();
  const reporter = createCommandReporter(
    rendering,
    { stdout: out.stream, stderr: err.stream, color: false, verbose: false },
    { command, githubActions: ci.githubActions, stepSummaryFile: ci.stepSummaryFile },
  );
  for (const event of buildEvents) reporter.event(event);
  if (ok) reporter.result({ command, ok: true, data: upData, summary: ["Stack ci-42-lambda: created."] });
  else
    reporter.result({
      command,
      ok: false,
      error: new StackctlError("API_NOT_SERVING", { url: "http://x/", detail: "502, 50%" }),
    });
  return { stdout: out.chunks.join(""), stderr: err.chunks.join("") };
}

describe("--output env", () => {
  it("prints only KEY=value lines on stdout, every key present, progress and summary on stderr", () => {
    const { stdout, stderr } = run("env", "up", true, { githubActions: false });
    expect(stdout.trimEnd().split("\n")).toEqual([
      "STACKCTL_API_URL=http://localhost:4566/_aws/execute-api/abc123/dev/",
      "STACKCTL_DIRECT_URL=",
      "STACKCTL_STACK=ci-42-lambda",
      "STACKCTL_MODE=lambda",
      "STACKCTL_TABLE=ci-42-lambda-inventory",
      "STACKCTL_BUCKET=ci-42-lambda-files",
    ]);
    expect(stderr).toContain("Stack ci-42-lambda: created.");
  });

  it("on a failure prints nothing on stdout and the error on stderr", () => {
    const { stdout, stderr } = run("env", "up", false, { githubActions: false });
    expect(stdout).toBe("");
    expect(stderr).toContain("API_NOT_SERVING");
  });

  it("never lets a value with a line break add a line", () => {
    expect(envLines({ apiUrl: "http://a/\nSTACKCTL_MODE=evil" })[0]).toBe(
      "STACKCTL_API_URL=http://a/STACKCTL_MODE=evil",
    );
  });

  it("is refused with --json, for another format and for commands without those facts (exit 2)", async () => {
    const cwd = dir;
    for (const argv of [
      ["up", "--output", "env", "--json"],
      ["up", "--output", "yaml", "--json"],
    ]) {
      const res = await runCli(argv, { env: {}, cwd });
      expect(res.code, res.stdout).toBe(2);
      expect(res.result()).toMatchObject({ ok: false, error: { code: "USAGE" } });
    }
    const res = await runCli(["up", "--output", "yaml"], { env: {}, cwd });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Unknown --output format "yaml" (known: env)');
  });
});

describe("under GITHUB_ACTIONS=true", () => {
  it("folds a step's own output into one ::group:: and closes it before the next step", () => {
    const { stdout } = run("plain", "up", true, { githubActions: true });
    const lines = stdout.split("\n");
    const open = lines.indexOf("::group::image.container output");
    expect(open, stdout).toBeGreaterThanOrEqual(0);
    expect(lines.slice(open + 1, open + 4)).toEqual([
      "Step 1/6 : FROM node:22-slim",
      "Step 2/6 : COPY . .",
      "::endgroup::",
    ]);
    expect(lines.filter((line) => line.startsWith("::group::"))).toHaveLength(1);
  });

  it("prints no workflow command at all outside GitHub Actions", () => {
    const { stdout, stderr } = run("plain", "up", false, { githubActions: false });
    expect(`${stdout}${stderr}`).not.toContain("::");
  });

  it("a failure adds an ::error annotation titled with the code, escaped, message then hint", () => {
    const { stdout } = run("plain", "up", false, { githubActions: true });
    const annotation = stdout.split("\n").find((line) => line.startsWith("::error "));
    expect(annotation).toBe(
      errorAnnotation(
        "API_NOT_SERVING",
        new StackctlError("API_NOT_SERVING", { url: "http://x/", detail: "502, 50%" }).message,
        new StackctlError("API_NOT_SERVING").hint,
      ),
    );
    expect(annotation).toMatch(/^::error title=API_NOT_SERVING::.*50%25.*%0A/);
  });

  it("keeps stdout ND-JSON under --json: the annotation goes to stderr, no groups", () => {
    const { stdout, stderr } = run("json", "up", false, { githubActions: true });
    for (const line of stdout.trimEnd().split("\n")) expect(() => JSON.parse(line)).not.toThrow();
    expect(stderr).toMatch(/^::error title=API_NOT_SERVING::/m);
  });

  it("up appends a Markdown summary (URL, mode, package, smoke checks, timings); a failure names the code", async () => {
    const file = path.join(dir, "summary.md");
    run("plain", "up", true, { githubActions: true, stepSummaryFile: file });
    run("plain", "up", false, { githubActions: true, stepSummaryFile: file });
    run("plain", "status", true, { githubActions: true, stepSummaryFile: file });
    const markdown = await readFile(file, "utf8");
    expect(markdown).toContain("| API URL | http://localhost:4566/_aws/execute-api/abc123/dev/ |");
    expect(markdown).toContain("| mode | lambda |");
    expect(markdown).toContain("| package | zip |");
    expect(markdown).toContain("**Smoke checks:** 2 passed");
    expect(markdown).toContain("| item create/get/update/delete | 80 |");
    expect(markdown).toContain("| **total** | 3100 |");
    expect(markdown).toContain("failed: `API_NOT_SERVING`");
    // The failed run's timings come from its done events.
    expect(markdown).toContain("| image.container | 900 |");
    // status writes none.
    expect(markdown.match(/^### /gm)).toHaveLength(2);
  });
});
