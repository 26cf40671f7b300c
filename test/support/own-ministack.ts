import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort } from "./free-port.ts";
import { poll } from "./poll.ts";
import { repoRoot } from "./test-env.ts";

/** The harness's ministack venv (scripts/test-env/emulator.sh), for tests that need an instance of their own. */
export function ministackPython(): string | undefined {
  const versions = readFileSync(path.join(repoRoot, "scripts/test-env/versions.env"), "utf8");
  const version = /^MINISTACK_VERSION=(\S+)/m.exec(versions)?.[1];
  const home = process.env.STACKCTL_TEST_ENV_HOME ?? path.join(os.homedir(), ".cache/stackctl-test-env");
  const python = path.join(home, `ministack-${version}`, "bin", "python");
  return existsSync(python) ? python : undefined;
}

/**
 * A ministack this test starts, stops and restarts itself (by its own PID), on a free port, bound to
 * 127.0.0.1 and the docker bridge gateway like the harness's. State is in memory: a restart loses it.
 */
export async function ownMinistack(gateway: string) {
  const python = ministackPython();
  if (python === undefined) throw new Error("no ministack venv; run `npm run test-env:up`");
  const port = await freePort();
  const dir = await mkdtemp(path.join(os.tmpdir(), "own-ministack-"));
  const endpoint = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      python,
      ["-m", "hypercorn", "ministack.app:app", "--bind", `127.0.0.1:${port}`, "--bind", `${gateway}:${port}`],
      {
        cwd: dir,
        env: { ...process.env, GATEWAY_PORT: String(port), LOG_LEVEL: "WARNING" },
        stdio: "ignore",
      },
    );
    await poll(
      `ministack on ${endpoint}`,
      async () =>
        (await fetch(`${endpoint}/_localstack/health`, { signal: AbortSignal.timeout(1_000) })).ok
          ? true
          : undefined,
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  };
  const stop = async () => {
    const running = child;
    if (running === undefined || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (running.exitCode === null) running.kill("SIGKILL");
  };
  await start();
  return {
    endpoint,
    port,
    restart: async () => {
      await stop();
      await start();
    },
    close: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
