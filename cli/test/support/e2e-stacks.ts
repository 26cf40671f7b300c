import { randomBytes } from "node:crypto";
import { afterAll, afterEach } from "vitest";
import { runCli, tempDirs } from "./capture-io.ts";
import { emulatorClients } from "./emulator-clients.ts";

export interface TestStack {
  stack: string;
  cwd: string;
  table: string;
  bucket: string;
  /** `stackctl <argv> --stack <stack>` in-process, in the stack's own throwaway cwd. */
  cli: (...argv: string[]) => ReturnType<typeof runCli>;
  /** The same with extra environment variables for this one run. */
  cliWith: (extraEnv: Record<string, string>, ...argv: string[]) => ReturnType<typeof runCli>;
}

/**
 * Stacks with unique names, so parallel runs on one emulator never collide. `cleanup` (afterEach)
 * purges each one and runs any extra cleanups a test registered.
 */
export function e2eStacks(
  endpoint: string,
  extraEnv: Record<string, string> = {},
  /** What every stack's name starts with (a suite's own prefix tells its leftovers apart). */
  prefix = "e2e",
) {
  // The harness's stand-in base images and registry (from .test-env), so deploys build offline.
  const passed = ["STACKCTL_BASE_IMAGE", "STACKCTL_LAMBDA_BASE_IMAGE", "STACKCTL_REGISTRY"] as const;
  const env: Record<string, string> = { STACKCTL_ENDPOINT: endpoint, ...extraEnv };
  for (const name of passed) {
    const value = process.env[name];
    if (value !== undefined && value !== "") env[name] = value;
  }
  const dirs = tempDirs("stackctl-e2e-");
  const cleanups: (() => Promise<unknown>)[] = [];
  return {
    env,
    dirs,
    async create(label: string): Promise<TestStack> {
      const stack = `${prefix}-${label}-${randomBytes(3).toString("hex")}`;
      const cwd = await dirs.make();
      const cli = (...argv: string[]) => runCli([...argv, "--stack", stack], { env, cwd });
      const cliWith = (extraEnv: Record<string, string>, ...argv: string[]) =>
        runCli([...argv, "--stack", stack], { env: { ...env, ...extraEnv }, cwd });
      // A cleanup that fails is a leak: it fails the test instead of passing unnoticed.
      cleanups.push(async () => {
        const down = await cli("down", "--purge");
        if (down.code !== 0)
          throw new Error(
            `cleanup \`down --purge\` of ${stack} exited ${down.code}:\n${down.stdout}${down.stderr}`,
          );
      });
      return { stack, cwd, cli, cliWith, table: `${stack}-inventory`, bucket: `${stack}-files` };
    },
    onCleanup(cleanup: () => Promise<unknown>): void {
      cleanups.push(cleanup);
    },
    async cleanup(): Promise<void> {
      // One after the other, in the order registered: two cleanups of one stack (a test's own
      // `down --endpoint …` beside the default one) would otherwise race for its lock.
      const failed: unknown[] = [];
      for (const cleanup of cleanups.splice(0)) await cleanup().catch((error: unknown) => failed.push(error));
      await dirs.cleanup();
      if (failed.length > 0) throw new AggregateError(failed, failed.map(String).join("\n"));
    },
  };
}

/**
 * For a describe block of CLI runs against the emulator: its stacks (purged after each test) and
 * SDK clients for the test's own checks (closed after all).
 */
export function e2eSuite(endpoint: string) {
  const stacks = e2eStacks(endpoint);
  const clients = emulatorClients(endpoint);
  afterEach(() => stacks.cleanup());
  afterAll(() => clients.destroy());
  return { stacks, clients };
}
