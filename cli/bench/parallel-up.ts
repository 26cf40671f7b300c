// `npm run bench:parallel-up`: issue 18's figure for parallel `up`s. Each round starts three stacks'
// `up` at once through the real bin (mixed modes, as the e2e test "three stacks up at once in mixed
// modes" does: container, lambda, container), against the test environment's emulator and Docker
// engine, then `down --purge`s all three. Prints one JSON summary: rounds, failures, their error codes.
// Exits 1 when any `up` or `down` failed. Bounded: rounds (default 20) × one timed-out-at-worst `up`.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { loadTestEnvFile } from "../../test/support/test-env.ts";
import { Docker, leftovers } from "../test/support/kill-trials.ts";

loadTestEnvFile();
const rounds = Number(process.env.STACKCTL_BENCH_ROUNDS ?? 20);
const modes = (process.env.STACKCTL_BENCH_MODES ?? "container,lambda,container").split(",");
const upTimeoutMs = Number(process.env.STACKCTL_BENCH_UP_TIMEOUT_MS ?? 300_000);
const endpoint = process.env.STACKCTL_ENDPOINT ?? "http://127.0.0.1:4566";
const run = randomBytes(2).toString("hex");
const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  STACKCTL_ENDPOINT: endpoint,
};

const bin = fileURLToPath(new URL("../bin/stackctl.js", import.meta.url));

/** `stackctl <argv>` through the real bin as a child process, killed after `timeoutMs`. */
function stackctl(argv: string[], cwd: string, timeoutMs = upTimeoutMs) {
  return execa(process.execPath, [bin, ...argv], { cwd, env, reject: false, all: true, timeout: timeoutMs });
}

interface Outcome {
  round: number;
  stack: string;
  mode: string;
  exitCode: number | undefined;
  code: string | undefined;
  message: string | undefined;
  ms: number;
}

/** The result line of a `--json` run: its error code, or why there is none. */
function resultOf(stdout: string, timedOut: boolean): { ok: boolean; code?: string; message?: string } {
  if (timedOut) return { ok: false, code: "TIMED_OUT", message: `no result within ${upTimeoutMs} ms` };
  const last = stdout.trim().split("\n").at(-1) ?? "";
  try {
    const line = JSON.parse(last) as {
      type?: string;
      ok?: boolean;
      error?: { code: string; message: string };
    };
    if (line.type !== "result") return { ok: false, code: "NO_RESULT", message: last.slice(0, 300) };
    return line.ok === true
      ? { ok: true }
      : { ok: false, code: line.error?.code, message: line.error?.message };
  } catch {
    return { ok: false, code: "NO_RESULT", message: last.slice(0, 300) };
  }
}

const stacks = modes.map((mode, index) => ({ mode, stack: `par-${run}-${String.fromCharCode(97 + index)}` }));
const cwds = await Promise.all(stacks.map(() => mkdtemp(path.join(os.tmpdir(), "stackctl-par-"))));
const outcomes: Outcome[] = [];
const downFailures: { round: number; stack: string; exitCode: number | undefined; tail: string }[] = [];
const roundSeconds: number[] = [];
const started = performance.now();
try {
  for (let round = 1; round <= rounds; round += 1) {
    const roundStart = performance.now();
    const ups = await Promise.all(
      stacks.map(async ({ mode, stack }, index) => {
        const t0 = performance.now();
        const child = await stackctl(
          ["up", "--mode", mode, "--stack", stack, "--json"],
          cwds[index] ?? os.tmpdir(),
        );
        const result = resultOf(String(child.stdout ?? ""), child.timedOut);
        return {
          round,
          stack,
          mode,
          exitCode: child.exitCode ?? undefined,
          code: result.ok ? undefined : result.code,
          message: result.ok ? undefined : result.message,
          ms: Math.round(performance.now() - t0),
        } satisfies Outcome;
      }),
    );
    outcomes.push(...ups);
    roundSeconds.push(Math.round((performance.now() - roundStart) / 100) / 10);
    for (const [index, { stack }] of stacks.entries()) {
      const down = await stackctl(["down", "--purge", "--stack", stack], cwds[index] ?? os.tmpdir());
      if (down.exitCode !== 0)
        downFailures.push({
          round,
          stack,
          exitCode: down.exitCode,
          tail: String(down.all ?? "").slice(-400),
        });
    }
    const failed = ups.filter((up) => up.exitCode !== 0);
    process.stderr.write(
      `round ${round}/${rounds}: ${failed.length === 0 ? "ok" : failed.map((f) => `${f.stack} ${f.code}`).join(", ")} (${roundSeconds.at(-1)} s)\n`,
    );
  }
} finally {
  for (const [index, { stack }] of stacks.entries())
    await stackctl(["down", "--purge", "--stack", stack], cwds[index] ?? os.tmpdir());
  await Promise.all(cwds.map((cwd) => rm(cwd, { recursive: true, force: true })));
}
const docker = new Docker();
const left = await Promise.all(stacks.map(({ stack }) => leftovers(docker, stack)));
const failures = outcomes.filter((outcome) => outcome.exitCode !== 0);
const errorCodes: Record<string, number> = {};
for (const failure of failures)
  errorCodes[failure.code ?? "UNKNOWN"] = (errorCodes[failure.code ?? "UNKNOWN"] ?? 0) + 1;
const sorted = [...roundSeconds].sort((a, b) => a - b);
const summary = {
  rounds,
  stacksPerRound: stacks.length,
  modes,
  endpoint,
  ups: outcomes.length,
  failures: failures.length,
  errorCodes,
  failed: failures.map(({ round, stack, mode, code, message }) => ({ round, stack, mode, code, message })),
  downFailures,
  leftovers: left.reduce((sum, l) => sum + l.containers + l.images + l.networks, 0),
  roundSeconds: { median: sorted[Math.floor(sorted.length / 2)], max: sorted.at(-1) },
  seconds: Math.round((performance.now() - started) / 1000),
};
console.log(JSON.stringify(summary, null, 2));
process.exitCode = failures.length === 0 && downFailures.length === 0 ? 0 : 1;
