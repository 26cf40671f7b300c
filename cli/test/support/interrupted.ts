import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "vitest";
import { parseNdJson } from "./nd-json.ts";

/** What a stopped real-bin run leaves to check: its exit, its output, whether the signal was sent. */
export interface StoppedRun {
  exitCode?: number | undefined;
  signal?: string | undefined;
  stdout?: unknown;
  stderr?: unknown;
}

/**
 * A real stackctl process stopped by a signal mid-command (SIGTERM: 143, SIGINT: 130) stopped the
 * orderly way: the signal was sent at the step the test waited for, the exit code is the signal's,
 * the last line is an INTERRUPTED result, the stack's lock is released and its ledger is whole JSON
 * for `stack`. Returns that ledger for the test's own checks.
 */
export async function expectInterrupted(
  run: StoppedRun,
  {
    signalled,
    cwd,
    stack,
    exitCode = 143,
  }: { signalled: boolean; cwd: string; stack: string; exitCode?: number },
): Promise<{ stack: string; resources: unknown[] }> {
  expect(signalled, `the signal was never sent:\n${String(run.stdout)}`).toBe(true);
  expect(run.exitCode, `${run.signal ?? ""} ${String(run.stderr)}`).toBe(exitCode);
  expect(parseNdJson(String(run.stdout))).toMatchObject({ ok: false, error: { code: "INTERRUPTED" } });
  const stackDir = path.join(cwd, ".stackctl", stack);
  expect(await readdir(stackDir)).not.toContain("lock");
  const ledger = JSON.parse(await readFile(path.join(stackDir, "state.json"), "utf8")) as {
    stack: string;
    resources: unknown[];
  };
  expect(ledger).toMatchObject({ stack });
  return ledger;
}
